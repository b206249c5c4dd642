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
import { runProbe, type ProbeRun } from '../run/run-probe.js';
import { loopbackHost } from '../run/services.js';
import { allChecks, isUntouched, type CheckMeta, type Exercise } from './course.js';
import { error, Stop } from './define.js';
import { Observed } from './observed.js';
import { runProblem } from './run-problems.js';
import type { CheckImpl, ExerciseGrader, Fixture, Probe, Status, Verdict } from './types.js';

export interface GradeOptions {
  python: PythonInfo;
  seed: number;
  // Grade this file in place of the exercise's own (only with a single exercise).
  file?: string;
  // Grade the file even while it is the untouched stub (the kit's own tests use this).
  gradeUntouched?: boolean;
  // Called as each exercise finishes, for reporters that print as they go.
  onExercise?: (result: ExerciseResult) => void;
  // The message for a file that is not there (default: the learner's advice); Gradescope and bulk grading say it their way.
  fileMissing?: (shown: string, exercise: Exercise) => string;
  // Replaces the probe runner (tests of the engine's own logic use recorded runs).
  runner?: (python: PythonInfo, spec: Parameters<typeof runProbe>[1]) => Promise<ProbeRun>;
  // Stops the grading: the running probe's processes are killed and the grading rejects with GradingCancelled.
  signal?: AbortSignal;
}

// A grading stopped through GradeOptions.signal (watch mode, when the file is saved again mid-run); it has no verdict.
export class GradingCancelled extends Error {
  override name = 'GradingCancelled';
}

function stopIfCancelled(options: GradeOptions): void {
  if (options.signal?.aborted) throw new GradingCancelled('grading cancelled');
}

export async function gradeCourse(exercises: Exercise[], options: GradeOptions): Promise<RunResults> {
  const startedAt = new Date();
  const t0 = performance.now();
  const results: ExerciseResult[] = [];
  for (const exercise of exercises) {
    stopIfCancelled(options);
    const result = await gradeExercise(exercise, options);
    results.push(result);
    options.onExercise?.(result);
  }
  return runResults({ seed: options.seed, python: options.python, startedAt, durationMs: performance.now() - t0 }, results);
}

export async function gradeExercise(exercise: Exercise, options: GradeOptions): Promise<ExerciseResult> {
  const t0 = performance.now();
  const file = path.resolve(options.file ?? exercise.learnerFile);
  const shown = displayPath(file);
  const checks = allChecks(exercise.meta);
  const heading = { id: exercise.meta.id, title: exercise.meta.title, file: shown, counts: exercise.counts };
  const elapsed = (): number => performance.now() - t0;
  const everyCheck = (status: Status, message: string, started: boolean, wholeExercise: boolean): ExerciseResult =>
    sameVerdictForEveryCheck(heading, checks, { status, message }, { started, durationMs: elapsed(), wholeExercise });

  if (!existsSync(file)) return everyCheck('error', (options.fileMissing ?? say.fileMissing)(shown, exercise), false, true);
  if (!options.gradeUntouched && isUntouched(exercise, file)) return everyCheck('fail', say.notStarted(shown), false, false);

  let grader: ExerciseGrader;
  try {
    grader = await exercise.loadGrader();
  } catch (cause) {
    return everyCheck('error', say.graderBug(cause), true, true);
  }

  let fixture: Fixture | undefined;
  if (grader.fixture) {
    try {
      fixture = await grader.fixture(loopbackHost);
    } catch (cause) {
      return everyCheck('error', say.graderBug(cause), true, true);
    }
  }
  try {
    const results = await runChecks(exercise, grader, checks, file, shown, fixture?.context, options);
    stopIfCancelled(options);
    const allErrored = results.length > 0 && results.every((r) => r.status === 'error');
    const shared = allErrored && new Set(results.map((r) => r.message)).size === 1 ? results[0]?.message : undefined;
    return exerciseResult(heading, results, { started: true, durationMs: elapsed(), ...(shared !== undefined ? { message: shared } : {}) });
  } finally {
    await fixture?.stop();
  }
}

type ProbeOutcome = { run: ProbeRun; expect: unknown; ms: number } | { failure: string };

async function runChecks(
  exercise: Exercise,
  grader: ExerciseGrader,
  checks: (CheckMeta & { task: number })[],
  file: string,
  shown: string,
  fixture: unknown,
  options: GradeOptions,
): Promise<CheckResult[]> {
  const runs = new Map<Probe<unknown>, Promise<ProbeOutcome>>();
  // Once the file fails to import, every probe would fail the same way: reuse that verdict instead of rerunning it.
  let brokenImport: Verdict | undefined;
  const results: CheckResult[] = [];
  for (const meta of checks) {
    stopIfCancelled(options);
    const impl = grader.checks[meta.id];
    if (!impl) {
      results.push(checkResult(meta, error(say.graderBug(`no check named "${meta.id}" in ${exercise.meta.id}'s grader`)), 0));
      continue;
    }
    if (brokenImport && !runs.has(impl.probe)) {
      results.push(checkResult(meta, brokenImport, 0));
      continue;
    }
    let pending = runs.get(impl.probe);
    if (!pending) {
      pending = runOnce(exercise, impl, file, fixture, options);
      runs.set(impl.probe, pending);
    }
    const outcome = await pending;
    stopIfCancelled(options);
    if ('failure' in outcome) {
      results.push(checkResult(meta, error(outcome.failure), 0));
      continue;
    }
    if (importBroke(outcome.run)) brokenImport = runProblem(outcome.run, shown) ?? undefined;
    results.push(checkResult(meta, judge(impl, outcome.run, outcome.expect, shown), outcome.ms));
  }
  return results;
}

function importBroke(run: ProbeRun): boolean {
  const seen = run.observations;
  const imported = seen.find((o) => o.kind === 'import');
  if (imported && 'ok' in imported && !imported.ok) return true;
  return seen.some((o) => (o.kind === 'deadline' || o.kind === 'hardExit') && o.phase === 'import');
}

async function runOnce(exercise: Exercise, impl: CheckImpl, file: string, fixture: unknown, options: GradeOptions): Promise<ProbeOutcome> {
  try {
    const rng = createRandom(childSeed(options.seed, `${exercise.meta.id}/${impl.probe.name}`));
    const plan = impl.probe.plan(rng, fixture);
    const twins = path.join(exercise.dir, 'grader', 'twins.py');
    const spec = {
      file,
      moduleName: path.basename(exercise.meta.file, '.py'),
      ...(existsSync(twins) ? { twins } : {}),
      steps: plan.steps,
      deadlineSeconds: plan.deadlineSeconds,
      ...(plan.threads !== undefined ? { threads: plan.threads } : {}),
    };
    const run = options.runner ? await options.runner(options.python, spec) : await runProbe(options.python, spec, { signal: options.signal });
    return { run, expect: plan.expect, ms: run.process.durationMs };
  } catch (cause) {
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
