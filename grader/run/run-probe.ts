// What a probe is (its steps) and what running it gives back (observations, and how the process ended).
import type { PythonInfo } from '../python/find-python.js';
import type { IsolationRequest } from '../sandbox/isolation.js';
import type { Json, Observation } from './observations.js';
import { RunSession, type ProbeSpec } from './session.js';

export type Step =
  | { op: 'import' }
  | {
      op: 'call';
      id?: string;
      function: string;
      args?: Json[];
      // Await the returned awaitable in the harness's loop, with a heartbeat watching for a blocked loop.
      await?: boolean;
      // Call the function from inside the running loop, as coroutine code would (a blocking call then shows).
      inLoop?: boolean;
      // Module attributes to replace by instrumented twins for this call: attribute -> twin factory.
      twins?: Record<string, { factory: string; config?: Json }>;
      heartbeatInterval?: number;
      stallAfter?: number;
      // Start this many worker threads of the loop's default executor before the watch begins (thread start-up is not a
      // block).
      warmThreads?: number;
      // How long each timed helper waits at the witness during this call (see ProbePlan.waits); stays with Node.
      waits?: Record<string, Record<string, number>>;
      // Labels of witnessed calls that belong to this call whenever they happen (pages only this call asks for,
      // fetched perhaps by a thread it left running); stays with Node.
      owns?: string[];
    }
  | { op: 'script'; argv?: string[] };

export interface CapturedOutput {
  text: string;
  bytes: number;
  truncated: boolean;
}

export interface ProcessOutcome {
  exitCode: number | undefined;
  signal: string | undefined;
  // The run was stopped from outside because it outlived its deadline.
  timedOut: boolean;
  // The run printed more than LIMITS.outputBytes and was stopped.
  outputFlood: boolean;
  // Processes the run left behind (all stopped).
  leftovers: number;
  durationMs: number;
  // CPU time of the probe's process tree (user + system), where known.
  cpuSeconds?: number;
  spawnError?: string;
}

export interface ProbeRun {
  observations: Observation[];
  process: ProcessOutcome;
  stdout: CapturedOutput;
  stderr: CapturedOutput;
  // Lines on the harness's channel that the harness did not write: the run cannot be trusted.
  forged?: string[];
}

// One probe in a session of its own: for tools and tests that run a single probe.
export async function runProbe(python: PythonInfo, spec: ProbeSpec, isolation?: IsolationRequest): Promise<ProbeRun> {
  const session = await RunSession.open({ python, ...(isolation ? { isolation } : {}) });
  try {
    return await session.run(session.newProbe(), spec);
  } finally {
    await session.close();
  }
}
