// Facts exercise 03's judges read from the recorded calls: which calls were made, and how a limit was kept.
import type { Interval } from '../../../grader/evidence/intervals.js';

// factorial_step("A", 2, 3) is recorded with the label "A:2*3".
export interface Step {
  name: string;
  total: number | null;
  i: number | null;
}

export function parseStep(label: string): Step {
  const colon = label.lastIndexOf(':');
  const [total, i] = label.slice(colon + 1).split('*');
  const number = (text: string | undefined): number | null =>
    text !== undefined && /^-?\d+$/.test(text) ? Number(text) : null;
  return { name: colon >= 0 ? label.slice(0, colon) : label, total: number(total), i: number(i) };
}

// How the calls made differ from the calls asked for, counting repeats: `missing` were asked for and not made
// (or made fewer times), `extra` were made and not asked for (or made more times).
export function callDifference(expected: string[], made: string[]): { missing: string[]; extra: string[] } {
  const left = new Map<string, number>();
  for (const label of expected) left.set(label, (left.get(label) ?? 0) + 1);
  const extra: string[] = [];
  for (const label of made) {
    const count = left.get(label) ?? 0;
    if (count > 0) left.set(label, count - 1);
    else extra.push(label);
  }
  const missing = [...left.entries()].flatMap(([label, count]) => Array.from({ length: count }, () => label));
  return { missing, extra };
}

// How many calls were in flight before the first one ended: the limit as the code first set it.
export function inFlightAtFirstEnd(intervals: Interval[]): number {
  const firstEnd = Math.min(...intervals.map((s) => s.end));
  return intervals.filter((s) => s.start < firstEnd).length;
}

// How long calls of these durations take, in the order given, with at most `limit` in flight and each waiting call
// started the moment a place frees: what a semaphore achieves.
export function boundedMakespan(durations: number[], limit: number): number {
  const places = Array.from({ length: Math.max(1, Math.min(limit, durations.length)) }, () => 0);
  for (const duration of durations) {
    const earliest = Math.min(...places);
    places[places.indexOf(earliest)] = earliest + duration;
  }
  return Math.max(0, ...places);
}
