import { existsSync, statSync } from 'node:fs';
import { pythonProblem } from '../messages.js';
import { EnvironmentError } from '../errors.js';

export interface PythonInfo {
  // The real interpreter (sys.executable), spawned directly so a launcher shim is paid for once.
  executable: string;
  version: string;
  implementation: string;
  // How it was asked for: the --python value, $PYTHON, or the command name found on PATH.
  requested: string;
}

export interface Candidate {
  command: string;
  args: string[];
  source: 'option' | 'env' | 'path';
}

// Why a candidate could not even be asked for its version: each gets its own advice (a typo is not a missing Python).
export type NotRun = 'no-such-file' | 'not-on-path' | 'is-folder' | 'not-executable' | 'not-python' | 'timed-out';

export interface Found {
  candidate: Candidate;
  info?: { executable: string; version: string; implementation: string; versionInfo: number[] };
  error?: string;
  notRun?: NotRun;
}

// The oldest CPython the kit supports: what a learner on a still-supported Linux LTS meets (Ubuntu 22.04, and
// Gradescope's default image, ship 3.10). Older ones are refused with a message naming what was found.
export const MINIMUM: readonly [number, number] = [3, 10];

const PROBE =
  'import sys, platform, json; print(json.dumps({"executable": sys.executable, "version": platform.python_version(), ' +
  '"implementation": platform.python_implementation(), "versionInfo": list(sys.version_info[:3])}))';

export function candidates(option: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Candidate[] {
  if (option) return [{ command: option, args: [], source: 'option' }];
  if (env.PYTHON) return [{ command: env.PYTHON, args: [], source: 'env' }];
  const list: Candidate[] = [
    { command: 'python3', args: [], source: 'path' },
    { command: 'python', args: [], source: 'path' },
  ];
  if (platform === 'win32') list.push({ command: 'py', args: ['-3'], source: 'path' });
  return list;
}

export function isSupported(found: Found): boolean {
  const info = found.info;
  if (!info || info.implementation !== 'CPython') return false;
  const [major = 0, minor = 0] = info.versionInfo;
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

async function inspect(candidate: Candidate): Promise<Found> {
  const { execa } = await import('execa');
  const result = await execa(candidate.command, [...candidate.args, '-c', PROBE], {
    reject: false,
    timeout: 15_000,
    stdin: 'ignore',
    windowsHide: true,
  });
  if (result.failed) {
    const notRun = whyNotRun(candidate.command, (result as { code?: string }).code, result.timedOut);
    return { candidate, notRun, error: NOT_RUN[notRun] };
  }
  try {
    const line = result.stdout.trim().split('\n').pop() ?? '';
    return { candidate, info: JSON.parse(line) as Found['info'] };
  } catch {
    return { candidate, notRun: 'not-python', error: NOT_RUN['not-python'] };
  }
}

// In a few words, for the list of what was tried (never the failed command line itself).
const NOT_RUN: Record<NotRun, string> = {
  'no-such-file': 'there is no such file',
  'not-on-path': 'not found on PATH',
  'is-folder': 'it is a folder, not a program',
  'not-executable': 'it is not a program that can be run (permission denied)',
  'not-python': 'it is not a Python interpreter (it did not answer when asked for its version)',
  'timed-out': 'it did not answer within 15 s',
};

// A path (it has a slash) that is not there is a typo to fix; a bare name is looked up on PATH.
function whyNotRun(command: string, code: string | undefined, timedOut: boolean): NotRun {
  if (timedOut) return 'timed-out';
  const isPath = /[\\/]/.test(command);
  if (isPath && existsSync(command) && statSync(command).isDirectory()) return 'is-folder';
  if (code === 'ENOENT') return isPath && !existsSync(command) ? 'no-such-file' : isPath ? 'not-python' : 'not-on-path';
  if (code === 'EACCES') return 'not-executable';
  return 'not-python';
}

// Finds a supported CPython or throws an EnvironmentError whose message says what was found and what is needed.
export async function findPython(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PythonInfo> {
  const tried: Found[] = [];
  for (const candidate of candidates(option, env, process.platform)) {
    const found = await inspect(candidate);
    tried.push(found);
    if (isSupported(found) && found.info) {
      return {
        executable: found.info.executable,
        version: found.info.version,
        implementation: found.info.implementation,
        requested: [candidate.command, ...candidate.args].join(' '),
      };
    }
  }
  throw new EnvironmentError(pythonProblem(tried, MINIMUM));
}
