// Results are built, totalled and judged here and nowhere else: a check's points, an exercise's and a run's totals
// and statuses, "no results" as a named constructor, the merging of runs, what "not started" means, and the exit code.
import type { CheckMeta, ExerciseMeta } from '../engine/course.js';
import type { Status, Verdict } from '../engine/types.js';
import { kitVersion } from '../paths.js';
import type { Isolation } from '../sandbox/isolation.js';
import { inert } from '../text/inert.js';
import type { CheckResult, ExerciseResult, RunResults } from './types.js';

// What every results document records about the run itself, whatever was graded.
export interface RunContext {
  seed: number;
  python: { version: string; implementation: string; executable: string };
  startedAt: Date;
  durationMs: number;
  // The sandbox the run had, when it ran any learner code.
  isolation?: Isolation;
}

// How an exercise stands in a run, for every output: not started is its own state, neither a pass nor a failure.
export type ExerciseState = 'pass' | 'fail' | 'error' | 'not-started';

// What a run amounts to, counted once for the terminal, GitHub, Gradescope and the exit code.
export interface Standing {
  // Checks of the exercises that were graded (started, or that could not run).
  graded: number;
  // Of those, the ones that failed or could not run.
  failing: number;
  // Exercises still the stub as shipped.
  notStarted: number;
}

export function overallStatus(statuses: Status[]): Status {
  if (statuses.length > 0 && statuses.every((s) => s === 'pass')) return 'pass';
  if (statuses.length > 0 && statuses.every((s) => s === 'error')) return 'error';
  return statuses.length === 0 ? 'pass' : 'fail';
}

export function sumPoints(items: { points: number }[]): number {
  return items.reduce((sum, item) => sum + item.points, 0);
}

// The most an exercise can score, from its metadata (points as the course's grading policy sets them).
export function maxPointsOf(meta: ExerciseMeta): number {
  return meta.tasks.flatMap((t) => t.checks).reduce((sum, c) => sum + c.points, 0);
}

// One check's result: full points on a pass, none otherwise.
export function checkResult(meta: CheckMeta & { task: number }, verdict: Verdict, ms: number): CheckResult {
  return {
    id: meta.id,
    task: meta.task,
    title: meta.title,
    status: verdict.status,
    points: verdict.status === 'pass' ? meta.points : 0,
    maxPoints: meta.points,
    // Messages quote learner text (exceptions, values, printed output): no control character of it goes further.
    ...(verdict.message !== undefined ? { message: inert(verdict.message) } : {}),
    ...(verdict.expected !== undefined ? { expected: verdict.expected } : {}),
    ...(verdict.actual !== undefined ? { actual: verdict.actual } : {}),
    ...(verdict.location ? { location: verdict.location } : {}),
    durationMs: round(ms),
    ...(verdict.evidence ? { evidence: verdict.evidence } : {}),
  };
}

// What an exercise is and where its file is, before it is graded.
export interface ExerciseHeading {
  id: string;
  title: string;
  file: string;
  // False when the course's grading policy leaves this exercise out of the score.
  counts?: boolean;
}

// An exercise's result from its checks: a message for the whole exercise makes it an error.
export function exerciseResult(
  heading: ExerciseHeading,
  checks: CheckResult[],
  outcome: { started: boolean; durationMs: number; message?: string },
): ExerciseResult {
  const { counts, ...rest } = heading;
  return {
    ...rest,
    ...(counts === false ? { counts: false } : {}),
    status: outcome.message ? 'error' : overallStatus(checks.map((c) => c.status)),
    started: outcome.started,
    points: sumPoints(checks),
    maxPoints: checks.reduce((sum, c) => sum + c.maxPoints, 0),
    durationMs: round(outcome.durationMs),
    ...(outcome.message ? { message: inert(outcome.message) } : {}),
    checks,
  };
}

