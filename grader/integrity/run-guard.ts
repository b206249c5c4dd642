// Keeps the grader's own code out of learner code's reach for the length of a run. Everything the run will need
// is loaded before the first learner process starts, so a file changed during the run is never executed; the
// grader's files are fingerprinted before and compared after the last learner process, and a difference turns
// every check of the run into an error.
import { loadCourse } from '../engine/course.js';
import * as say from '../messages.js';
import { withExercises } from '../results/assemble.js';
import type { RunResults } from '../results/types.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildManifest, digest, MANIFEST_NAME } from './manifest.js';

// Loads every module a grading may import later: each exercise's grader and every reporter.
export async function preloadForRun(options: { github?: boolean } = {}): Promise<void> {
  await Promise.all([
    ...loadCourse().map((exercise) => exercise.loadGrader()),
    import('../reporters/terminal.js'),
    import('../reporters/github.js'),
    import('../reporters/github-annotations.js'),
    import('../reporters/github-summary.js'),
    import('../reporters/gradescope.js'),
    import('../reporters/html.js'),
    import('../results/assemble.js'),
    import('../learner/last-results.js'),
    import('execa'),
    ...(options.github ? [import('../reporters/github.js').then((github) => github.preloadCore())] : []),
  ]);
}

export type Fingerprint = Record<string, string>;

// The digests of the grader's files as they are now.
export function fingerprint(root: string): Fingerprint {
  try {
    const files = buildManifest(root).files;
    const manifest = path.join(root, MANIFEST_NAME);
    if (existsSync(manifest)) files[MANIFEST_NAME] = digest(manifest);
    return files;
  } catch {
    return {};
  }
}

// Every file added, removed or changed since `before`.
export function changedSince(root: string, before: Fingerprint): string[] {
  const after = fingerprint(root);
  const changed = new Set<string>();
  for (const [file, sum] of Object.entries(before)) if (after[file] !== sum) changed.add(file);
  for (const file of Object.keys(after)) if (!(file in before)) changed.add(file);
  return [...changed].sort();
}

// A run during which the grader's files changed cannot be trusted: every check becomes an error that says so.
export function graderChangedDuringRun(results: RunResults, files: string[]): RunResults {
  const message = say.graderChangedDuringRun(files);
  const exercises = results.exercises.map((exercise) => ({
    ...exercise,
    status: 'error' as const,
    points: 0,
    message,
    checks: exercise.checks.map(
      ({ evidence: _evidence, expected: _expected, actual: _actual, location: _location, ...check }) => ({
        ...check,
        status: 'error' as const,
        points: 0,
        message,
      }),
    ),
  }));
  return { ...withExercises(results, exercises), integrity: { status: 'modified', files } };
}
