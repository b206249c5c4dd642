import { describe, expect, it } from 'vitest';
import { cellFor, csvCell, renderGradebook } from '../../grader/bulk/gradebook.js';
import type { ExerciseResult } from '../../grader/results/types.js';
import { runPool } from '../../grader/bulk/pool.js';

describe('gradebook.csv', () => {
  it('has a column per exercise with its maximum, then total, max, missing and error', () => {
    const csv = renderGradebook({
      exercises: [
        { id: '01-a', maxPoints: 4, counts: true },
        { id: '02-b', maxPoints: 5, counts: true },
        { id: '03-c', maxPoints: 6, counts: false },
      ],
      rows: [
        {
          submission: 'ada',
          resultsFile: 'ada.json',
          cells: { '01-a': 3, '02-b': 4, '03-c': 6 },
          total: 7,
          maxTotal: 9,
          missing: [],
        },
        {
          submission: 'bob, "the builder"',
          resultsFile: 'bob.json',
          cells: { '01-a': 1, '02-b': 'missing', '03-c': 'not started' },
          total: 1,
          maxTotal: 9,
          missing: ['02-b'],
          error: 'line one\nline two',
        },
      ],
    });
    expect(csv).toBe(
      'submission,01-a (/4),02-b (/5),03-c (not counted),total,max,missing,error\r\n' +
        'ada,3,4,6,7,9,,\r\n' +
        '"bob, ""the builder""",1,missing,not started,1,9,02-b,"line one\nline two"\r\n',
    );
  });

  it('gives "not started" and "missing" their own values, apart from an attempted 0', () => {
    const exercise = (started: boolean, points: number): ExerciseResult => ({
      id: '01-a',
      title: 'A',
      file: 'a.py',
      status: 'fail',
      started,
      points,
      maxPoints: 4,
      durationMs: 1,
      checks: [],
    });
    expect(cellFor(exercise(false, 0), false)).toBe('not started');
    expect(cellFor(exercise(true, 0), false)).toBe(0);
    expect(cellFor(undefined, true)).toBe('missing');
  });

  it('defuses cells a spreadsheet would run as formulas, but not negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell('-3')).toBe('-3');
  });
});

describe('runPool', () => {
  it('never runs more than the limit at once and keeps results in order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runPool([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n * 5));
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
