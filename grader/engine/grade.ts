// The engine: runs each exercise's probes under real CPython and turns observations into check results.
// It knows exercises only through the course registry and produces plain result objects (no terminal, no files).
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as say from '../messages.js';
import { displayPath } from '../paths.js';
import type { PythonInfo } from '../python/find-python.js';
import { childSeed, createRandom } from '../random.js';
import { checkResult, exerciseResult, runResults, sameVerdictForEveryCheck } from '../results/assemble.js';
import type { CheckResult, ExerciseResult, RunResults } from '../results/types.js';
import type { ProbeRun } from '../run/run-probe.js';
import { RunSession, type ProbeSpec } from '../run/session.js';
import { loopbackHost } from '../run/services.js';
import type { IsolationRequest } from '../sandbox/isolation.js';
import { inert } from '../text/inert.js';
import { detachedScope, type ProbeSlot } from '../witness/slot.js';
import { deferred, probeLimit } from './probe-limit.js';
import { allChecks, isUntouched, type Exercise } from './course.js';
import { error, Stop } from './define.js';
import { Observed } from './observed.js';
import { killedFromOutside, runProblem } from './run-problems.js';
import type { CheckImpl, ExerciseGrader, Fixture, Probe, Status, Verdict } from './types.js';
import type { CheckMeta } from './course.js';

export interface GradeOptions {
  python: PythonInfo;
  seed: number;
  // Grade this file in place of the exercise's own (only with a single exercise).
  file?: string;
  // Grade the file even while it is the untouched stub (the kit's own tests use this).
  gradeUntouched?: boolean;
  // Called as each exercise finishes, in course order, for reporters that print as they go.
  onExercise?: (result: ExerciseResult) => void;
  // The message for a file that is not there (default: the learner's advice); Gradescope and bulk grading say it their
  // way.
  fileMissing?: (shown: string, exercise: Exercise) => string;
  // Run every probe in this session (a submission's sandbox); without it, one is opened and closed here.
  session?: RunSession;
  // The isolation to ask for when a session is opened here.
  isolation?: IsolationRequest;
  // Replaces the probe runner (tests of the engine's own logic use recorded runs).
  runner?: (python: PythonInfo, spec: ProbeSpec) => Promise<ProbeRun>;
  // Stops the grading: the running probes' processes are killed and the grading rejects with GradingCancelled.
  signal?: AbortSignal;
  // Hears every probe run as it ends (the benchmark counts probes and their waits).
  onProbe?: (run: ProbeRun) => void;
}

// A grading stopped through GradeOptions.signal (watch mode, when the file is saved again mid-run); it has no verdict.
export class GradingCancelled extends Error {
  override name = 'GradingCancelled';
}

function stopIfCancelled(options: GradeOptions): void {
  if (options.signal?.aborted) throw new GradingCancelled('grading cancelled');
}

// Runs `work` with the session the options name, or with one opened for it and closed after.
async function withSession<T>(options: GradeOptions, work: (options: GradeOptions) => Promise<T>): Promise<T> {
  if (options.session || options.runner) return work(options);
  const session = await RunSession.open({
    python: options.python,
    ...(options.isolation ? { isolation: options.isolation } : {}),
  });
  try {
    return await work({ ...options, session });
  } finally {
    await session.close();
  }
}

export async function gradeCourse(exercises: Exercise[], options: GradeOptions): Promise<RunResults> {
  return withSession(options, async (opts) => {
    const started = new Date();
    const t0 = performance.now();
    // Every exercise starts at once (their probes share one limit); reporters still hear of them in course order.
    const pending = exercises.map((exercise) => gradeExercise(exercise, { ...opts, onExercise: undefined }));
    // Each is awaited in turn below: marked handled now, so one that fails while an earlier one is awaited is not an
    // unhandled rejection (the await still sees its error).
    for (const p of pending) p.catch(() => undefined);
    const results: ExerciseResult[] = [];
    for (const next of pending) {
      const result = await next;
      stopIfCancelled(opts);
      results.push(result);
      opts.onExercise?.(result);
    }
    const context = { seed: opts.seed, python: opts.python, startedAt: started, durationMs: performance.now() - t0 };
    return runResults({ ...context, ...(opts.session ? { isolation: opts.session.isolation } : {}) }, results);
  });
}

