// What the fake API witnessed: every request of one scenario, stamped with the server's own clock.
import type { Refusal } from './protocol.js';

export interface RequestRecord {
  // 1 for the scenario's first request, in order of arrival.
  n: number;
  prompt: string;
  model: string;
  // How many requests for this prompt and model had arrived, this one included (2 is the first retry).
  attempt: number;
  // The grader's clock (the witness's, CLOCK_MONOTONIC), in milliseconds.
  arrived: number;
  // When the answer was sent, or when the client went away; null while neither has happened.
  ended: number | null;
  // The status sent; null when the client went away before its answer.
  status: number | null;
  // Why the request was refused at once with 429: too many requests in flight, or the budget of requests per
  // window spent (null for a request the server took on, including one it later failed, even with a 429).
  refused: Refusal | null;
  // The wait a 429 asked for, in seconds.
  retryAfter: number | null;
  // The client closed the connection before the answer was sent: it gave up on the request (a cancel or a timeout).
  wentAway: boolean;
}

// One scenario's records, filled in live while the probe runs (a plan can hand it to its judges).
export interface RequestLog {
  requests: RequestRecord[];
}

// A request on the judges' time axis, in seconds.
export interface TimedRequest extends RequestRecord {
  start: number;
  // null: still open when the run ended (as good as the client going away then).
  end: number | null;
}

// The moment judged times are measured from when the call's own start is not known: the first request of the logs.
export function reference(...logs: RequestLog[]): number {
  const firsts = logs.flatMap((log) => (log.requests[0] ? [log.requests[0].arrived] : []));
  return firsts.length ? Math.min(...firsts) : 0;
}

export function timed(log: RequestLog, zero = reference(log)): TimedRequest[] {
  return log.requests.map((r) => ({
    ...r,
    start: (r.arrived - zero) / 1000,
    end: r.ended === null ? null : (r.ended - zero) / 1000,
  }));
}
