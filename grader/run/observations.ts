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
}

export interface Stall {
  start: number;
  duration: number;
  where: LearnerFrame | null;
}

export interface HeartbeatReport {
  interval: number;
  maxGap: number;
  ticks: number;
  stalls: Stall[];
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

export type Observation = HelloRecord | ImportRecord | CallRecord | ScriptRecord | HardExitRecord | DeadlineRecord | FloodRecord | DoneRecord;

// Reads the channel file. A line that is not a whole JSON record (a run killed mid-write) is skipped.
export function parseObservations(text: string): Observation[] {
  const records: Observation[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as { kind?: unknown };
      if (value && typeof value === 'object' && typeof value.kind === 'string') records.push(value as Observation);
    } catch {
      // Partial last line: the process was killed while writing.
    }
  }
  return records;
}