export async function gradeExercise(exercise: Exercise, options: GradeOptions): Promise<ExerciseResult> {
  return withSession(options, (opts) => gradeOneExercise(exercise, opts));
}

async function gradeOneExercise(exercise: Exercise, options: GradeOptions): Promise<ExerciseResult> {
  const t0 = performance.now();
  const file = path.resolve(options.file ?? exercise.learnerFile);
  const shown = inert(displayPath(file));
  const checks = allChecks(exercise.meta);
  const heading = { id: exercise.meta.id, title: exercise.meta.title, file: shown, counts: exercise.counts };
  const elapsed = (): number => performance.now() - t0;
  const everyCheck = (status: Status, message: string, started: boolean, wholeExercise: boolean): ExerciseResult =>
    sameVerdictForEveryCheck(heading, checks, { status, message }, { started, durationMs: elapsed(), wholeExercise });

  if (!existsSync(file))
    return everyCheck('error', (options.fileMissing ?? say.fileMissing)(shown, exercise), false, true);
  if (!options.gradeUntouched && isUntouched(exercise, file))
    return everyCheck('fail', say.notStarted(shown), false, false);

  let grader: ExerciseGrader;
  try {
    grader = await exercise.loadGrader();
  } catch (cause) {
    return everyCheck('error', say.graderBug(cause), true, true);
  }

  let fixture: Fixture | undefined;
  if (grader.fixture) {
    try {
      fixture = await grader.fixture(options.session?.services ?? loopbackHost);
    } catch (cause) {
      return everyCheck('error', say.graderBug(cause), true, true);
    }
  }
  try {
    const results = await runChecks(exercise, grader, checks, file, shown, fixture?.context, options);
    stopIfCancelled(options);
    const allErrored = results.length > 0 && results.every((r) => r.status === 'error');
    const shared = allErrored && new Set(results.map((r) => r.message)).size === 1 ? results[0]?.message : undefined;
    return exerciseResult(heading, results, {
      started: true,
      durationMs: elapsed(),
      ...(shared !== undefined ? { message: shared } : {}),
    });
  } finally {
    await fixture?.stop();
  }
}

type ProbeOutcome = { run: ProbeRun; expect: unknown; ms: number } | { failure: string };

// Probes of one exercise: the first runs alone until the learner's file has imported (a file that cannot be
// imported, or hangs at import, is then judged once), and the others then run together.
async function runChecks(
  exercise: Exercise,
  grader: ExerciseGrader,
  checks: (CheckMeta & { task: number })[],
  file: string,
  shown: string,
  fixture: unknown,
  options: GradeOptions,
): Promise<CheckResult[]> {
  const impls = checks.map((meta) => ({ meta, impl: grader.checks[meta.id] }));
  const probes = [...new Set(impls.flatMap(({ impl }) => (impl ? [impl.probe] : [])))];
  const runs = new Map<Probe<unknown>, Promise<ProbeOutcome>>();
  const [first, ...rest] = probes;
  if (first) {
    const gate = deferred<boolean>();
    runs.set(first, runOnce(exercise, first, file, fixture, options, gate.resolve));
    const imported = await gate.promise;
    stopIfCancelled(options);
    if (imported) for (const probe of rest) runs.set(probe, runOnce(exercise, probe, file, fixture, options));
  }
  const firstOutcome = first ? await runs.get(first) : undefined;
  const brokenImport =
    firstOutcome && 'run' in firstOutcome && importBroke(firstOutcome.run)
      ? (runProblem(firstOutcome.run, shown) ?? undefined)
      : undefined;
  const results: CheckResult[] = [];
  for (const { meta, impl } of impls) {
    stopIfCancelled(options);
    if (!impl) {
      results.push(
        checkResult(meta, error(say.graderBug(`no check named "${meta.id}" in ${exercise.meta.id}'s grader`)), 0),
      );
      continue;
    }
    const pending = runs.get(impl.probe);
    if (!pending) {
      results.push(checkResult(meta, brokenImport ?? error(say.graderBug('a probe did not run')), 0));
      continue;
    }
    const outcome = await pending;
    stopIfCancelled(options);
    if ('failure' in outcome) {
      results.push(checkResult(meta, error(outcome.failure), 0));
      continue;
    }
    results.push(checkResult(meta, judge(impl, outcome.run, outcome.expect, shown), outcome.ms));
  }
  return results;
}

