// `npm run grade -- hint 01 [2]`: the hints for one task, from a nudge to nearly the answer.
import { findExercise, loadCourse, readHints } from '../../engine/course.js';
import { EnvironmentError } from '../../errors.js';
import * as say from '../../messages.js';
import { chooseStyle } from '../../reporters/style.js';
import type { Command } from '../argv.js';
import type { Io } from '../main.js';

export async function hint(command: Extract<Command, { kind: 'hint' }>, io: Io): Promise<number> {
  const exercise = findExercise(loadCourse(), command.exercise);
  const tasks = exercise.meta.tasks;
  const number = command.task === undefined ? 1 : Number(command.task);
  const task = tasks.find((t) => t.number === number);
  if (!task) throw new EnvironmentError(say.unknownTask(exercise.meta.id, command.task ?? '', tasks.length));
  const hints = readHints(exercise).get(task.number) ?? [];
  const style = chooseStyle(io.stdout, io.env);
  io.stdout.write(`${style.bold(`${exercise.meta.id}, task ${task.number}: ${task.title}`)}\n\n`);
  hints.forEach((text, index) => {
    io.stdout.write(`${style.dim(`${index + 1}.`)} ${text.split('\n').join('\n   ')}\n\n`);
  });
  if (command.task === undefined && tasks.length > 1) {
    io.stdout.write(style.dim(`Hints for another task: npm run grade -- hint ${exercise.meta.id.slice(0, 2)} ${tasks.length}\n`));
  }
  return 0;
}
