// Facts the judges of exercise 05 compute from the fake API's records: what was in flight together, what was
// refused, who went away, and the timeline rows a learner reads.
import type { Evidence, TimelineRow } from '../../../grader/engine/types.js';
import { peakConcurrency, ranOneAfterAnother } from '../../../grader/evidence/intervals.js';
import { timed, type RequestLog, type TimedRequest } from './requests.js';

// The name the timeline gives the calls: "Timeline: 5 calls of the API, all 5 at the same time".
const CALLS = 'the API';

export interface Request extends TimedRequest {
  // A short name for the request's prompt (the word that makes it unique), for messages and timelines.
  label: string;
}

// The log's requests on the judges' time axis, each with its prompt's label.
export function requestsOf(log: RequestLog, labels: Record<string, string>, zero?: number): Request[] {
  return timed(log, zero).map((r) => ({
    ...r,
    label: labels[r.prompt] ?? (r.prompt.length > 16 ? `${r.prompt.slice(0, 15)}…` : r.prompt),
  }));
}

// Requests the server took on (not refused at once with 429).
export function accepted(requests: Request[]): Request[] {
  return requests.filter((r) => r.refused === null);
}

export function refusedFor(requests: Request[], why: 'in-flight' | 'budget'): Request[] {
  return requests.filter((r) => r.status === 429 && r.refused === why);
}

// What became of a request, as a timeline shows it.
function outcome(r: Request): string {
  if (r.wentAway) return 'cancelled';
  if (r.status === null) return 'open';
  if (r.status === 429 && r.refused === 'in-flight') return '429 in flight';
  if (r.status === 429 && r.refused === 'budget') return '429 budget';
  return String(r.status);
}

// Intervals with a request still open when the run ended counted as lasting to the end.
export function intervals(requests: Request[], until = Number.POSITIVE_INFINITY): { start: number; end: number }[] {
  return requests.map((r) => ({ start: r.start, end: r.end ?? until }));
}

export function peakInFlight(requests: Request[]): number {
  return peakConcurrency(intervals(accepted(requests)));
}

export function oneAfterAnother(requests: Request[]): boolean {
  return requests.length > 1 && ranOneAfterAnother(intervals(requests));
}

// From the first arrival to the last end: how long the batch kept the API busy.
export function busySeconds(requests: Request[]): number {
  if (requests.length === 0) return 0;
  const ends = requests.map((r) => r.end ?? r.start);
  return Math.max(...ends) - Math.min(...requests.map((r) => r.start));
}

// A request's name on one short line: prompts and model names come from learner code, and must not add lines.
function nameOf(r: Request): string {
  const label = r.label.replace(/\s+/g, ' ').slice(0, 40);
  return r.attempt > 1 ? `${label} #${r.attempt}` : label;
}

export function rows(requests: Request[]): TimelineRow[] {
  return requests.map((r) => ({
    helper: CALLS,
    label: nameOf(r),
    start: r.start,
    end: r.end,
    thread: outcome(r),
    mainThread: false,
  }));
}

export function evidenceOf(requests: Request[], extra: Evidence = {}): Evidence {
  return { intervals: rows(requests), peakConcurrency: peakInFlight(requests), ...extra };
}

// "kale 0.00-0.12 200, rumi 0.00-0.15 cancelled": requests as a sentence, in start order.
export function describeRequests(requests: Request[], limit = 6): string {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const shown = sorted
    .slice(0, limit)
    .map((r) => `${nameOf(r)} ${r.start.toFixed(2)}-${r.end === null ? '?' : r.end.toFixed(2)} ${outcome(r)}`);
  if (sorted.length > limit) shown.push('...');
  return shown.join(', ');
}
