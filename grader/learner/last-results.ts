// The learner's last grade, from the results document the grade command leaves in .asyncio-lab/: what list, hint
// and solution go by. A grade counts for an exercise only if it graded the learner's own file and the file has not
// changed since.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from '../engine/course.js';
import { defaultResultsPath, kitRoot } from '../paths.js';
import type { ExerciseResult, RunResults } from '../results/types.js';
import { isRunResults } from '../results/validators.js';

// The document and when it was written, to tell whether a file changed after it was graded.
export interface LastResults {
  results: RunResults;
  // When the document was written (ms since the epoch).
  at: number;
}

// null when there is no document yet, or it cannot be read or does not match its schema (a learner may delete or
// break it, or an older kit wrote it): it is then as if nothing had been graded.
export function readLastResults(file: string = defaultResultsPath): LastResults | null {
  if (!existsSync(file)) return null;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return isRunResults(data) ? { results: data, at: statSync(file).mtimeMs } : null;
  } catch {
    return null;
  }
}

// How far the last grade can be trusted for an exercise.
export type GradeState =
  { kind: 'graded'; result: ExerciseResult } | { kind: 'changed'; result: ExerciseResult } | { kind: 'never' };

// The last grade of this exercise's own file: current, out of date (the file changed since), or none.
export function lastGrade(exercise: Exercise, last: LastResults | null): GradeState {
  const result = last?.results.exercises.find((e) => e.id === exercise.meta.id);
  if (!last || !result) return { kind: 'never' };
  // The results name the file as the learner read it: relative to where grade ran, usually the kit root.
  const candidates = [path.resolve(kitRoot, result.file), path.resolve(result.file)];
  if (!candidates.includes(path.resolve(exercise.learnerFile))) return { kind: 'never' };
  if (existsSync(exercise.learnerFile) && statSync(exercise.learnerFile).mtimeMs > last.at)
    return { kind: 'changed', result };
  return { kind: 'graded', result };
}
