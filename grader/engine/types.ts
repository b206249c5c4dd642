// The contract between the engine and an exercise's grader: probes say what to run, judges turn what was seen into a
// verdict.
import type { Random } from '../random.js';
import type { Json, Span } from '../run/observations.js';
import type { Step } from '../run/run-probe.js';
import type { ServiceHost } from '../run/services.js';
import type { WitnessScope } from '../witness/types.js';
import type { Observed } from './observed.js';

export type Status = 'pass' | 'fail' | 'error';

export interface Location {
  file: string;
  line: number;
}

// One row of a concurrency timeline: a recorded call, in seconds from the start of the call under test.
export type TimelineRow = Omit<Span, 'raised' | 'where'>;

// The observations behind a verdict, kept in the results so that a verdict can be checked by a person.
export interface Evidence {
  intervals?: TimelineRow[];
  peakConcurrency?: number;
  elapsedSeconds?: number;
  cutoffSeconds?: number;
  sequentialSeconds?: number;
  heartbeatMaxGapSeconds?: number;
  stallSeconds?: number;
}

export interface Verdict {
  status: Status;
  message?: string;
  expected?: Json;
  actual?: Json;
  location?: Location;
  evidence?: Evidence;
}

export interface ProbePlan<E> {
  steps: Step[];
  // What the judges need to know about the inputs chosen for this run.
  expect: E;
  // The harness stops the run after this long; Node kills it shortly after if it must.
  deadlineSeconds: number;
  // Worker threads of the harness loop's default executor (asyncio.to_thread); the harness default is 16.
  threads?: number;
  // How long each timed helper waits at the witness, in seconds, by helper and label ('*': any other label).
  waits?: Record<string, Record<string, number>>;
}

export interface Probe<E> {
  name: string;
  // `fixture` is what the exercise's fixture started (for example a server's address), or undefined;
  // `scope` records, for this probe alone, the calls the fixture's services receive.
  plan(rng: Random, fixture: unknown, scope: WitnessScope): ProbePlan<E>;
}

// Something an exercise needs for all its probes, such as a local HTTP server: started before, stopped after.
export interface Fixture {
  context: unknown;
  stop(): Promise<void>;
}

export interface CheckImpl {
  probe: Probe<unknown>;
  judge(run: Observed, expect: unknown): Verdict;
}

export interface ExerciseGrader {
  // Check id (as in exercise.json) -> how it is run and judged.
  checks: Record<string, CheckImpl>;
  // Started once per grading of the exercise; its servers are made reachable through `host`.
  fixture?: (host: ServiceHost) => Promise<Fixture>;
}

export function spansToRows(spans: Span[]): TimelineRow[] {
  return spans.map(({ helper, label, start, end, thread, mainThread }) => ({
    helper,
    label,
    start,
    end,
    thread,
    mainThread,
  }));
}
