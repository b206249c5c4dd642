// What list ends with and what follows a pass, for each state a learner can be in.
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../grader/engine/course.js';
import { afterPass, currentExercise, nextStep } from '../../grader/learner/next-step.js';
import type { ExerciseProgress } from '../../grader/learner/progress.js';

const course = loadCourse();

// Every exercise done, except the ones given their own status.
function progress(statuses: Record<string, ExerciseProgress['status']> = {}): ExerciseProgress[] {
  return course.map((exercise) => ({
    exercise,
    status: statuses[exercise.meta.id] ?? 'done',
    points: 0,
    maxPoints: 1,
  }));
}

const [first, second] = course.map((e) => e.meta.id);

describe('nextStep', () => {
  it('names the first exercise not done, whatever comes after it', () => {
    const p = progress({ [second ?? '']: 'in-progress', [first ?? '']: 'not-started' });
    expect(currentExercise(p)?.exercise.meta.id).toBe(first);
  });

  it.each([
    [
      'not-started',
      /^Next: \S+\. Read exercises\/\S+\/README\.md, replace the TODOs in exercises\/\S+\.py, then grade it: npm run grade -- \d+ \(or npm run watch, to grade on every save\)\.$/,
    ],
    ['in-progress', /^Keep going with \S+: npm run grade -- (\d+) {4}Stuck\? npm run grade -- hint \1$/],
    ['changed', /^\S+ has changed since it was last graded: npm run grade -- \d+$/],
    ['cannot-run', /^\S+ cannot run yet; npm run grade -- \d+ shows why\.$/],
    ['missing', /^exercises\/\S+\.py \(\S+\) is missing: put the stub back with npm run grade -- reset \d+$/],
  ] as const)('%s: says what to type', (status, expected) => {
    expect(nextStep(progress({ [second ?? '']: status }))).toMatch(expected);
  });

  it('once everything is done: the course is finished, and the solutions are open', () => {
    expect(nextStep(progress())).toMatch(
      /^Every exercise passes: you have finished the course\. Well done! Compare your code with the reference solutions: npm run grade -- solution \d+$/,
    );
  });

  it('after a pass: the solution that opened, then the next step', () => {
    expect(afterPass(first ?? '', progress({ [second ?? '']: 'not-started' }))).toMatch(
      new RegExp(
        `^${first} passes! Its reference solution is open now, to compare with yours: npm run grade -- solution \\d+\\. Next: ${second}\\. `,
      ),
    );
  });
});
