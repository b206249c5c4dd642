// Turns what the witness saw of a probe into the records judges read: each call's helper spans, its duration
// and its heartbeat come from the witness's clock; the harness's own records only add detail (a line, a thread).
import type { CallRecord, HeartbeatReport, Observation, Span, Stall } from '../run/observations.js';
import type { Mark, WitnessSpan, Witnessed } from './types.js';

// A gap in the heartbeat's ticks this long is reported as a stall (the harness's sampler uses the same).
const STALL_AFTER = 0.03;

// `received` pairs each record the harness sent with the moment the witness received it.
export function mergeWitnessed(received: { observation: Observation; at: number }[], seen: Witnessed): Observation[] {
  const arrival = new Map<Observation, number>(received.map((r) => [r.observation, r.at]));
  return received.map(({ observation }) => {
    if (observation.kind !== 'call' || observation.missing) return observation;
    const start = seen.marks.find((m) => m.what === 'call-start' && m.id === observation.id);
    if (!start) return observation;
    const end = seen.marks.find((m) => m.what === 'call-end' && m.id === observation.id && m.at >= start.at);
    const reported = arrival.get(observation) ?? Number.POSITIVE_INFINITY;
    // A call owns the helper calls that start before the next call does: a thread it left running may still
    // be starting its own when the call is reported.
    const next = Math.min(...seen.marks.filter((m) => m.what === 'call-start' && m.at > start.at).map((m) => m.at), Number.POSITIVE_INFINITY);
    return witnessCall(observation, start, end, reported, next, seen);
  });
}

function witnessCall(call: CallRecord, start: Mark, end: Mark | undefined, reported: number, next: number, seen: Witnessed): CallRecord {
  const spans = seen.spans.filter((s) => s.start >= start.at && s.start < next).map((s) => toSpan(s, start.at, reported));
  const merged: CallRecord = { ...call, spans, clock: { start: start.at, end: end?.at ?? null } };
  if (end) {
    merged.seconds = end.at - start.at;
    if (call.seconds !== undefined) merged.processSeconds = call.seconds;
  }
  if (call.heartbeat) merged.heartbeat = witnessHeartbeat(call.heartbeat, seen.ticks, start.at, end?.at ?? reported);
  return merged;
}

function toSpan(span: WitnessSpan, origin: number, reported: number): Span {
  const open = span.end === null || span.end > reported;
  return {
    helper: span.helper,
    label: span.label,
    start: span.start - origin,
    end: open || span.end === null ? null : span.end - origin,
    // A call that said nothing of its thread (a request made by the learner's own code) claims nothing.
    thread: span.claims.thread ?? 'unknown thread',
    mainThread: span.claims.mainThread ?? false,
    ...(span.abandoned && !open ? { raised: 'CancelledError' } : {}),
    ...(span.status !== undefined ? { status: span.status } : {}),
    where: span.claims.where ?? null,
  };
}

// Gaps between the ticks the witness received while the call ran; the harness's sampler says which line.
function witnessHeartbeat(inProcess: HeartbeatReport, ticks: number[], from: number, until: number): HeartbeatReport {
  const inside = ticks.filter((t) => t >= from && t <= until);
  const stalls: Stall[] = [];
  let maxGap = 0;
  const edges = inside.length > 0 ? [...inside, until] : [];
  for (let i = 1; i < edges.length; i++) {
    const a = edges[i - 1] as number;
    const b = edges[i] as number;
    const gap = b - a;
    if (gap > maxGap) maxGap = gap;
    if (gap >= STALL_AFTER) stalls.push({ start: a - from, duration: gap, where: sampledAt(inProcess, a - from, b - from), seenBy: 'witness' });
  }
  // The sampler's own stalls, where the witness saw none: more detail can only make a verdict stricter.
  for (const stall of inProcess.stalls) {
    const overlaps = stalls.some((s) => s.start < stall.start + stall.duration && stall.start < s.start + s.duration);
    if (!overlaps && stall.where !== null) stalls.push({ ...stall, seenBy: 'process' });
  }
  stalls.sort((a, b) => b.duration - a.duration);
  return { interval: inProcess.interval, maxGap: Math.max(maxGap, inProcess.maxGap), ticks: inside.length, stalls: stalls.slice(0, 8) };
}

// The learner line the sampler saw the loop's thread on during [from, to] (seconds from the call's start), if any.
function sampledAt(inProcess: HeartbeatReport, from: number, to: number): Stall['where'] {
  // The two clocks start within a few milliseconds of each other; allow for that.
  const slack = 0.02;
  const found = inProcess.stalls.find((s) => s.where !== null && s.start < to + slack && from - slack < s.start + s.duration);
  return found?.where ?? null;
}
