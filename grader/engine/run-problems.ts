// Recognises a run that could not be judged (syntax error, timeout, crash, flood...) from the raw outcome, never from
// text.
import * as say from '../messages.js';
import { LIMITS } from '../run/limits.js';
import type { DeadlineRecord, FloodRecord, HardExitRecord, ImportRecord } from '../run/observations.js';
import type { ProbeRun } from '../run/run-probe.js';
import { error } from './define.js';
import type { Location, Verdict } from './types.js';

// A run that a signal ended before it finished, with no limit of the grader's reached: something outside killed it,
// and it says nothing about the learner's code (the engine runs such a probe once more).
export function killedFromOutside(run: ProbeRun): boolean {
  const ours = run.observations.some(
    (o) => o.kind === 'done' || o.kind === 'deadline' || o.kind === 'flood' || o.kind === 'hardExit',
  );
  return (
    run.process.signal !== undefined &&
    !run.process.timedOut &&
    !run.process.outputFlood &&
    !run.process.spawnError &&
    !ours
  );
}

export function runProblem(run: ProbeRun, file: string): Verdict | null {
  const seen = run.observations;
  const where = (line: number | null | undefined): { location?: Location } =>
    line ? { location: { file, line } } : {};
  if (run.process.spawnError) return error(say.couldNotStart(run.process.spawnError));
  // Something wrote to the harness's channel besides the harness: nothing recorded can be trusted.
  if (run.forged && run.forged.length > 0) return error(say.forgedRecords(run.forged));
  if (!seen.some((o) => o.kind === 'hello')) {
    if (run.process.timedOut) return error(say.timedOut(file, 0, 'start', null));
    return error(say.harnessDidNotStart(run.stderr.text));
  }
  const imported = seen.find((o): o is ImportRecord => o.kind === 'import');
  if (imported && !imported.ok && imported.exception) {
    const exc = imported.exception;
    if (exc.syntax && (exc.syntax.inLearnerFile || exc.type !== 'SyntaxError' || exc.frames.length === 0)) {
      return error(say.syntaxError(file, exc), where(exc.syntax.line));
    }
    return error(say.importFailed(file, exc), where(exc.frames.at(-1)?.line));
  }
  const flood = seen.find((o): o is FloodRecord => o.kind === 'flood');
  if (flood) return error(say.outputFlood(LIMITS.outputBytes, file, flood.line), where(flood.line?.line));
  if (run.process.outputFlood) return error(say.outputFlood(LIMITS.outputBytes));
  const deadline = seen.find((o): o is DeadlineRecord => o.kind === 'deadline');
  if (deadline)
    return error(say.timedOut(file, deadline.seconds, deadline.phase, deadline.where), where(deadline.where?.line));
  if (run.process.timedOut) return error(say.timedOut(file, run.process.durationMs / 1000, 'run', null));
  const exit = seen.find((o): o is HardExitRecord => o.kind === 'hardExit');
  if (exit) return error(say.hardExit(file, exit.line), where(exit.line?.line));
  if (!seen.some((o) => o.kind === 'done'))
    return error(say.stoppedEarly(run.process.exitCode, run.process.signal, run.stderr.text));
  if (run.process.leftovers > 0) return error(say.leftoverProcesses(run.process.leftovers));
  return null;
}
