import { describe, expect, it } from 'vitest';
import { csvCell, renderGradebook } from '../../grader/bulk/gradebook.js';
import { runPool } from '../../grader/bulk/pool.js';

describe('gradebook.csv', () => {
  it('has a column per exercise with its maximum, then total, max, missing and error', () => {
    const csv = renderGradebook(
      [
        { submission: 'ada', points: { '01-a': 3, '02-b': 4 }, total: 7, maxTotal: 9, missing: [] },
        { submission: 'bob, "the builder"', points: { '01-a': 1 }, total: 1, maxTotal: 9, missing: ['02-b'], error: 'line one\nline two' },
      ],
      ['01-a', '02-b'],
      { '01-a': 4, '02-b': 5 },
    );
    expect(csv).toBe(
      'submission,01-a (/4),02-b (/5),total,max,missing,error\r\n' +
        'ada,3,4,7,9,,\r\n' +
        '"bob, ""the builder""",1,0,1,9,02-b,"line one\nline two"\r\n',
    );
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
