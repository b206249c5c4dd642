// The teacher's grading policy: read and validated from grading-policy.json, applied to the course (points, counted
// exercises), and judged on a run's results.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../grader/engine/course.js';
import { EnvironmentError } from '../../grader/errors.js';
import {
  applyPolicy,
  DEFAULT_POLICY,
  judgePolicy,
  readPolicy,
  type GradingPolicy,
} from '../../grader/policy/grading-policy.js';
import { maxPointsOf } from '../../grader/results/assemble.js';
import type { RunResults } from '../../grader/results/types.js';
import { runKitCli } from '../helpers/kit-process.js';
import { makeTempKit } from '../helpers/temp-kit.js';
import { fixedResults } from '../reporters/fixed-results.js';

const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-policy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const course = loadCourse();
const [first, second] = course;

function policyIn(name: string, text: string): string {
  const dir = path.join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'grading-policy.json'), text);
  return dir;
}

describe('reading grading-policy.json', () => {
  it('falls back to the default policy when there is none', () => {
    expect(readPolicy(path.join(work, 'nowhere'))).toEqual(DEFAULT_POLICY);
  });

  it('reads a valid policy and rejects an invalid one with the file and the problem (exit 2)', () => {
    expect(readPolicy(policyIn('ok', '{ "minScore": 30, "exercises": ["01-runners"] }'))).toEqual({
      minScore: 30,
      exercises: ['01-runners'],
      points: {},
    });
    expect(() => readPolicy(policyIn('bad', '{ "minScore": "thirty" }'))).toThrow(EnvironmentError);
    expect(() => readPolicy(policyIn('bad2', '{ "minScore": "thirty" }'))).toThrow(
      /grading-policy\.json is not a valid grading policy: \/minScore/,
    );
    expect(() => readPolicy(policyIn('broken', '{ not json'))).toThrow(
      /grading-policy\.json is not a valid grading policy/,
    );
  });
});

describe('applying the policy to the course', () => {
  it('replaces points per check and marks the exercises that count', () => {
    if (!first || !second) throw new Error('the course needs two exercises');
    const checkId = first.meta.tasks[0]?.checks[0]?.id ?? '';
    const policy: GradingPolicy = {
      minScore: null,
      exercises: [first.meta.id],
      points: { [first.meta.id]: { [checkId]: 50 } },
    };
    const [a, b] = applyPolicy(course, policy);
    expect(a?.meta.tasks[0]?.checks[0]?.points).toBe(50);
    expect(maxPointsOf(a?.meta ?? first.meta)).toBe(
      maxPointsOf(first.meta) - (first.meta.tasks[0]?.checks[0]?.points ?? 0) + 50,
    );
    expect([a?.counts, b?.counts]).toEqual([true, false]);
  });

  it('names an unknown exercise or check', () => {
    expect(() => applyPolicy(course, { ...DEFAULT_POLICY, exercises: ['07-nope'] })).toThrow(
      /names an exercise "07-nope" that the course does not have/,
    );
    expect(() => applyPolicy(course, { ...DEFAULT_POLICY, points: { [first?.meta.id ?? '']: { nope: 1 } } })).toThrow(
      /gives points to a check "nope"/,
    );
  });
});

describe('judging a run', () => {
  it('passes nothing started, whatever the minimum, and says why', () => {
    const results = fixedResults();
    const untouched = { ...results, score: { points: 0, maxPoints: 8 }, exercises: results.exercises.slice(1) };
    for (const minScore of [null, 30]) {
      const outcome = judgePolicy(untouched, { ...DEFAULT_POLICY, minScore });
      expect(outcome.passed).toBe(true);
      expect(outcome.reason).toMatch(/^Nothing graded yet/);
    }
  });

  it('without a minimum, fails while a graded check fails; with one, compares the score', () => {
    expect(judgePolicy(fixedResults(), DEFAULT_POLICY)).toMatchObject({
      passed: false,
      minScore: null,
      counted: ['01-runners', '02-coroutines'],
    });
    expect(judgePolicy(fixedResults(), { ...DEFAULT_POLICY, minScore: 3 })).toMatchObject({
      passed: true,
      reason: "Score 3/8 reaches the course's minimum of 3.",
    });
    expect(judgePolicy(fixedResults(), { ...DEFAULT_POLICY, minScore: 4 })).toMatchObject({ passed: false });
  });
});

describe('through the CLI', () => {
  it('an invalid policy is a set-up problem (exit 2) that names the file and the fix, never a crash', async () => {
    const kit = makeTempKit();
    try {
      writeFileSync(path.join(kit.root, 'grading-policy.json'), '{ "minScore": -1 }');
      const run = await runKitCli(kit, ['01']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(
        /^grading-policy\.json is not a valid grading policy: \/minScore must be >= 0\.\nFix it/,
      );
      writeFileSync(
        path.join(kit.root, 'grading-policy.json'),
        '{ "exercises": ["01-runners"], "points": { "01-runners": { "makes-a-coroutine": 5 } } }',
      );
      const graded = await runKitCli(kit, ['--json', 'out.json']);
      expect(graded.exitCode, graded.stderr).toBe(0);
      const results = JSON.parse(readFileSync(path.join(kit.root, 'out.json'), 'utf8')) as RunResults;
      expect(results.exercises.filter((e) => e.counts === false).map((e) => e.id)).toEqual(
        course.slice(1).map((e) => e.meta.id),
      );
      expect(results.score.maxPoints).toBe(maxPointsOf(first?.meta ?? course[0]!.meta) + 4);
      expect(results.policy).toMatchObject({ minScore: null, counted: ['01-runners'], passed: true });
    } finally {
      kit.remove();
    }
  });
});
