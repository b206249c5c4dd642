// `npm run grade -- hint [03] [task]`: the next hint the learner has not read yet, for the first failing task of the
// last grade (or the chosen task), after the ones already read; what was read is remembered in .asyncio-lab/.
// Without an exercise: the first one the learner has not passed yet.
import { exerciseNumber, findExercise, loadCourse, type Exercise } from '../../engine/course.js';
import { EnvironmentError } from '../../errors.js';
import { recordSeen } from '../../learner/hints-seen.js';
import { readLastResults } from '../../learner/last-results.js';
import { nextHint } from '../../learner/next-hint.js';
import { currentExercise } from '../../learner/next-step.js';
import { courseProgress } from '../../learner/progress.js';
import * as say from '../../messages.js';
import { renderHint } from '../../reporters/hint-text.js';
import { chooseStyle, eachLine } from '../../reporters/style.js';
import { terminalWidth, wrap } from '../../reporters/wrap.js';
import type { Command } from '../argv.js';
import type { Io } from '../main.js';
import { commandLine } from '../usage.js';

// Exit 0 with the hints shown; an unknown task is an environment error (exit 2) naming the tasks there are.
export function hint(command: Extract<Command, { kind: 'hint' }>, io: Io): number {
  const style = chooseStyle(io.stdout, io.env);
  const width = terminalWidth(io.stdout, io.env);
  const last = readLastResults();
  let exercise: Exercise;
  if (command.exercise === undefined) {
    const current = currentExercise(courseProgress(last));
    if (!current) {
      io.stdout.write(`${wrap(say.hintAllDone(), width)}\n`);
      return 0;
    }
    exercise = current.exercise;
    io.stdout.write(`${eachLine(wrap(say.hintForCurrent(exercise.meta.id), width), style.dim)}\n`);
  } else {
    exercise = findExercise(loadCourse(), command.exercise, { example: (n) => commandLine('hint', n) });
  }
  const chosen = command.task === undefined ? undefined : Number(command.task);
  const next = nextHint(exercise, chosen, last);
  if (!next)
    throw new EnvironmentError(
      say.unknownTask(
        exerciseNumber(exercise.meta.id),
        exercise.meta.id,
        command.task ?? '',
        exercise.meta.tasks.length,
      ),
    );
  io.stdout.write(`${renderHint(next, style, width, 'command')}\n`);
  if (next.hints.length > 0) recordSeen(exercise.meta.id, next.task.number, next.shown);
  return 0;
}
