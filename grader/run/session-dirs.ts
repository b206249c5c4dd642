// A session's private folder: the harness's own Python files, the exercises' twins and snapshots of the learner's
// files (all read-only to learner code), the witness's socket, and a temporary folder.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kitRoot } from '../paths.js';

const HARNESS_SOURCE = path.join(kitRoot, 'grader', 'python');

export interface SessionDirs {
  root: string;
  harness: string;
  twins: string;
  files: string;
  sockDir: string;
  socket: string;
  tmp: string;
  // Carried in the environment of learner processes where nothing else can find them (no isolation).
  marker: string;
}

export function makeDirs(): SessionDirs {
  const root = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-'));
  const dirs: SessionDirs = {
    root,
    harness: path.join(root, 'lab', 'harness'),
    twins: path.join(root, 'lab', 'twins'),
    files: path.join(root, 'lab', 'files'),
    sockDir: path.join(root, 'sock'),
    socket: path.join(root, 'sock', 'witness.sock'),
    tmp: path.join(root, 'tmp'),
    marker: `asyncio-lab-${path.basename(root)}`,
  };
  for (const dir of [dirs.twins, dirs.files]) mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(path.join(root, 'lab'), 0o755);
  mkdirSync(dirs.sockDir, { mode: 0o700 });
  mkdirSync(dirs.tmp, { mode: 0o700 });
  copyTree(HARNESS_SOURCE, dirs.harness);
  return dirs;
}

// The harness's Python files only: nothing else of the kit goes where learner code can look.
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o755 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== '__pycache__')
      copyTree(path.join(from, entry.name), path.join(to, entry.name));
    else if (entry.isFile() && entry.name.endsWith('.py')) {
      copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
      chmodSync(path.join(to, entry.name), 0o644);
    }
  }
}
