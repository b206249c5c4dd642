// Facts computed from the recorded intervals of instrumented calls: the evidence behind concurrency verdicts.
import type { Span } from '../run/observations.js';

export interface Interval {
  start: number;
  end: number;
}

// Spans that never ended (the run was stopped) count as lasting to the end of the observation window.
export function closed(spans: Span[], until?: number): (Span & Interval)[] {
  const end = until ?? Math.max(0, ...spans.map((s) => s.end ?? s.start));
  return spans.map((s) => ({ ...s, end: s.end ?? end }));
}

// The largest number of calls in flight at the same moment.
export function peakConcurrency(intervals: Interval[]): number {
  const edges: [number, number][] = [];
  for (const { start, end } of intervals) {
    edges.push([start, 1], [end, -1]);
  }
  // Ends sort before starts at the same instant: back-to-back calls do not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

// True when every call started only after the previous one ended (within a small tolerance).
export function ranOneAfterAnother(intervals: Interval[], tolerance = 0.005): boolean {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as Interval).start < (sorted[i - 1] as Interval).end - tolerance) return false;
  }
  return true;
}

// With a limit kept by a semaphore, the k-th call to end frees a place, and the (limit + k)-th call starts at once.
// Each handoff's wait is how long that place stayed empty while work was waiting: near zero for a semaphore, the
// rest of a batch's slowest call for fixed batches.
export function handoffWaits(intervals: Interval[], limit: number): number[] {
  const starts = intervals.map((s) => s.start).sort((a, b) => a - b);
  const ends = intervals.map((s) => s.end).sort((a, b) => a - b);
  const waits: number[] = [];
  for (let k = 0; limit + k < starts.length; k++)
    waits.push(Math.max(0, (starts[limit + k] as number) - (ends[k] as number)));
  return waits;
}

// How long the calls took from the first start to the last end.
export function makespan(intervals: Interval[]): number {
  if (intervals.length === 0) return 0;
  return Math.max(...intervals.map((i) => i.end)) - Math.min(...intervals.map((i) => i.start));
}

export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(2)} s`;
}

// "0.00-0.30, 0.30-0.60": the intervals as a learner reads them, in start order.
export function formatIntervals(intervals: { start: number; end: number | null }[], limit = 6): string {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const shown = sorted.slice(0, limit).map((i) => `${i.start.toFixed(2)}-${i.end === null ? '?' : i.end.toFixed(2)}`);
  if (sorted.length > limit) shown.push('...');
  return shown.join(', ');
}

// Whether a run that overshot its cut-off although every call overlapped was slowed by the learner's own code.
// Only time outside the calls is the learner's, and it counts once it is as large as the whole saving of running
// concurrently: a busy machine stretches a run, it does not add a sequential run's worth of time.
export function slowOutsideCalls(
  elapsed: number,
  intervals: Interval[],
  concurrent: number,
  sequential: number,
): boolean {
  return elapsed - makespan(intervals) >= sequential - concurrent;
}
