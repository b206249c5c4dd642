import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The kit's root folder, found the same way from the TypeScript sources and from dist/.
function findKitRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'asyncio-lab') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('asyncio-lab: cannot find the kit root (package.json named asyncio-lab)');
    dir = parent;
  }
}

export const kitRoot = findKitRoot();
export const exercisesDir = path.join(kitRoot, 'exercises');
export const schemasDir = path.join(kitRoot, 'grader', 'schemas');
// Git-ignored folder for what a run leaves behind (results, remembered hints).
export const stateDir = path.join(kitRoot, '.asyncio-lab');
export const defaultResultsPath = path.join(stateDir, 'results.json');

export function kitVersion(): string {
  return (JSON.parse(readFileSync(path.join(kitRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

// A path as a learner should read it: relative to where they stand, never an absolute path of this machine.
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const fromCwd = path.relative(cwd, file);
  if (fromCwd && !fromCwd.startsWith('..') && !path.isAbsolute(fromCwd)) return toSlash(fromCwd);
  const fromKit = path.relative(kitRoot, file);
  if (fromKit && !fromKit.startsWith('..') && !path.isAbsolute(fromKit)) return toSlash(fromKit);
  return path.basename(file);
}

// Where the grader wrote something the user asked for (--json, --html): relative when under the current folder,
// else the full path, so that it can be opened.
export function outputPath(file: string, cwd: string = process.cwd()): string {
  const fromCwd = path.relative(cwd, file);
  return fromCwd && !fromCwd.startsWith('..') && !path.isAbsolute(fromCwd) ? toSlash(fromCwd) : file;
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}
