// The isolation levels this machine can test, each with a Python it can run (an unprivileged user cannot run a
// Python kept under /root, so that level uses a system Python where there is one).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IsolationLevel } from '../../grader/sandbox/isolation.js';

export interface TestLevel {
  level: IsolationLevel;
  // The Python to grade with at this level, or undefined for the tests' usual one.
  python?: string;
}

const SYSTEM_PYTHONS = ['/usr/bin/python3', '/usr/local/bin/python3'];

export function bwrapPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'bwrap');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

// A Python every user may run: its folders are open to others all the way up.
export function systemPython(): string | undefined {
  return SYSTEM_PYTHONS.find((p) => existsSync(p) && openToOthers(p));
}

function openToOthers(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (path.dirname(dir) === dir) return true;
  }
}

// bwrap where bubblewrap is installed, uid where the tests run as root on Linux, and none everywhere.
export function isolationLevels(): TestLevel[] {
  const levels: TestLevel[] = [];
  if (process.platform === 'linux' && bwrapPath()) levels.push({ level: 'bwrap' });
  const python = systemPython();
  if (process.platform === 'linux' && isRoot() && python) levels.push({ level: 'uid', python });
  levels.push({ level: 'none' });
  return levels;
}
