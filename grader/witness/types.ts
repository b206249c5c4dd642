// What the witness records: calls, marks and ticks, each stamped with the grader's own clock (seconds).
import type { LearnerFrame } from '../run/observations.js';

// What the calling process said about a call: detail for a message, never proof of anything.
export interface Claims {
  thread?: string;
  mainThread?: boolean;
  where?: LearnerFrame | null;
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
  at: number;
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
  ticks: number[];
  spans: WitnessSpan[];
  // Lines on the probe's channel that the harness did not write (wrong count, wrong signature, a second
  // connection claiming the probe): any of them makes the run untrustworthy.
  forged: string[];
  // The harness connected and fetched its spec.
  connected: boolean;
}

// The grader's clock, in seconds.
export function now(): number {
  return performance.now() / 1000;
}