// Every check of an exercise with the same verdict: a file that is missing, refused, not started, or a grader that
// broke.
export function sameVerdictForEveryCheck(
  heading: ExerciseHeading,
  checks: (CheckMeta & { task: number })[],
  verdict: { status: Status; message: string },
  outcome: { started: boolean; durationMs: number; wholeExercise: boolean },
): ExerciseResult {
  const results = checks.map((c) => checkResult(c, verdict, 0));
  return exerciseResult(heading, results, {
    started: outcome.started,
    durationMs: outcome.durationMs,
    ...(outcome.wholeExercise ? { message: verdict.message } : {}),
  });
}

// A run's document from its exercises: the score counts the exercises the grading policy counts.
export function runResults(context: RunContext, exercises: ExerciseResult[]): RunResults {
  const counted = exercises.filter(isCounted);
  return {
    schemaVersion: 1,
    kit: { name: 'asyncio-lab', version: kitVersion() },
    startedAt: context.startedAt.toISOString(),
    durationMs: round(context.durationMs),
    seed: context.seed,
    python: {
      version: context.python.version,
      implementation: context.python.implementation,
      executable: context.python.executable,
    },
    platform: { os: process.platform, arch: process.arch, node: process.version },
    ...(context.isolation ? { isolation: context.isolation } : {}),
    status: overallStatus(exercises.map((e) => e.status)),
    score: { points: sumPoints(counted), maxPoints: counted.reduce((sum, e) => sum + e.maxPoints, 0) },
    exercises,
  };
}

// A run that graded nothing (otter-grader's GradingResults.without_results): a submission refused before grading.
export function emptyResults(context: Omit<RunContext, 'startedAt' | 'durationMs'>): RunResults {
  return runResults({ ...context, startedAt: new Date(), durationMs: 0 }, []);
}

// The same document with other exercises: totals and status follow.
export function withExercises(results: RunResults, exercises: ExerciseResult[]): RunResults {
  const retotalled = runResults(
    {
      seed: results.seed,
      python: results.python,
      startedAt: new Date(results.startedAt),
      durationMs: results.durationMs,
    },
    exercises,
  );
  return { ...results, status: retotalled.status, score: retotalled.score, exercises };
}

// A submission's runs (one --file per exercise) as one document: the first run's context, every exercise, the summed
// time.
export function combineRuns([first, ...rest]: [RunResults, ...RunResults[]]): RunResults {
  const runs = [first, ...rest];
  return {
    ...withExercises(
      first,
      runs.flatMap((r) => r.exercises),
    ),
    durationMs: round(runs.reduce((sum, r) => sum + r.durationMs, 0)),
  };
}

// The learner's latest grade of every exercise: the previous document with this run's exercises replaced, in course
// order; exercises the course no longer has are dropped.
export function replaceExercises(previous: RunResults | null, latest: RunResults, courseOrder: string[]): RunResults {
  const replaced = new Set(latest.exercises.map((e) => e.id));
  const kept = (previous?.exercises ?? []).filter((e) => !replaced.has(e.id) && courseOrder.includes(e.id));
  const rank = (id: string): number => {
    const at = courseOrder.indexOf(id);
    return at === -1 ? courseOrder.length : at;
  };
  return withExercises(
    latest,
    [...kept, ...latest.exercises].sort((a, b) => rank(a.id) - rank(b.id)),
  );
}

// False for an exercise the grading policy leaves out of the score.
export function isCounted(exercise: ExerciseResult): boolean {
  return exercise.counts !== false;
}

export function exerciseState(exercise: ExerciseResult): ExerciseState {
  if (!exercise.started && exercise.status !== 'error') return 'not-started';
  return exercise.status;
}

export function standing(results: RunResults): Standing {
  const graded = results.exercises.filter((e) => exerciseState(e) !== 'not-started').flatMap((e) => e.checks);
  return {
    graded: graded.length,
    failing: graded.filter((c) => c.status !== 'pass').length,
    notStarted: results.exercises.filter((e) => exerciseState(e) === 'not-started').length,
  };
}

// The exit code of a grading run: 0 while no graded check fails or could not run, exercises not started included
// (they are not failures: the untouched template exits 0); 1 as soon as one does. Whether that is good enough for a
// grade is the grading policy's question, answered in results.policy.
export function exitCode(results: RunResults): 0 | 1 {
  return standing(results).failing === 0 ? 0 : 1;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
