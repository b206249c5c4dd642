import { describe, expect, it } from 'vitest';
import { annotationsFor } from '../../grader/reporters/github-annotations.js';
import { renderJobSummary } from '../../grader/reporters/github-summary.js';
import { fixedResults } from './fixed-results.js';

describe('GitHub job summary', () => {
  it('matches the snapshot for fixed results', () => {
    expect(renderJobSummary(fixedResults())).toMatchSnapshot();
  });

  it('puts a modified-grader warning at the very top', () => {
    const summary = renderJobSummary(
      fixedResults({ integrity: { status: 'modified', files: ['grader/engine/grade.ts'] } }),
    );
    expect(summary.split('\n')[0]).toBe('> [!WARNING]');
    expect(summary).toContain('grader/engine/grade.ts');
    expect(renderJobSummary(fixedResults({ integrity: { status: 'intact', files: [] } }))).not.toContain('WARNING');
  });

  it('keeps a pipe in a title from breaking the table', () => {
    expect(renderJobSummary(fixedResults())).toContain('2. main \\| awaits');
  });
});

describe('GitHub annotations', () => {
  it('annotates failed checks of started exercises, on the learner line when there is one', () => {
    expect(annotationsFor(fixedResults())).toEqual([
      {
        title: '01-runners: waits without blocking',
        message: expect.stringContaining('blocked for 0.28 s') as string,
        file: 'exercises/01-runners/runners.py',
        line: 8,
      },
      {
        title: '01-runners: main | awaits',
        message: '`main` returned None, but it should return 7.',
        file: 'exercises/01-runners/runners.py',
      },
    ]);
  });

  it('says a shared error once', () => {
    const results = fixedResults();
    const first = results.exercises[0]!;
    first.checks = first.checks.map((c) => ({
      ...c,
      status: 'error',
      message: 'syntax',
      location: { file: first.file, line: 2 },
    }));
    expect(annotationsFor(results)).toHaveLength(1);
  });
});
