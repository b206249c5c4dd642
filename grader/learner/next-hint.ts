// Which hint a learner gets next: the task (the first failing one by their last grade of the file as it is now, or the
// one they name), why that task, and how many of its hints to show. Shared by `hint` and watch mode's h key.
import { isUntouched, readHints, type Exercise, type TaskMeta } from '../engine/course.js';
import { readHintsSeen, seenCount, type HintsSeen } from './hints-seen.js';
import { lastGrade, type LastResults } from './last-results.js';

// Why this task: what the learner reads above the hint.
export type HintReason =
  // The first task with a failing check in the last grade, which is of the file as it is now.
  | 'failing'
  // The same, but the file changed after that grade.
  | 'failing-before-edit'
  // The learner named the task.
  | 'chosen'
  // The file is still the stub as shipped.
  | 'not-started'
  // The file was changed, and has not been graded since it stopped being the stub.
  | 'not-graded'
  // Every check passed in the last grade.
  | 'all-pass';

// The next hint of one task, ready to show.
export interface NextHint {
  exercise: Exercise;
  task: TaskMeta;
  reason: HintReason;
  // Every hint of the task, in order, from a nudge to nearly the answer.
  hints: string[];
  // How many to show: every hint read before, and one more (all of them once all were read).
  shown: number;
  // Every hint had already been read before this time.
  allReadBefore: boolean;
}

// The task to help with, from the file on disk and the last grade of it.
export function chooseTask(exercise: Exercise, last: LastResults | null): { number: number; reason: HintReason } {
  const first = exercise.meta.tasks[0]?.number ?? 1;
  if (isUntouched(exercise, exercise.learnerFile)) return { number: first, reason: 'not-started' };
  const state = lastGrade(exercise, last);
  // A grade of the stub says nothing about what the learner wrote since.
  if (state.kind === 'never' || !state.result.started) return { number: first, reason: 'not-graded' };
  const failing = state.result.checks.filter((c) => c.status !== 'pass').map((c) => c.task);
  if (failing.length === 0) return { number: first, reason: 'all-pass' };
  return { number: Math.min(...failing), reason: state.kind === 'changed' ? 'failing-before-edit' : 'failing' };
}

// The next hint for a task (or the chosen task number); undefined when the exercise has no such task.
export function nextHint(
  exercise: Exercise,
  chosenTask: number | undefined,
  last: LastResults | null,
  seen: HintsSeen = readHintsSeen(),
): NextHint | undefined {
  const { number, reason } =
    chosenTask === undefined ? chooseTask(exercise, last) : { number: chosenTask, reason: 'chosen' as const };
  const task = exercise.meta.tasks.find((t) => t.number === number);
  if (!task) return undefined;
  const hints = readHints(exercise).get(task.number) ?? [];
  const already = seenCount(seen, exercise.meta.id, task.number);
  return {
    exercise,
    task,
    reason,
    hints,
    shown: Math.min(hints.length, already + 1),
    allReadBefore: hints.length > 0 && already >= hints.length,
  };
}
