// When a stall of the event loop counts as the learner's code blocking it.
//
// The witness sees every gap in the heartbeat's ticks, stamped from outside the learner's process, and the kernel
// says how much of each gap the loop's thread spent waiting for a CPU (a busy machine's doing, never counted).
// Which line the loop's thread was on can only be seen from inside (the harness's sampler, which reports it the
// moment it sees it): that detail lets a shorter gap count. A block long enough shows from outside whatever the
// inside says: silencing the sampler, or forging its ticks, hides nothing.
import type { HeartbeatReport, Stall } from '../run/observations.js';

// A gap the kernel says the loop's thread spent mostly waiting for a CPU is the machine's, not the code's.
const STARVED = 0.5;

// `located`: the shortest stall that counts when the sampler saw the loop's thread on a learner line.
// `proven`: the shortest that counts on outside evidence alone: where the kernel's account of the thread was read,
// a stretch in which it never slept and woke (a running loop wakes at every heartbeat); elsewhere, the witness's gap.
export function blockingStall(beat: HeartbeatReport | undefined, located: number, proven: number): Stall | undefined {
  const stalls = (beat?.stalls ?? []).filter((s) => (s.starved ?? 0) < STARVED);
  const outside = (s: Stall): boolean =>
    beat?.kernel ? s.seenBy === 'kernel' && s.proven === true : s.seenBy === 'witness';
  return (
    stalls.find((s) => (s.where !== null || s.inBlockingCall === true) && s.duration >= located) ??
    stalls.find((s) => outside(s) && s.duration >= proven)
  );
}
