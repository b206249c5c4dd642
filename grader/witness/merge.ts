// Turns what the witness saw of a probe into the records judges read: each call's helper spans, its duration
// and its heartbeat come from the witness's clock; the harness's own records only add detail (a line, a thread).
import type { Schedule } from '../run/exit-info.js';
import type { CallRecord, HeartbeatReport, Observation, Span, Stall } from '../run/observations.js';
import {
  BELIEVED_LATENESS,
  stamp,
  type Mark,
  type SampledStall,
  type Tick,
  type WitnessSpan,
  type Witnessed,
} from './types.js';

// A gap in the heartbeat's ticks this long is reported as a stall (the harness's sampler uses the same).
const STALL_AFTER = 0.03;
// A share of a gap spent running its own code that makes a thread busy, not starved.
const RAN_CODE = 0.15;

// `received` pairs each record the harness sent with the moment the witness received it.
// `owners`: labels that belong to one call whenever they were seen (see Step.owns); the others go by time.
export function mergeWitnessed(
  received: { observation: Observation; at: number }[],
  seen: Witnessed,
  schedule?: Schedule,
  owners: Map<string, string> = new Map(),
): Observation[] {
  const arrival = new Map<Observation, number>(received.map((r) => [r.observation, r.at]));
  const marks = seen.marks.map((mark) => ({ ...mark, at: markTime(mark, seen.ticks) }));
  return received.map(({ observation }) => {
    if (observation.kind !== 'call' || observation.missing) return observation;
    const start = marks.find((m) => m.what === 'call-start' && m.id === observation.id);
    if (!start) return observation;
    const end = marks.find((m) => m.what === 'call-end' && m.id === observation.id && m.at >= start.at);
    const reported = arrival.get(observation) ?? Number.POSITIVE_INFINITY;
    // A call owns the helper calls that start before the next call does: a thread it left running may still
    // be starting its own when the call is reported.
    const next = Math.min(
      ...marks.filter((m) => m.what === 'call-start' && m.at > start.at).map(opened),
      Number.POSITIVE_INFINITY,
    );
    return witnessCall(observation, start, end, reported, next, seen, schedule, owners);
  });
}

function witnessCall(
  call: CallRecord,
  start: Mark,
  end: Mark | undefined,
  reported: number,
  next: number,
  seen: Witnessed,
  schedule: Schedule | undefined,
  owners: Map<string, string>,
): CallRecord {
  const mine = (s: WitnessSpan): boolean => {
    const owner = owners.get(s.label);
    return owner !== undefined ? owner === call.id : s.start >= opened(start) && s.start < next;
  };
  const spans = seen.spans.filter(mine).map((s) => toSpan(s, start.at, reported));
  const merged: CallRecord = {
    ...call,
    spans,
    clock: { start: start.at, end: end?.at ?? null, ...(Number.isFinite(reported) ? { reported } : {}) },
  };
  if (end) {
    merged.seconds = end.at - start.at;
    if (call.seconds !== undefined) merged.processSeconds = call.seconds;
  }
  if (call.heartbeat)
    merged.heartbeat = witnessHeartbeat(
      call.heartbeat,
      seen.ticks,
      seen.sampled,
      start.at,
      end?.at ?? reported,
      schedule,
      reported,
    );
  return merged;
}

// When a mark was sent: the harness's stamp, believed when the witness got it soon after, or about as late as the
// nearest heartbeat tick (a busy grader reads its socket late for both); else when the witness got it.
// A stamp moved earlier on its own, to stretch a call, stands out from its neighbours and is not believed.
function markTime(mark: Mark, ticks: Tick[]): number {
  if (mark.sent === null) return mark.at;
  const sent = mark.sent;
  let neighbour: Tick | undefined;
  for (const tick of ticks) {
    if (tick.sent === null || Math.abs(tick.sent - sent) >= 0.05) continue;
    if (!neighbour || Math.abs(tick.sent - sent) < Math.abs((neighbour.sent as number) - sent)) neighbour = tick;
  }
  const neighbourLateness = neighbour && neighbour.sent !== null ? neighbour.at - neighbour.sent : 0;
  return stamp(mark.at, mark.sent, Math.max(BELIEVED_LATENESS, neighbourLateness + 0.02));
}

// The earliest a call can have started: a helper call stamped with its own (earlier) sending time still belongs to
// the call whose start mark the witness happened to read late.
function opened(mark: Mark): number {
  return Math.min(mark.at, mark.sent ?? mark.at);
}

