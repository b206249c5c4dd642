// The terminal reporter draws the timeline under every concurrency verdict, passing or failing, and nowhere else.
import { describe, expect, it } from 'vitest';
import { renderExercise } from '../../grader/reporters/terminal.js';
import { plainStyle } from '../../grader/reporters/style.js';
import { overlappingPairs, textBars } from '../helpers/timeline-shape.js';
import { resultsWithTimelines } from './timeline-fixtures.js';

const gather = resultsWithTimelines().exercises.find((e) => e.id === '03-gather')!;
const runners = resultsWithTimelines().exercises.find((e) => e.id === '01-runners')!;

// The lines printed between one check's heading and the next.
function blockOf(text: string, title: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(title));
  const end = lines.findIndex((l, i) => i > start && /^ {2}[✓✗!] /.test(l));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

describe('terminal reporter with timelines', () => {
  const text = renderExercise(gather, plainStyle);

  it('shows the staircase under the failing sequential check, after its message', () => {
    const block = blockOf(text, 'fetch_all fetches every item at once');
    expect(block).toMatch(/ran one after another[\s\S]*\n {6}Timeline: 5 calls of fetch_item, one at a time/);
    expect(overlappingPairs(textBars(block))).toBe(0);
    expect(textBars(block)).toHaveLength(5);
  });

  it('shows stacked bars under the passing concurrent check too', () => {
    const block = blockOf(text, 'fetch_all_safely fetches every item at once');
    expect(block).toMatch(/^ {6}Timeline: 5 calls of fetch_item, all 5 at the same time/);
    expect(overlappingPairs(textBars(block))).toBe(10);
  });

  it('names the worker threads where calls ran off the loop thread', () => {
    expect(blockOf(text, 'fetch_all runs in worker threads')).toMatch(/page-1 +worker 0_1 /);
  });

  it('keeps every timeline line within 80 columns and prints no timeline for checks without intervals', () => {
    for (const line of text.split('\n').filter((l) => /Timeline|[█·]/.test(l)))
      expect([...line].length).toBeLessThanOrEqual(80);
    expect(renderExercise(runners, plainStyle)).not.toMatch(/Timeline/);
  });

  it('matches the snapshot', () => {
    expect(text).toMatchSnapshot();
  });
});
