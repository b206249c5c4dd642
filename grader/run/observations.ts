// The records the Python harness writes on its private channel. Raw facts only: no verdicts.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface LearnerFrame {
  line: number;
  function: string;
  code: string;
}

export interface EncodedException {
  type: string;
  message: string;
  frames: LearnerFrame[];
  syntax?: { line: number | null; offset: number | null; text: string; msg: string; inLearnerFile: boolean };
  exitCode?: string;
}

export interface EncodedValue {
  type: string;
  repr: string;
  kind: 'coroutine' | 'task' | 'future' | 'awaitable' | 'value' | 'object';
  name?: string;
  value?: Json;
}

export interface Span {
  helper: string;
  label: string;
  start: number;
  end: number | null;
  thread: string;
  mainThread: boolean;
  raised?: string;
  // The learner line that awaited or called the twin directly, if any (absent from older harness runs).
  where?: LearnerFrame | null;
  // For a request to a service of the grader's: the status it was answered with.
  status?: number;
}

export interface Stall {
  start: number;
  duration: number;
  // The learner line the loop's thread was on, as the harness's sampler saw it (detail from inside the process).
  where: LearnerFrame | null;
  // Who saw the gap: the witness (ticks that did not come, stamped by the grader), the kernel (the loop's thread
  // did not wake once, though a running loop wakes at every heartbeat) or only the harness itself.
  seenBy?: 'witness' | 'kernel' | 'process';
  // The share of the gap the loop's thread spent ready to run but waiting for a CPU, by the kernel's account: a
  // busy machine's doing, not the learner's (absent where the kernel does not say).
  starved?: number;
  // For the kernel's stretches: proof of a block on its own (the thread asleep in one call throughout, or the
  // witness saw no tick through it).
  proven?: boolean;
  // For the kernel's stretches: the loop's thread was seen in a blocking system call throughout (a sleep, a
  // blocking socket call, a wait for a child), which an event loop never makes; as good as knowing the line.
  inBlockingCall?: boolean;
}

export interface HeartbeatReport {
  interval: number;
  maxGap: number;
  ticks: number;
  stalls: Stall[];
  // The kernel's account of the loop's thread was read throughout (Linux): its stretches are the proof of a block.
  kernel?: boolean;
}

// A thread still running when a call ended (other than the main thread and the harness's own).
export interface LiveThread {
  name: string;
  daemon: boolean;
  // Where learner code started it, if it did.
  origin: LearnerFrame | null;
  // The learner line it was running when the call ended, if any.
  where: LearnerFrame | null;
}

export interface NeverAwaited {
  name: string;
  origin: LearnerFrame | null;
}

export interface LoopError {
  message: string;
  coroutine: string | null;
  origin: LearnerFrame | null;
  exception: EncodedException | null;
}

export interface AsyncioRun {
  line: LearnerFrame | null;
  nested: boolean;
  phase: string;
  result?: EncodedValue;
}

export interface Captured {
  text: string;
  chars: number;
}

interface AsyncioEvents {
  neverAwaited: NeverAwaited[];
  loopErrors: LoopError[];
  asyncioRuns: AsyncioRun[];
}

export interface HelloRecord {
  kind: 'hello';
  python: string;
  implementation: string;
  executable: string;
  limits: Record<string, number | boolean>;
}

export interface ImportRecord extends AsyncioEvents {
  kind: 'import';
  module: string;
  ok: boolean;
  exception?: EncodedException;
  seconds: number;
  stdout: Captured;
}

export interface CallRecord extends Partial<AsyncioEvents> {
  kind: 'call';
  id: string;
  function: string;
  missing?: boolean;
  found?: string | null;
  isCoroutineFunction?: boolean;
  // The line of the function's `def` in the learner's file (absent for a function defined elsewhere).
  defLine?: number;
  // The arguments as they were after the call returned, to tell whether it changed its inputs.
  argsAfter?: EncodedValue[];
  syncSeconds?: number;
  awaitSeconds?: number;
  seconds?: number;
  returned?: EncodedValue;
  result?: EncodedValue;
  exception?: EncodedException;
  spans?: Span[];
  heartbeat?: HeartbeatReport;
  // Each wait of a stand-in as the harness timed it, in seconds from the call's start (detail: the witness's
  // spans are what overlap and order rest on; these only sharpen a comparison with the call's own time).
  helperWaits?: { helper: string; label: string; start: number; end: number }[];
  // How long the call took by the harness's own clock (detail: `seconds` is the witness's).
  processSeconds?: number;
  // When the call started and ended by the grader's clock (seconds), as the witness stamped it.
  // `reported`: when the witness received the call's record, as late as the grader's own reading of its sockets.
  clock?: { start: number; end: number | null; reported?: number };
  pendingTasks?: NeverAwaited[];
  liveThreads?: LiveThread[];
  stdout?: Captured;
}

export interface ScriptRecord extends AsyncioEvents {
  kind: 'script';
  seconds: number;
  exception?: EncodedException;
  stdout: Captured;
}

export interface HardExitRecord {
  kind: 'hardExit';
  code: string;
  line: LearnerFrame | null;
  phase: string;
}

export interface DeadlineRecord {
  kind: 'deadline';
  seconds: number;
  phase: string;
  where: LearnerFrame | null;
}

// Learner code printed past the output cap; the harness stopped the run at once.
export interface FloodRecord {
  kind: 'flood';
  chars: number;
  line: LearnerFrame | null;
  phase: string;
}

export interface DoneRecord {
  kind: 'done';
}

export type Observation =
  HelloRecord | ImportRecord | CallRecord | ScriptRecord | HardExitRecord | DeadlineRecord | FloodRecord | DoneRecord;

const KINDS = new Set(['hello', 'import', 'call', 'script', 'hardExit', 'deadline', 'flood', 'done']);

// A record the harness signed, checked for the shape its kind promises before any judge reads it; null if not.
export function toObservation(body: unknown): Observation | null {
  if (!isObject(body) || typeof body.kind !== 'string' || !KINDS.has(body.kind)) return null;
  switch (body.kind) {
    case 'hello':
      return typeof body.python === 'string' && typeof body.implementation === 'string'
        ? (body as unknown as HelloRecord)
        : null;
    case 'import':
      return typeof body.ok === 'boolean' && isCaptured(body.stdout) && hasEvents(body)
        ? (body as unknown as ImportRecord)
        : null;
    case 'call':
      return typeof body.id === 'string' &&
        typeof body.function === 'string' &&
        optionalArrays(body, ['spans', 'liveThreads', 'pendingTasks', 'argsAfter'])
        ? (body as unknown as CallRecord)
        : null;
    case 'script':
      return isCaptured(body.stdout) && hasEvents(body) ? (body as unknown as ScriptRecord) : null;
    case 'deadline':
      return typeof body.seconds === 'number' && typeof body.phase === 'string'
        ? (body as unknown as DeadlineRecord)
        : null;
    case 'flood':
      return typeof body.chars === 'number' ? (body as unknown as FloodRecord) : null;
    case 'hardExit':
      return typeof body.phase === 'string' ? (body as unknown as HardExitRecord) : null;
    default:
      return { kind: 'done' };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCaptured(value: unknown): boolean {
  return isObject(value) && typeof value.text === 'string' && typeof value.chars === 'number';
}

function hasEvents(body: Record<string, unknown>): boolean {
  return Array.isArray(body.neverAwaited) && Array.isArray(body.loopErrors) && Array.isArray(body.asyncioRuns);
}

function optionalArrays(body: Record<string, unknown>, keys: string[]): boolean {
  return keys.every((key) => body[key] === undefined || Array.isArray(body[key]));
}
