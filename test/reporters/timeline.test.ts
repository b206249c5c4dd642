// The picture of concurrency: a sequential run must read as a staircase and a gathered one as stacked bars,
// in text (80 columns, no colour needed), in SVG and in a Mermaid gantt.
import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../grader/engine/types.js';
import {
  layoutTimeline,
  renderTimelineMermaid,
  renderTimelineSvg,
  renderTimelineText,
} from '../../grader/reporters/timeline.js';
import { overlappingPairs, textBars } from '../helpers/timeline-shape.js';
import { gatheredRows, openRows, sequentialRows, threadRows } from './timeline-fixtures.js';

function svgBars(svg: string): { x: number; width: number }[] {
  return [...svg.matchAll(/<rect class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => ({
    x: Number(m[1]),
    width: Number(m[2]),
  }));
}

describe('text timeline', () => {
  it('draws a sequential run as a staircase: each bar starts where the one above ended, none overlap', () => {
    const text = renderTimelineText(sequentialRows);
    const bars = textBars(text);
    expect(bars.map((b) => b.label)).toEqual(['dalo', 'pozesa', 'vizeto', 'losane', 'tovimi']);
    expect(overlappingPairs(bars)).toBe(0);
    for (let i = 1; i < bars.length; i++) {
      expect(bars[i]!.from).toBeGreaterThan(bars[i - 1]!.from);
      expect(bars[i]!.from).toBeGreaterThanOrEqual(bars[i - 1]!.to - 1);
    }
    expect(text.split('\n')[0]).toBe('Timeline: 5 calls of fetch_item, one at a time');
  });

  it('draws a gathered run as stacked bars: every bar starts in the same column and every pair overlaps', () => {
    const text = renderTimelineText(gatheredRows);
    const bars = textBars(text);
    expect(bars).toHaveLength(5);
    expect(new Set(bars.map((b) => b.from)).size).toBe(1);
    expect(overlappingPairs(bars)).toBe(10);
    // Ends differ as the calls did: the longest call (rumi) has the longest bar.
    const longest = bars.reduce((a, b) => (b.to > a.to ? b : a));
    expect(longest.label).toBe('rumi');
    expect(text.split('\n')[0]).toBe('Timeline: 5 calls of fetch_item, all 5 at the same time');
  });

  it('fits 80 columns under the reporter indent, uses no colour codes by default, and labels the axis in seconds', () => {
    for (const rows of [sequentialRows, gatheredRows, threadRows, openRows]) {
      const text = renderTimelineText(rows, { width: 74 });
      for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(74);
      // eslint-disable-next-line no-control-regex -- ESC [ starts every ANSI colour code
      expect(text).not.toMatch(/\u001b\[/);
      expect(text.split('\n')[1]).toMatch(/^\s+0\s+.* s$/);
    }
    // Bars share one axis: the last call starts 0.65 s after the first, which lasted 0.18 s (3.6 times as long).
    const seq = textBars(renderTimelineText(sequentialRows));
    const ratio = (seq.at(-1)!.from - seq[0]!.from) / (seq[0]!.to - seq[0]!.from);
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(4.3);
  });

  it('names threads only where they matter: off the loop thread or on more than one thread', () => {
    expect(renderTimelineText(sequentialRows)).not.toMatch(/MainThread|worker/);
    const threaded = renderTimelineText(threadRows);
    expect(threaded).toMatch(/^page-0 +worker 0_0 /m);
    expect(threaded).toMatch(/^page-2 +worker 0_2 /m);
    const mixed: TimelineRow[] = [sequentialRows[0]!, { ...threadRows[0]!, start: 0.3, end: 0.5 }];
    expect(renderTimelineText(mixed)).toMatch(/^dalo +MainThread /m);
  });

  it('draws a call that never ended up to the end of the axis, with an open end and a "?"', () => {
    const text = renderTimelineText(openRows);
    const stuck = text.split('\n').find((line) => line.startsWith('stuck'))!;
    expect(stuck).toMatch(/█▸ +0\.20-\?$/);
  });

  it('keeps long runs short: at most maxRows rows, then how many more', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({
      ...sequentialRows[0]!,
      label: `c${i}`,
      start: i * 0.1,
      end: i * 0.1 + 0.1,
    }));
    const text = renderTimelineText(many, { maxRows: 12 });
    expect(textBars(text)).toHaveLength(12);
    expect(text).toMatch(/… and 3 more calls$/);
  });

  it('matches the snapshot of a staircase and of stacked bars', () => {
    expect(
      `${renderTimelineText(sequentialRows)}\n\n${renderTimelineText(gatheredRows)}\n\n${renderTimelineText(threadRows)}`,
    ).toMatchSnapshot();
  });

  it('lays out the peak and the axis from the recorded intervals', () => {
    expect(layoutTimeline(sequentialRows).peak).toBe(1);
    expect(layoutTimeline(gatheredRows).peak).toBe(5);
    const layout = layoutTimeline(sequentialRows);
    expect(layout.axisEnd).toBeGreaterThanOrEqual(0.78);
    expect(layout.ticks[0]).toBe(0);
    expect(layout.ticks.at(-1)).toBe(layout.axisEnd);
  });
});

