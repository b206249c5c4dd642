// What a learner should do next, from where they stand on each exercise: what `list` ends with, and what the grade
// command and watch mode say once an exercise passes.
import path from 'node:path';
import { exerciseNumber } from '../engine/course.js';
import * as say from '../messages.js';
import { displayPath } from '../paths.js';
import type { ExerciseProgress } from './progress.js';

// The exercise to work on: the first one not done, in course order (undefined once every one is done).
export function currentExercise(progress: ExerciseProgress[]): ExerciseProgress | undefined {
  return progress.find((p) => p.status !== 'done');
}

// One or two sentences, each with the command to type.
export function nextStep(progress: ExerciseProgress[]): string {
  const current = currentExercise(progress);
  if (!current) return say.nextAllDone(exerciseNumber(progress[0]?.exercise.meta.id ?? '01'));
  const { exercise } = current;
  const id = exercise.meta.id;
  const number = exerciseNumber(id);
  const file = displayPath(exercise.learnerFile);
  switch (current.status) {
    case 'missing':
      return say.nextMissing(id, number, file);
    case 'not-started':
      return say.nextNotStarted(id, number, file, displayPath(path.join(exercise.dir, 'README.md')));
    case 'changed':
      return say.nextChanged(id, number);
    case 'cannot-run':
      return say.nextCannotRun(id, number);
    default:
      return say.nextInProgress(id, number);
  }
}

// After `passed` passes: its solution is open now, and what comes next.
export function afterPass(passed: string, progress: ExerciseProgress[]): string {
  return `${say.passedNow(passed, exerciseNumber(passed))} ${nextStep(progress)}`;
}
