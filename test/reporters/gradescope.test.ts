import { describe, expect, it } from 'vitest';
import { toGradescope } from '../../grader/reporters/gradescope.js';
import { gradescopeProblems } from '../helpers/gradescope-schema.js';
import { fixedResults } from './fixed-results.js';

describe("Gradescope's results.json", () => {
  it('matches the snapshot for fixed results', () => {
    expect(toGradescope(fixedResults())).toMatchSnapshot();
  });

  it("is valid against the schema written from Gradescope's specification", () => {
    expect(gradescopeProblems(toGradescope(fixedResults()))).toBeNull();
  });

  it('the schema rejects what Gradescope would reject', () => {
    const good = toGradescope(fixedResults());
    expect(gradescopeProblems({ ...good, tests: [{ ...good.tests[0], status: 'pass' }] })).not.toBeNull();
    expect(gradescopeProblems({ ...good, tests: [{ ...good.tests[0], visibility: 'public' }] })).not.toBeNull();
    expect(gradescopeProblems({ output: 'no score anywhere' })).not.toBeNull();
  });

  it('scores each check, fails errors, and totals the score', () => {
    const out = toGradescope(fixedResults());
    expect(out.score).toBe(3);
    expect(out.execution_time).toBe(2.3);
    expect(out.tests.map((t) => [t.status, t.score, t.max_score])).toEqual([
      ['passed', 1, 1],
      ['failed', 0, 2],
      ['failed', 0, 1],
      ['passed', 2, 2],
      ['failed', 0, 2],
    ]);
    expect(out.tests[1]?.output).toContain('blocked');
  });
});
