// The folders a Python installation needs inside a sandbox: its executable's folder and its prefixes.
import { execFile } from 'node:child_process';
import path from 'node:path';

const PROBE =
  'import json, os, sys; print(json.dumps([os.path.dirname(os.path.realpath(sys.executable)), sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix]))';

const cache = new Map<string, Promise<string[]>>();

// Folders to bind read-only, outside those every sandbox gets (/usr and the /lib folders).
export function pythonRoots(executable: string): Promise<string[]> {
  let found = cache.get(executable);
  if (!found) {
    found = new Promise((resolve, reject) => {
      execFile(executable, ['-I', '-S', '-c', PROBE], { timeout: 15_000 }, (error: Error | null, stdout) => {
        if (error) {
          reject(error);
          return;
        }
        try {
          const dirs = (JSON.parse(stdout) as string[]).map((dir) => path.resolve(dir));
          resolve(outermost(dirs.filter((dir) => dir !== '/' && !isUnder(dir, '/usr'))));
        } catch (cause) {
          reject(cause instanceof Error ? cause : new Error(String(cause)));
        }
      });
    });
    cache.set(executable, found);
  }
  return found;
}

function isUnder(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

// Each folder once, and none inside another that is already there.
function outermost(dirs: string[]): string[] {
  const unique = [...new Set(dirs)].sort((a, b) => a.length - b.length);
  return unique.filter((dir, i) => !unique.slice(0, i).some((other) => isUnder(dir, other)));
}
