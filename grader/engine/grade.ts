// The engine: runs each exercise's probes under real CPython and turns observations into check results.
// It knows exercises only through the course registry and produces plain result objects (no terminal, no files).
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as say from '../messages.js';
import { displayPath, kitVersion } from '../paths.js';
import type { PythonInfo } from '../python/find-python.js';
import { childSeed, createRandom } from '../random.js';
import type { CheckResult, ExerciseResult, RunResults } from '../results/types.js';
import { runProbe, type ProbeRun } from '../run/run-probe.js';
import { loopbackHost } from '../run/services.js';
import { allChecks, isUntouched, type CheckMeta, type Exercise } from './course.js';
import { error, Stop } from './define.js';
import { Observed } from './observed.js';
import { killedFromOutside, runProblem } from './run-problems.js';
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
  const started = new Date();
  const t0 = performance.now();
  const results: ExerciseResult[] = [];
  for (const exercise of exercises) {
    stopIfCancelled(options);
    const result = await gradeExercise(exercise, options);
    results.push(result);
    options.onExercise?.(result);
  }
  const points = sum(results.map((r) => r.points));
  const maxPoints = sum(results.map((r) => r.maxPoints));
  return {
    schemaVersion: 1,
    kit: { name: 'asyncio-lab', version: kitVersion() },
    startedAt: started.toISOString(),
    durationMs: round(performance.now() - t0),
    seed: options.seed,
    python: { version: options.python.version, implementation: options.python.implementation, executable: options.python.executable },
    platform: { os: process.platform, arch: process.arch, node: process.version },
    status: overall(results.map((r) => r.status)),
    score: { points, maxPoints },
    exercises: results,
  };
}

export async function gradeExercise(exercise: Exercise, options: GradeOptions): Promise<ExerciseResult> {
  const t0 = performance.now();
  const file = path.resolve(options.file ?? exercise.learnerFile);
  const shown = displayPath(file);
  const checks = allChecks(exercise.meta);
  const base = { id: exercise.meta.id, title: exercise.meta.title, file: shown };
  const finish = (results: CheckResult[], started: boolean, message?: string): ExerciseResult => {
    const statuses = results.map((r) => r.status);
    return {
      ...base,
      status: message ? 'error' : overall(statuses),
      started,
      points: sum(results.map((r) => r.points)),
      maxPoints: sum(results.map((r) => r.maxPoints)),
      durationMs: round(performance.now() - t0),
      ...(message ? { message } : {}),
      checks: results,
    };
  };
  const everyCheck = (status: Status, message: string): CheckResult[] =>
    checks.map((c) => toResult(c, { status, message }, 0));

  if (!existsSync(file)) {
    const message = say.fileMissing(shown);
    return finish(everyCheck('error', message), false, message);
  }
  if (!options.gradeUntouched && isUntouched(exercise, file)) {
    return finish(everyCheck('fail', say.notStarted(shown)), false);
  }

  let grader: ExerciseGrader;
  try {
    grader = await exercise.loadGrader();
  } catch (cause) {
    const message = say.graderBug(cause);
    return finish(everyCheck('error', message), true, message);
  }

  let fixture: Fixture | undefined;
  if (grader.fixture) {
    try {
      fixture = await grader.fixture(loopbackHost);
    } catch (cause) {
      const message = say.graderBug(cause);
      return finish(everyCheck('error', message), true, message);
    }
  }
  try {
    const results = await runChecks(exercise, grader, checks, file, shown, fixture?.context, options);
    stopIfCancelled(options);
    const allErrored = results.length > 0 && results.every((r) => r.status === 'error');
    const shared = allErrored && new Set(results.map((r) => r.message)).size === 1 ? results[0]?.message : undefined;
    return finish(results, true, shared);
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
      results.push(toResult(meta, error(say.graderBug(`no check named "${meta.id}" in ${exercise.meta.id}'s grader`)), 0));
      continue;
    }
    if (brokenImport && !runs.has(impl.probe)) {
      results.push(toResult(meta, brokenImport, 0));
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
      results.push(toResult(meta, error(outcome.failure), 0));
      continue;
    }
    if (importBroke(outcome.run)) brokenImport = runProblem(outcome.run, shown) ?? undefined;
    results.push(toResult(meta, judge(impl, outcome.run, outcome.expect, shown), outcome.ms));
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
    const once = (): Promise<ProbeRun> => (options.runner ? options.runner(options.python, spec) : runProbe(options.python, spec, { signal: options.signal }));
    let run = await once();
    // Killed from outside (no limit of ours was reached): the run says nothing about the learner's code, so run it again.
    if (killedFromOutside(run) && !options.signal?.aborted) run = await once();
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

function toResult(meta: CheckMeta & { task: number }, verdict: Verdict, ms: number): CheckResult {
  return {
    id: meta.id,
    task: meta.task,
    title: meta.title,
    status: verdict.status,
    points: verdict.status === 'pass' ? meta.points : 0,
    maxPoints: meta.points,
    ...(verdict.message !== undefined ? { message: verdict.message } : {}),
    ...(verdict.expected !== undefined ? { expected: verdict.expected } : {}),
    ...(verdict.actual !== undefined ? { actual: verdict.actual } : {}),
    ...(verdict.location ? { location: verdict.location } : {}),
    durationMs: round(ms),
    ...(verdict.evidence ? { evidence: verdict.evidence } : {}),
  };
}

export function overall(statuses: Status[]): Status {
  if (statuses.length > 0 && statuses.every((s) => s === 'pass')) return 'pass';
  if (statuses.length > 0 && statuses.every((s) => s === 'error')) return 'error';
  return statuses.length === 0 ? 'pass' : 'fail';
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
