// What the witness records: calls, marks and ticks, each stamped with the grader's own clock (seconds).
import type { Json, LearnerFrame } from '../run/observations.js';

// What the calling process said about a call: detail for a message, never proof of anything.
export interface Claims {
  thread?: string;
  mainThread?: boolean;
  where?: LearnerFrame | null;
  // What a stand-in saw of its call (its arguments, the line that made its coroutine), for a message.
  detail?: Record<string, Json>;
}

// One call of a timed helper (or one request to a service of the grader's), from start to answer.
export interface WitnessSpan {
  helper: string;
  label: string;
  start: number;
  // Null while the call is in flight.
  end: number | null;
  // The caller went away before the answer (a cancelled task, a closed connection).
  abandoned: boolean;
  // For services: the status of the answer (HTTP).
  status?: number;
  claims: Claims;
}

export interface SpanHandle {
  end(status?: number): void;
  abandon(): void;
}

// Handed to a probe's plan, so that the services it uses record their calls for this probe alone.
export interface WitnessScope {
  readonly id: string;
  begin(helper: string, label: string, claims?: Claims): SpanHandle;
}

export interface Mark {
  what: 'call-start' | 'call-end';
  id: string;
  // When the witness received the mark.
  at: number;
  // When the harness says it sent it (checked against `at` and its neighbours before it is believed).
  sent: number | null;
}

// A heartbeat tick: when the witness received it, and when the harness says it sent it (same clock; see stamp).
export interface Tick {
  at: number;
  sent: number | null;
}

// What the harness's sampler reported the moment it saw it: the loop's thread on a learner line, the heartbeat
// late since `since` (monotonic seconds). Detail from inside the learner's process.
export interface SampledStall {
  since: number;
  where: LearnerFrame;
}

// A record the harness wrote, as the witness received it.
export interface Received {
  seq: number;
  at: number;
  body: unknown;
}

// Everything the witness saw of one probe.
export interface Witnessed {
  records: Received[];
  marks: Mark[];
  ticks: Tick[];
  sampled: SampledStall[];
  spans: WitnessSpan[];
  // Lines on the probe's channel that the harness did not write (wrong count, wrong signature, a second
  // connection claiming the probe): any of them makes the run untrustworthy.
  forged: string[];
  // The harness connected and fetched its spec.
  connected: boolean;
}

// The grader's clock, in seconds: the system's monotonic clock, which Python's time.monotonic() also reads, so that
// the harness's own stamps can be checked against the witness's.
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

// How late a record may reach the witness after the harness stamped it, for that stamp to be believed. A stamp
// can only ever claim an earlier moment than the witness saw, and by at most this much: a gap the loop really had
// cannot be hidden by stamps written after it, while a busy grader that reads its socket late makes no gap.
export const BELIEVED_LATENESS = 0.05;

// A helper call's start may be claimed earlier by up to this much: the harness stamps it as the call begins, before
// connecting to the witness, which a busy machine can make slow. Too little for sequential calls of a tenth of a
// second or more to look as if they overlapped.
export const BELIEVED_CALL_LATENESS = 0.1;

// The moment of a record: the harness's own stamp when it is plausible, else the moment the witness received it.
export function stamp(at: number, sent: number | null, believed = BELIEVED_LATENESS): number {
  if (sent === null || !Number.isFinite(sent)) return at;
  const lateness = at - sent;
  return lateness >= -0.002 && lateness <= believed ? sent : at;
}
