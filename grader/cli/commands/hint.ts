// `npm run grade -- hint 03 [task]`: the next hint the learner has not read yet, for the first failing task of the
// last grade (or the chosen task), after the ones already read; what was read is remembered in .asyncio-lab/.
import { findExercise, loadCourse, readHints, type Exercise } from '../../engine/course.js';
import { EnvironmentError } from '../../errors.js';
import { readHintsSeen, recordSeen, seenCount } from '../../learner/hints-seen.js';
import { lastGrade, readLastResults } from '../../learner/last-results.js';
import * as say from '../../messages.js';
import { chooseStyle } from '../../reporters/style.js';
import type { Command } from '../argv.js';
import type { Io } from '../main.js';

type Why = 'failing' | 'chosen' | 'no-results' | 'not-started' | 'all-pass';

// Exit 0 with the hints shown; an unknown task is an environment error (exit 2) naming the tasks there are.
export async function hint(command: Extract<Command, { kind: 'hint' }>, io: Io): Promise<number> {
  const exercise = findExercise(loadCourse(), command.exercise);
  const tasks = exercise.meta.tasks;
  const { number, why } = command.task === undefined ? firstFailingTask(exercise) : { number: Number(command.task), why: 'chosen' as Why };
  const task = tasks.find((t) => t.number === number);
  if (!task) throw new EnvironmentError(say.unknownTask(exercise.meta.id, command.task ?? '', tasks.length));
  const style = chooseStyle(io.stdout, io.env);
  const id = exercise.meta.id;
  const shortId = id.split('-')[0] ?? id;
  const hints = readHints(exercise).get(task.number) ?? [];
  if (hints.length === 0) {
    io.stdout.write(`${say.noHints(id, task.number)}\n`);
    return 0;
  }
  const already = seenCount(readHintsSeen(), id, task.number);
  // Every hint read so far, then one more; once all were read, all of them.
  const shown = Math.min(hints.length, already + 1);
  const explanation = say.hintWhy(id, task.number, why);
  if (explanation) io.stdout.write(`${style.dim(explanation)}\n`);
  io.stdout.write(`${style.bold(say.hintHeading(id, task.number, task.title, shown, hints.length))}\n\n`);
  hints.slice(0, shown).forEach((text, index) => {
    const body = `${index + 1}. ${text.split('\n').join('\n   ')}`;
    io.stdout.write(`${index < shown - 1 ? style.dim(body) : body}\n\n`);
  });
  recordSeen(id, task.number, shown);
  io.stdout.write(`${style.dim(say.hintNext(shortId, task.number, hints.length - shown))}\n`);
  return 0;
}

// The task to help with: the first one with a check that did not pass in the learner's last grade of this file.
function firstFailingTask(exercise: Exercise): { number: number; why: Why } {
  const first = exercise.meta.tasks[0]?.number ?? 1;
  const state = lastGrade(exercise, readLastResults());
  if (state.kind === 'never') return { number: first, why: 'no-results' };
  if (!state.result.started) return { number: first, why: 'not-started' };
  const failing = state.result.checks.filter((c) => c.status !== 'pass').map((c) => c.task);
  if (failing.length === 0) return { number: first, why: 'all-pass' };
  return { number: Math.min(...failing), why: 'failing' };
}
