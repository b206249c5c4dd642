// The one module that builds, totals and judges results: every output reads its counts from here.
import { describe, expect, it } from 'vitest';
import {
  combineRuns,
  emptyResults,
  exerciseResult,
  exerciseState,
  exitCode,
  replaceExercises,
  runResults,
  standing,
} from '../../grader/results/assemble.js';
import type { CheckResult, ExerciseResult } from '../../grader/results/types.js';
import { validateResults } from '../../grader/results/validators.js';
import { fixedResults } from '../reporters/fixed-results.js';

const python = { version: '3.12.1', implementation: 'CPython', executable: '/usr/bin/python3' };
const check = (id: string, status: CheckResult['status'], points: number, maxPoints = points || 1): CheckResult => ({
  id,
  task: 1,
  title: id,
  status,
  points: status === 'pass' ? points : 0,
  maxPoints,
  durationMs: 1,
});
const exercise = (id: string, checks: CheckResult[], started = true, counts?: boolean): ExerciseResult =>
  exerciseResult({ id, title: id, file: `${id}.py`, ...(counts === false ? { counts } : {}) }, checks, {
    started,
    durationMs: 1,
  });

describe('totals', () => {
  it('sums points and maximum points, and leaves exercises the policy does not count out of the score', () => {
    const run = runResults({ seed: 1, python, startedAt: new Date(0), durationMs: 5 }, [
      exercise('01-a', [check('x', 'pass', 2), check('y', 'fail', 0, 3)]),
      exercise('02-b', [check('z', 'pass', 4)], true, false),
    ]);
    expect(run.exercises[0]).toMatchObject({ points: 2, maxPoints: 5, status: 'fail' });
    expect(run.exercises[1]).toMatchObject({ points: 4, maxPoints: 4, status: 'pass', counts: false });
    expect(run.score).toEqual({ points: 2, maxPoints: 5 });
    expect(validateResults(run)).toBeNull();
  });

  it('has a named constructor for "no results", valid against the schema', () => {
    const empty = emptyResults({ seed: 3, python });
    expect(empty).toMatchObject({ exercises: [], score: { points: 0, maxPoints: 0 }, seed: 3 });
    expect(validateResults(empty)).toBeNull();
  });

  it('combines a submission graded one file at a time, summing the time', () => {
    const a = runResults({ seed: 1, python, startedAt: new Date(0), durationMs: 10 }, [
      exercise('01-a', [check('x', 'pass', 2)]),
    ]);
    const b = runResults({ seed: 1, python, startedAt: new Date(0), durationMs: 20 }, [
      exercise('02-b', [check('y', 'error', 0, 3)]),
    ]);
    expect(combineRuns([a, b])).toMatchObject({ durationMs: 30, score: { points: 2, maxPoints: 5 }, status: 'fail' });
  });

  it("replaces only the graded exercises in the learner's document, in course order, dropping unknown ones", () => {
    const previous = runResults({ seed: 1, python, startedAt: new Date(0), durationMs: 1 }, [
      exercise('01-a', [check('x', 'pass', 2)]),
      exercise('02-b', [check('y', 'fail', 0, 3)]),
      exercise('99-gone', [check('q', 'pass', 9)]),
    ]);
    const latest = runResults({ seed: 2, python, startedAt: new Date(0), durationMs: 1 }, [
      exercise('02-b', [check('y', 'pass', 3)]),
    ]);
    const merged = replaceExercises(previous, latest, ['01-a', '02-b']);
    expect(merged.exercises.map((e) => [e.id, e.status])).toEqual([
      ['01-a', 'pass'],
      ['02-b', 'pass'],
    ]);
    expect(merged).toMatchObject({ seed: 2, status: 'pass', score: { points: 5, maxPoints: 5 } });
  });
});

describe('not started, standing and the exit code', () => {
  it('is its own state, neither a pass nor a failure', () => {
    const results = fixedResults();
    expect(results.exercises.map(exerciseState)).toEqual(['fail', 'not-started']);
    expect(standing(results)).toEqual({ graded: 4, failing: 2, notStarted: 1 });
  });

  it('exits 0 while no graded check fails, whatever is not started, and 1 as soon as one does', () => {
    const notStarted = exercise('02-b', [check('y', 'fail', 0, 3)], false);
    const passing = exercise('01-a', [check('x', 'pass', 2)]);
    const run = (exercises: ExerciseResult[]) =>
      runResults({ seed: 1, python, startedAt: new Date(0), durationMs: 1 }, exercises);
    expect(exitCode(run([passing, notStarted]))).toBe(0);
    expect(exitCode(run([notStarted]))).toBe(0);
    expect(exitCode(run([exercise('01-a', [check('x', 'fail', 0, 2)]), notStarted]))).toBe(1);
    // A file that is not there could not run: that is an error, not "not started".
    const missing = exerciseResult({ id: '03-c', title: 'c', file: 'c.py' }, [check('z', 'error', 0, 2)], {
      started: false,
      durationMs: 0,
      message: 'Cannot find c.py',
    });
    expect(exerciseState(missing)).toBe('error');
    expect(exitCode(run([passing, missing]))).toBe(1);
  });
});
