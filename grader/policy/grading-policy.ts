// The teacher's grading policy, grading-policy.json at the kit's root: the minimum score, which exercises count, and
// points per check. It lives outside the grader's tamper manifest, so changing it never reads as a modified grader.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from '../engine/course.js';
import { EnvironmentError } from '../errors.js';
import * as say from '../messages.js';
import { isCounted, standing } from '../results/assemble.js';
import type { PolicyOutcome, RunResults } from '../results/types.js';
import { validatePolicy } from '../results/validators.js';

export const POLICY_FILE = 'grading-policy.json';

export interface GradingPolicy {
  // null: no graded check may fail; a number: the score the grade must reach.
  minScore: number | null;
  // The exercise ids that count toward the score, or every exercise.
  exercises: string[] | 'all';
  // Exercise id -> check id -> points, replacing exercise.json's.
  points: Record<string, Record<string, number>>;
}

// What a kit without a policy file grades by: everything counts, every graded check must pass.
export const DEFAULT_POLICY: GradingPolicy = { minScore: null, exercises: 'all', points: {} };

// The policy in `root` (the default when there is none); a policy that is not valid is a set-up problem (exit 2).
export function readPolicy(root: string): GradingPolicy {
  const file = path.join(root, POLICY_FILE);
  if (!existsSync(file)) return DEFAULT_POLICY;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new EnvironmentError(say.policyInvalid(POLICY_FILE, cause instanceof Error ? cause.message : String(cause)));
  }
  const problems = validatePolicy(data);
  if (problems) throw new EnvironmentError(say.policyInvalid(POLICY_FILE, problems));
  const valid = data as Partial<GradingPolicy>;
  return { minScore: valid.minScore ?? null, exercises: valid.exercises ?? 'all', points: valid.points ?? {} };
}

// The course as this policy grades it: points replaced, and each exercise marked as counted or not.
export function applyPolicy(course: Exercise[], policy: GradingPolicy): Exercise[] {
  const ids = course.map((e) => e.meta.id);
  const named = [...(policy.exercises === 'all' ? [] : policy.exercises), ...Object.keys(policy.points)];
  const unknown = named.find((id) => !ids.includes(id));
  if (unknown !== undefined) throw new EnvironmentError(say.policyUnknownExercise(POLICY_FILE, unknown, ids));
  return course.map((exercise) => {
    const overrides = policy.points[exercise.meta.id] ?? {};
    const checkIds = exercise.meta.tasks.flatMap((t) => t.checks.map((c) => c.id));
    const stray = Object.keys(overrides).find((id) => !checkIds.includes(id));
    if (stray !== undefined)
      throw new EnvironmentError(say.policyUnknownCheck(POLICY_FILE, exercise.meta.id, stray, checkIds));
    const tasks = exercise.meta.tasks.map((task) => ({
      ...task,
      checks: task.checks.map((check) =>
        check.id in overrides ? { ...check, points: overrides[check.id] ?? check.points } : check,
      ),
    }));
    return {
      ...exercise,
      meta: { ...exercise.meta, tasks },
      counts: policy.exercises === 'all' || policy.exercises.includes(exercise.meta.id),
    };
  });
}

// Whether a run's grade is good enough under the policy, and why in words. Nothing started yet is never a failed
// grade: the template as shipped, and a learner's first push, pass and say so.
export function judgePolicy(results: RunResults, policy: GradingPolicy): PolicyOutcome {
  const counted = results.exercises.filter(isCounted);
  const ids = counted.map((e) => e.id);
  const { points, maxPoints } = results.score;
  const { failing, notStarted, graded } = standing({ ...results, exercises: counted });
  const outcome = (passed: boolean, reason: string): PolicyOutcome => ({
    minScore: policy.minScore,
    counted: ids,
    passed,
    reason,
  });
  if (graded === 0) return outcome(true, say.policyNothingStarted(notStarted));
  if (policy.minScore === null) {
    return failing === 0
      ? outcome(true, say.policyEveryCheckPasses(points, maxPoints, notStarted))
      : outcome(false, say.policyChecksFail(points, maxPoints, failing));
  }
  return points >= policy.minScore
    ? outcome(true, say.policyScoreReached(points, maxPoints, policy.minScore))
    : outcome(false, say.policyScoreBelow(points, maxPoints, policy.minScore));
}
