// The facts exercise 03's judges read from recorded calls, on hand-made intervals of the shapes they must tell apart.
import { describe, expect, it } from 'vitest';
import {
  boundedMakespan,
  callDifference,
  inFlightAtFirstEnd,
  parseStep,
} from '../../exercises/03-gather/grader/evidence.js';
import { handoffWaits } from '../../grader/evidence/intervals.js';

// Five fetches, limit 2, delays quick (0.08) and slow (0.24) as the bounded probe hands them out.
const semaphore = [
  { start: 0, end: 0.24 },
  { start: 0, end: 0.08 },
  { start: 0.081, end: 0.161 },
  { start: 0.162, end: 0.402 },
  { start: 0.241, end: 0.321 },
];
const batches = [
  { start: 0, end: 0.24 },
  { start: 0, end: 0.08 },
  { start: 0.241, end: 0.321 },
  { start: 0.241, end: 0.481 },
  { start: 0.482, end: 0.562 },
];

describe('03-gather evidence', () => {
  it('reads factorial_step labels back into their arguments', () => {
    expect(parseStep('A:2*3')).toEqual({ name: 'A', total: 2, i: 3 });
    expect(parseStep('x:y:120*6')).toEqual({ name: 'x:y', total: 120, i: 6 });
    expect(parseStep('B:<coroutine object>*4')).toEqual({ name: 'B', total: null, i: 4 });
  });

  it('counts repeated calls as calls of their own', () => {
    expect(callDifference(['a', 'b', 'a'], ['a', 'b', 'a'])).toEqual({ missing: [], extra: [] });
    expect(callDifference(['a', 'b', 'a'], ['a', 'b'])).toEqual({ missing: ['a'], extra: [] });
    expect(callDifference(['a', 'b'], ['a', 'b', 'b', 'c'])).toEqual({ missing: [], extra: ['b', 'c'] });
  });

  it('tells a semaphore from fixed batches by how long freed places stay empty', () => {
    expect(Math.max(...handoffWaits(semaphore, 2))).toBeLessThan(0.01);
    const waits = handoffWaits(batches, 2);
    expect(waits.filter((w) => w > 0.1)).toHaveLength(2);
  });

  it('sees the limit a run started with, before any call ended', () => {
    expect(inFlightAtFirstEnd(semaphore)).toBe(2);
    // Released twice: two in flight at first, then three once the first fetch gave back two permits.
    const grew = [
      { start: 0, end: 0.1 },
      { start: 0, end: 0.3 },
      { start: 0.1, end: 0.4 },
      { start: 0.1, end: 0.4 },
    ];
    expect(inFlightAtFirstEnd(grew)).toBe(2);
  });

  it('computes how long a semaphore takes with calls of these durations in this order', () => {
    expect(boundedMakespan([0.24, 0.08, 0.08, 0.24, 0.08], 2)).toBeCloseTo(0.4);
    expect(boundedMakespan([0.1, 0.1, 0.1], 5)).toBeCloseTo(0.1);
    expect(boundedMakespan([], 3)).toBe(0);
  });
});