function importBroke(run: ProbeRun): boolean {
  const seen = run.observations;
  const imported = seen.find((o) => o.kind === 'import');
  if (!imported) return true;
  if ('ok' in imported && !imported.ok) return true;
  return seen.some(
    (o) => (o.kind === 'deadline' || o.kind === 'hardExit' || o.kind === 'flood') && o.phase === 'import',
  );
}

async function runOnce(
  exercise: Exercise,
  probe: Probe<unknown>,
  file: string,
  fixture: unknown,
  options: GradeOptions,
  onImport?: (ok: boolean) => void,
): Promise<ProbeOutcome> {
  const slot = options.session?.newProbe() ?? detachedScope();
  try {
    const rng = createRandom(childSeed(options.seed, `${exercise.meta.id}/${probe.name}`));
    const plan = probe.plan(rng, fixture, slot);
    const twins = path.join(exercise.dir, 'grader', 'twins.py');
    const spec: ProbeSpec = {
      file,
      moduleName: path.basename(exercise.meta.file, '.py'),
      ...(existsSync(twins) ? { twins } : {}),
      steps: plan.steps,
      deadlineSeconds: plan.deadlineSeconds,
      ...(plan.threads !== undefined ? { threads: plan.threads } : {}),
      ...(plan.waits !== undefined ? { waits: plan.waits } : {}),
    };
    const once = async (scope: ProbeSlot, planned: ProbeSpec): Promise<ProbeRun> => {
      if (onImport) scope.onImport(onImport);
      return probeLimit.run(() =>
        options.runner
          ? options.runner(options.python, planned)
          : (options.session as RunSession).run(scope, planned, options.signal ? { signal: options.signal } : {}),
      );
    };
    let run = await once(slot, spec);
    // Killed from outside (no limit of ours was reached): the run says nothing about the learner's code, so run it
    // again, with the same inputs and a witness record of its own.
    if (killedFromOutside(run) && !options.signal?.aborted && !options.runner && options.session?.usable) {
      const again = options.session.newProbe();
      const replanned = probe.plan(
        createRandom(childSeed(options.seed, `${exercise.meta.id}/${probe.name}`)),
        fixture,
        again,
      );
      run = await once(again, {
        ...spec,
        steps: replanned.steps,
        ...(replanned.waits !== undefined ? { waits: replanned.waits } : {}),
      });
    }
    onImport?.(!importBroke(run));
    options.onProbe?.(run);
    return { run, expect: plan.expect, ms: run.process.durationMs };
  } catch (cause) {
    onImport?.(false);
    return { failure: say.graderBug(cause) };
  }
}

function judge(impl: CheckImpl, run: ProbeRun, expect: unknown, file: string): Verdict {
  const problem = runProblem(run, file);
  if (problem) return problem;
  try {
    return impl.judge(new Observed(run, file), expect);
  } catch (cause) {
    if (cause instanceof Stop) return cause.verdict;
    return error(say.graderBug(cause));
  }
}