function toSpan(span: WitnessSpan, origin: number, reported: number): Span {
  const open = span.end === null || span.end > reported;
  return {
    // What the stand-in saw (its arguments...) first, so that nothing it says replaces what the witness stamped.
    ...(span.claims.detail ?? {}),
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
function witnessHeartbeat(
  inProcess: HeartbeatReport,
  ticks: Tick[],
  sampled: SampledStall[],
  from: number,
  until: number,
  schedule?: Schedule,
  reported = until,
): HeartbeatReport {
  const inside = ticks
    .map((t) => stamp(t.at, t.sent))
    .filter((t) => t >= from && t <= until)
    .sort((a, b) => a - b);
  const stalls: Stall[] = [];
  let maxGap = 0;
  const edges = inside.length > 0 ? [...inside, until] : [];
  for (let i = 1; i < edges.length; i++) {
    const a = edges[i - 1] as number;
    const b = edges[i] as number;
    const gap = b - a;
    if (gap > maxGap) maxGap = gap;
    if (gap >= STALL_AFTER) {
      const starved = starvedShare(schedule, a, b);
      const where = sampledAt(inProcess, a - from, b - from) ?? streamedAt(sampled, a, b);
      stalls.push({
        start: a - from,
        duration: gap,
        where,
        seenBy: 'witness',
        ...(starved !== undefined ? { starved } : {}),
      });
    }
  }
  // Stretches in which the kernel saw the loop's thread never go to sleep and wake (a running loop does so at every
  // heartbeat), nor wait for a CPU: blocked, whatever reached the witness.
  for (const { asleep, ...stretch } of kernelStretches(schedule, from, until)) {
    const where =
      sampledAt(inProcess, stretch.start, stretch.start + stretch.duration) ??
      streamedAt(sampled, from + stretch.start, from + stretch.start + stretch.duration);
    // Asleep the whole stretch without waking: one blocking call, whatever else is seen. Awake and running without
    // ever sleeping: a loop of the learner's code, or a healthy loop too far behind to sleep; only the witness's
    // gap in the ticks tells them apart.
    const covered = stalls.some(
      (s) => s.seenBy === 'witness' && (s.starved ?? 0) < 0.5 && overlap(s, stretch) >= 0.8 * stretch.duration,
    );
    stalls.push({ ...stretch, where, seenBy: 'kernel', proven: asleep >= 0.6 || covered });
  }
  // Stretches in which the kernel saw the loop's thread in a blocking system call at every sample (an event loop
  // waits in epoll, never in time.sleep or a blocking recv): blocked, whatever reached the witness and wherever the
  // line is.
  // Read up to the call's record, not only its end mark: the harness does nothing blocking in between, and an end
  // mark sent early by learner code must not hide what the loop's thread did after it.
  const recorded = Number.isFinite(reported) ? Math.max(until, reported) : until;
  for (const stretch of blockingCallStretches(schedule, from, recorded)) {
    const where =
      sampledAt(inProcess, stretch.start, stretch.start + stretch.duration) ??
      streamedAt(sampled, from + stretch.start, from + stretch.start + stretch.duration);
    stalls.push({ ...stretch, where, seenBy: 'kernel', proven: true, inBlockingCall: true, starved: 0 });
  }
  // The sampler's own stalls, where the witness saw none: more detail can only make a verdict stricter.
  for (const stall of inProcess.stalls) {
    const overlaps = stalls.some((s) => s.start < stall.start + stall.duration && stall.start < s.start + s.duration);
    if (!overlaps && stall.where !== null) {
      const starved = starvedShare(schedule, from + stall.start, from + stall.start + stall.duration);
      stalls.push({ ...stall, seenBy: 'process', ...(starved !== undefined ? { starved } : {}) });
    }
  }
  stalls.sort((a, b) => b.duration - a.duration);
  // Where the kernel's account was read at all, it alone proves a block (a gap in its samples, when the machine
  // was too busy to read it, proves nothing either way).
  const kernel =
    (schedule?.sleeps?.filter((_, i) => (schedule.at[i] as number) >= from && (schedule.at[i] as number) <= until)
      .length ?? 0) > 1;
  return {
    interval: inProcess.interval,
    maxGap: Math.max(maxGap, inProcess.maxGap),
    ticks: inside.length,
    stalls: stalls.slice(0, 8),
    ...(kernel ? { kernel } : {}),
  };
}

// The learner line the sampler reported as it saw it, for a gap [from, to] in monotonic seconds.
function streamedAt(sampled: SampledStall[], from: number, to: number): Stall['where'] {
  const slack = 0.02;
  return sampled.find((s) => s.since >= from - slack && s.since <= to + slack)?.where ?? null;
}

// The learner line the sampler saw the loop's thread on during [from, to] (seconds from the call's start), if any.
function sampledAt(inProcess: HeartbeatReport, from: number, to: number): Stall['where'] {
  // The two clocks start within a few milliseconds of each other; allow for that.
  const slack = 0.02;
  const found = inProcess.stalls.find(
    (s) => s.where !== null && s.start < to + slack && from - slack < s.start + s.duration,
  );
  return found?.where ?? null;
}

// Runs of samples, inside [from, until], over which the loop's thread neither slept and woke nor waited for a CPU
// for most of the time: its code ran on, or sat in one blocking call. Seconds from `from`.
function kernelStretches(
  schedule: Schedule | undefined,
  from: number,
  until: number,
): { start: number; duration: number; starved: number; asleep: number }[] {
  const sleeps = schedule?.sleeps;
  if (!schedule || !sleeps || sleeps.length < 2) return [];
  const found: { start: number; duration: number; starved: number; asleep: number }[] = [];
  let first = -1;
  const close = (last: number): void => {
    if (first < 0 || last <= first) return;
    const a = Math.max(schedule.at[first] as number, from);
    const b = Math.min(schedule.at[last] as number, until);
    if (b - a >= STALL_AFTER) {
      const starved = starvedShare(schedule, a, b) ?? 0;
      const ran =
        ((schedule.cpu[last] as number) - (schedule.cpu[first] as number)) /
        1e9 /
        ((schedule.at[last] as number) - (schedule.at[first] as number) || 1);
      if (starved < 0.5)
        found.push({ start: a - from, duration: b - a, starved, asleep: Math.max(0, 1 - starved - ran) });
    }
  };
  for (let i = 0; i < sleeps.length; i++) {
    const t = schedule.at[i] as number;
    if (t < from || t > until) {
      close(i - 1);
      first = -1;
      continue;
    }
    if (first < 0) first = i;
    else if ((sleeps[i] as number) !== (sleeps[i - 1] as number)) {
      close(i - 1);
      first = i;
    }
  }
  close(sleeps.length - 1);
  return found;
}

// Stretches, inside [from, until], from one sample of the loop's thread in a blocking system call to another, with
// no sample in the loop's own wait (epoll) between them and at least half of their samples in a blocking call (the
// others running its code, or waiting for the interpreter lock a thread of the learner's holds). Seconds from
// `from`.
function blockingCallStretches(
  schedule: Schedule | undefined,
  from: number,
  until: number,
): { start: number; duration: number }[] {
  const blocking = schedule?.inBlockingCall;
  if (!schedule || !blocking || blocking.length !== schedule.at.length) return [];
  const found: { start: number; duration: number }[] = [];
  let first = -1;
  let last = -1;
  let held = 0;
  let waiting = 0;
  const close = (): void => {
    if (first >= 0 && held >= waiting) {
      const a = schedule.at[first] as number;
      const b = schedule.at[last] as number;
      if (b - a >= STALL_AFTER) found.push({ start: Math.max(0, a - from), duration: b - a });
    }
    first = -1;
    held = 0;
    waiting = 0;
  };
  for (let i = 0; i < blocking.length; i++) {
    const t = schedule.at[i] as number;
    const state = t >= from && t <= until ? blocking[i] : 3;
    if (state === 1) {
      if (first < 0) first = i;
      else waiting += i - last - 1;
      last = i;
      held += 1;
    } else if (state === 3) close();
  }
  close();
  return found;
}

// The share of [from, to] (monotonic seconds) the loop's thread spent waiting for a CPU, from the kernel's counts
// (interpolated between samples), when it ran almost none of its own code meanwhile: a loop starved by a busy
// machine. A thread that ran code for a good share of the gap (a busy loop of the learner's, slowed down by the
// machine) is not starved, it is blocking. Undefined without samples around the gap.
function starvedShare(schedule: Schedule | undefined, from: number, to: number): number | undefined {
  if (!schedule || schedule.at.length < 2 || to <= from) return undefined;
  const waited = [counterAt(schedule, schedule.wait, from), counterAt(schedule, schedule.wait, to)];
  const ran = [counterAt(schedule, schedule.cpu, from), counterAt(schedule, schedule.cpu, to)];
  if (waited.some((v) => v === undefined) || ran.some((v) => v === undefined)) return undefined;
  const share = (pair: (number | undefined)[]): number =>
    Math.min(1, Math.max(0, ((pair[1] as number) - (pair[0] as number)) / 1e9 / (to - from)));
  return share(ran) >= RAN_CODE ? 0 : share(waited);
}

function counterAt(schedule: Schedule, series: number[], t: number): number | undefined {
  const { at } = schedule;
  const last = at.length - 1;
  if (t < (at[0] as number) - 0.05 || t > (at[last] as number) + 0.05) return undefined;
  if (t <= (at[0] as number)) return series[0];
  if (t >= (at[last] as number)) return series[last];
  let i = 1;
  while ((at[i] as number) < t) i += 1;
  const t0 = at[i - 1] as number;
  const t1 = at[i] as number;
  const v0 = series[i - 1] as number;
  const v1 = series[i] as number;
  return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0 || 1);
}

function overlap(a: { start: number; duration: number }, b: { start: number; duration: number }): number {
  return Math.max(0, Math.min(a.start + a.duration, b.start + b.duration) - Math.max(a.start, b.start));
}
