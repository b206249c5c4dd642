// Evidence the harness records inside the learner's process beyond the fields of grader/run/observations.ts:
// it adds detail to a message or makes a verdict stricter, and never passes one. Read through these accessors
// so that the fields can move into observations.ts with the run layer without touching the judges.
import type {
  AsyncioRun,
  Captured,
  CallRecord,
  EncodedValue,
  LearnerFrame,
  ScriptRecord,
} from '../run/observations.js';

// What asyncio.run was handed: a coroutine's name and its arguments by parameter name, or a value that is not one.
export interface RunArgument {
  name?: string;
  args?: Record<string, EncodedValue>;
  value?: EncodedValue;
}

export function runArgument(run: AsyncioRun): RunArgument | null {
  return (run as AsyncioRun & { given?: RunArgument }).given ?? null;
}

// The learner's outermost line on the stack when asyncio.run was called: at import, the top-level line behind it.
export function runEntry(run: AsyncioRun): LearnerFrame | null {
  return (run as AsyncioRun & { top?: LearnerFrame | null }).top ?? run.line;
}

// A task learner code started during a call, and whether anything waited for it (await, gather, wait, TaskGroup...)
// before the call returned; reading its result() is not waiting.
export interface LedgerTask {
  name: string;
  // Where the task's coroutine was made, and where learner code turned it into a task.
  origin: LearnerFrame | null;
  created: LearnerFrame | null;
  awaited: boolean;
  // The learner line that called this task's cancel(), if learner code did.
  cancelledAt: LearnerFrame | null;
  state: 'pending' | 'done' | 'cancelled';
}

export function tasksOf(call: CallRecord): LedgerTask[] {
  return (call as CallRecord & { tasks?: LedgerTask[] }).tasks ?? [];
}

// The learner line of a step's first print (the harness adds it to the captured output when it knows it).
export function firstPrint(captured: (Captured & { line?: LearnerFrame }) | undefined): LearnerFrame | null {
  return captured?.line ?? null;
}

// A top-level `if` that tests __name__, with the string it compares __name__ with (`op` is Python's Eq, NotEq...).
export interface ScriptGuard {
  line: number;
  code: string;
  compares: { op: string; string: string } | null;
}

export function scriptGuards(script: ScriptRecord): { guards: ScriptGuard[]; lastLine: number } {
  const record = script as ScriptRecord & { guards?: ScriptGuard[]; lastLine?: number };
  return { guards: record.guards ?? [], lastLine: record.lastLine ?? 0 };
}
