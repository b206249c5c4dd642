import { describe, expect, it } from 'vitest';
import {
  formatIntervals,
  makespan,
  peakConcurrency,
  ranOneAfterAnother,
  slowOutsideCalls,
} from '../../grader/evidence/intervals.js';

const staircase = [
  { start: 0, end: 0.3 },
  { start: 0.3, end: 0.6 },
  { start: 0.6, end: 0.9 },
];
const stacked = [
  { start: 0, end: 0.3 },
  { start: 0.001, end: 0.302 },
  { start: 0.002, end: 0.299 },
];

describe('interval evidence', () => {
  it('counts the peak number of calls in flight', () => {
    expect(peakConcurrency(staircase)).toBe(1);
    expect(peakConcurrency(stacked)).toBe(3);
    expect(
      peakConcurrency([
        { start: 0, end: 1 },
        { start: 0.5, end: 2 },
        { start: 1.5, end: 3 },
      ]),
    ).toBe(2);
    expect(peakConcurrency([])).toBe(0);
  });

  it('treats back-to-back calls as not overlapping', () => {
    expect(
      peakConcurrency([
        { start: 0, end: 1 },
        { start: 1, end: 2 },
      ]),
    ).toBe(1);
  });

  it('tells a staircase from overlapping calls', () => {
    expect(ranOneAfterAnother(staircase)).toBe(true);
    expect(ranOneAfterAnother(stacked)).toBe(false);
    expect(ranOneAfterAnother([...staircase].reverse())).toBe(true);
  });

  it('measures from the first start to the last end', () => {
    expect(makespan(staircase)).toBeCloseTo(0.9);
    expect(makespan(stacked)).toBeCloseTo(0.302);
  });

  it('formats intervals as a learner reads them, in start order', () => {
    expect(formatIntervals([...staircase].reverse())).toBe('0.00-0.30, 0.30-0.60, 0.60-0.90');
    expect(formatIntervals([{ start: 0, end: null }])).toBe('0.00-?');
    expect(
      formatIntervals(
        Array.from({ length: 8 }, (_, i) => ({ start: i, end: i + 1 })),
        2,
      ),
    ).toBe('0.00-1.00, 1.00-2.00, ...');
  });

  it('blames the learner for an overshoot only when the time outside the calls costs as much as running one after another', () => {
    // Calls planned 0.30 s concurrently, 0.90 s one after another; they overlapped.
    expect(slowOutsideCalls(0.45, stacked, 0.3, 0.9)).toBe(false); // a busy machine: 0.15 s outside the calls
    expect(slowOutsideCalls(0.95, stacked, 0.3, 0.9)).toBe(true); // 0.65 s of the learner's own waiting
  });
});