describe('SVG timeline', () => {
  it('places sequential bars left to right without overlap, and gathered bars at one x', () => {
    const seq = svgBars(renderTimelineSvg(sequentialRows));
    expect(seq).toHaveLength(5);
    for (let i = 1; i < seq.length; i++)
      expect(seq[i]!.x).toBeGreaterThanOrEqual(seq[i - 1]!.x + seq[i - 1]!.width - 0.5);
    const gathered = svgBars(renderTimelineSvg(gatheredRows));
    expect(gathered).toHaveLength(5);
    expect(new Set(gathered.map((b) => b.x)).size).toBe(1);
  });

  it('colours worker threads apart from the loop thread and escapes every name', () => {
    const hostile: TimelineRow[] = [
      { ...threadRows[0]!, thread: '<script>alert(1)</script>', label: '"><img src=x onerror=alert(1)>' },
      sequentialRows[0]!,
    ];
    const svg = renderTimelineSvg(hostile);
    expect(svg).not.toMatch(/<script|<img/);
    expect(svg).toContain('&lt;script&gt;');
    const fills = [...svg.matchAll(/<rect class="bar"[^>]* fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(new Set(fills).size).toBe(2);
  });
});

describe('Mermaid timeline', () => {
  it('writes a gantt in milliseconds, one task per call, grouped by thread when threads matter', () => {
    const seq = renderTimelineMermaid(sequentialRows);
    expect(seq.split('\n').slice(0, 5)).toEqual([
      '```mermaid',
      'gantt',
      '  title 5 calls of fetch_item, one at a time',
      '  dateFormat x',
      '  axisFormat %S.%L s',
    ]);
    expect(seq).toContain('  pozesa :200, 330');
    const threaded = renderTimelineMermaid(threadRows);
    expect(threaded.match(/section worker/g)).toHaveLength(3);
    expect(renderTimelineMermaid([{ ...sequentialRows[0]!, label: 'a:b#c;d\n' }])).toContain('  a_b_c_d_ :20, 200');
  });
});

describe('timelines section of the job summary', () => {
  it('has a gantt and a folded text picture per check with intervals, and nothing when there are none', async () => {
    const { renderTimelinesSection } = await import('../../grader/reporters/timeline-markdown.js');
    const { resultsWithTimelines } = await import('./timeline-fixtures.js');
    const { fixedResults } = await import('./fixed-results.js');
    const section = renderTimelinesSection(resultsWithTimelines());
    expect(section.startsWith('### Timelines\n')).toBe(true);
    expect(section.match(/```mermaid/g)).toHaveLength(3);
    expect(section.match(/<details>/g)).toHaveLength(3);
    expect(section).toContain('❌ **03-gather**, 2. fetch\\_all fetches every item at once');
    expect(section).toContain('Timeline: 5 calls of fetch_item, one at a time');
    expect(renderTimelinesSection(fixedResults())).toBe('');
  });
});

describe('the job summary carries the timelines', () => {
  it('shows a gantt per concurrency verdict before the footer, and none for results without intervals', async () => {
    const { renderJobSummary } = await import('../../grader/reporters/github-summary.js');
    const { resultsWithTimelines } = await import('./timeline-fixtures.js');
    const { fixedResults } = await import('./fixed-results.js');
    const summary = renderJobSummary(resultsWithTimelines());
    expect(summary.match(/```mermaid\ngantt/g)).toHaveLength(3);
    expect(summary.indexOf('### Timelines')).toBeGreaterThan(summary.indexOf('| **Total** |'));
    expect(summary.indexOf('### Timelines')).toBeLessThan(summary.indexOf('<sub>asyncio-lab'));
    expect(renderJobSummary(fixedResults())).not.toContain('Timelines');
  });
});
