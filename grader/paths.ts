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
// A run of a file that is not the learner's own (--file) goes here, so results.json keeps the learner's latest grades.
export const otherFileResultsPath = path.join(stateDir, 'file-results.json');

export function kitVersion(): string {
  return (JSON.parse(readFileSync(path.join(kitRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

// Where the command was typed. `npm run` starts every script in the package's root and says where it was typed in
// INIT_CWD; a path given on the command line means a file from there. Only when this process runs in the kit's root
// under npm (npm_lifecycle_event set): an INIT_CWD left over from an outer npm script says nothing about this command.
export function invocationDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const typedAt = env.INIT_CWD;
  if (typedAt && env.npm_lifecycle_event && path.resolve(cwd) === kitRoot && path.isAbsolute(typedAt)) return typedAt;
  return cwd;
}

// A path as a learner should read it: relative to where they stand, never an absolute path of this machine.
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const fromCwd = path.relative(cwd, file);
  if (fromCwd && !fromCwd.startsWith('..') && !path.isAbsolute(fromCwd)) return toSlash(fromCwd);
  const fromKit = path.relative(kitRoot, file);
  if (fromKit && !fromKit.startsWith('..') && !path.isAbsolute(fromKit)) return toSlash(fromKit);
  return path.basename(file);
}

// Where the grader wrote something the user asked for (--json, --html): relative when under the folder where the
// command was typed, else the full path, so that it can be opened.
export function outputPath(file: string, cwd: string = invocationDir()): string {
  const fromCwd = path.relative(cwd, file);
  return fromCwd && !fromCwd.startsWith('..') && !path.isAbsolute(fromCwd) ? toSlash(fromCwd) : file;
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}
