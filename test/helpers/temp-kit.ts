// A throwaway copy of the built kit (its exercises, grader and dist, sharing node_modules), so tests of commands that
// change the learner's files or state (reset, hint, solution, watch) never touch the real exercises/ or .asyncio-lab/.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kitRoot } from '../../grader/paths.js';

export interface TempKit {
  root: string;
  // The kit's own CLI entry in the copy.
  bin: string;
  exercise(id: string, ...parts: string[]): string;
  remove(): void;
}

// `sources`: also the TypeScript set-up and scripts, for tests that build the copy or run its maintainer commands.
export function makeTempKit(options: { sources?: boolean } = {}): TempKit {
  const root = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-kit-'));
  const sources = options.sources ? ['tsconfig.json', 'tsconfig.build.json', 'scripts', 'test'] : [];
  for (const entry of [
    'package.json',
    'grading-policy.json',
    '.gitignore',
    'bin',
    'dist',
    'grader',
    'exercises',
    ...sources,
  ]) {
    cpSync(path.join(kitRoot, entry), path.join(root, entry), {
      recursive: true,
      // Learners' backups and Python caches in the real kit are not part of the kit as shipped.
      filter: (source) => !/__pycache__|\.backup-/.test(source),
    });
  }
  symlinkSync(path.join(kitRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return {
    root,
    bin: path.join(root, 'bin', 'asyncio-lab.js'),
    exercise: (id, ...parts) => path.join(root, 'exercises', id, ...parts),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
