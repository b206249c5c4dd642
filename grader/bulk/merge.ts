// Joins runs of single exercises (each graded with its own file) into one results document for a submission.
import { overall } from '../engine/grade.js';
import type { RunResults } from '../results/types.js';

// The engine grades one --file per run; a submission has a file per exercise.
export function mergeRuns([first, ...rest]: [RunResults, ...RunResults[]]): RunResults {
  const runs = [first, ...rest];
  const exercises = runs.flatMap((r) => r.exercises);
  return {
    ...first,
    durationMs: Math.round(runs.reduce((sum, r) => sum + r.durationMs, 0) * 10) / 10,
    status: overall(exercises.map((e) => e.status)),
    score: {
      points: exercises.reduce((sum, e) => sum + e.points, 0),
      maxPoints: exercises.reduce((sum, e) => sum + e.maxPoints, 0),
    },
    exercises,
  };
}
