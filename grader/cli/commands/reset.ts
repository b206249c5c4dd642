// `npm run grade -- reset 03` (or `reset --all`): the stub back as shipped, after asking, the learner's version kept
// as a backup next to it first.
import { EnvironmentError, UsageError } from '../../errors.js';
import { exerciseNumber, findExercise, loadCourse, type Exercise } from '../../engine/course.js';
import { freeBackupPath, planReset, resetToStub } from '../../learner/reset-file.js';
import * as say from '../../messages.js';
import { displayPath } from '../../paths.js';
import { askYesNo } from '../ask.js';
import type { Io } from '../main.js';
import { commandLine } from '../usage.js';

// The parsed `reset` command (see argv.ts).
export interface ResetCommand {
  kind: 'reset';
  exercise?: string;
  all?: boolean;
  // Reset without asking (for scripts; without a terminal, reset refuses to go on without it).
  yes?: boolean;
}

// stdin is where the y/N answer comes from; reset asks only when it is a terminal.
export async function reset(
  command: ResetCommand,
  io: Io,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<number> {
  const course = loadCourse();
  if (!command.all && command.exercise === undefined) throw new UsageError(say.resetNeedsExercise());
  const chosen: Exercise[] = command.all
    ? course
    : [findExercise(course, command.exercise as string, { example: (n) => commandLine('reset', n) })];
  const canAsk = Boolean(stdin.isTTY);
  for (const exercise of chosen) {
    const file = exercise.learnerFile;
    const shown = displayPath(file);
    const plan = planReset(file, exercise.stubFile);
    if (plan === 'already-shipped') {
      io.stdout.write(`${say.resetAlreadyShipped(shown)}\n`);
      continue;
    }
    // Chosen before asking, so the backup written is the one the question names, however long the answer takes.
    const backup = freeBackupPath(file);
    if (plan === 'reset' && !command.yes) {
      if (!canAsk)
        throw new EnvironmentError(
          say.resetNeedsConfirmation(command.all ? '--all' : exerciseNumber(exercise.meta.id)),
        );
      const yes = await askYesNo(say.resetAsk(shown, displayPath(backup)), stdin, io.stdout);
      if (!yes) {
        io.stdout.write(`${say.resetCancelled()}\n`);
        continue;
      }
    }
    const outcome = resetToStub(file, exercise.stubFile, backup);
    if (outcome.kind === 'reset') io.stdout.write(`${say.resetDone(shown, displayPath(outcome.backup))}\n`);
    else if (outcome.kind === 'restored-missing') io.stdout.write(`${say.resetRestoredMissing(shown)}\n`);
    else io.stdout.write(`${say.resetAlreadyShipped(shown)}\n`);
  }
  return 0;
}
