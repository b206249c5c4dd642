import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { harnessPath } from '../paths.js';
import type { PythonInfo } from '../python/find-python.js';
import { killTreeWindows, killTreeWindowsSync, stopLeftovers } from './leftovers.js';
import { LIMITS } from './limits.js';
import type { Json, Observation } from './observations.js';
import { parseObservations } from './observations.js';
import { sandboxEnv } from './sandbox-env.js';

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
      // Start this many worker threads of the loop's default executor before the watch begins (thread start-up is not a block).
      warmThreads?: number;
    }
  | { op: 'script'; argv?: string[] };

export interface HarnessSpec {
  file: string;
  moduleName?: string;
  twins?: string;
  steps: Step[];
  deadlineSeconds: number;
  threads?: number;
}

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
  spawnError?: string;
}

export interface ProbeRun {
  observations: Observation[];
  process: ProcessOutcome;
  stdout: CapturedOutput;
  stderr: CapturedOutput;
}

const active = new Set<number>();
// How long before execa's own timeout the Windows tree kill runs (see runProbe).
const WINDOWS_TREE_KILL_LEAD_MS = 500;

// How a caller can stop a run early: watch mode cancels a stale grading when the learner saves again.
export interface RunControl {
  signal?: AbortSignal;
}

// Runs one probe in a fresh Python process and returns everything observed, whatever the learner's code did.
export async function runProbe(python: PythonInfo, spec: HarnessSpec, control: RunControl = {}): Promise<ProbeRun> {
  const [{ execa }, tmp] = await Promise.all([import('execa'), import('tmp')]);
  const dir = tmp.default.dirSync({ prefix: 'asyncio-lab-', unsafeCleanup: true });
  const work = path.join(dir.name, 'work');
  mkdirSync(work);
  const specPath = path.join(dir.name, 'spec.json');
  const channelPath = path.join(dir.name, 'channel.jsonl');
  writeFileSync(specPath, JSON.stringify({ ...spec, limits: { memoryBytes: LIMITS.memoryBytes, fileBytes: LIMITS.fileBytes, outputBytes: LIMITS.outputBytes } }));
  writeFileSync(channelPath, '');
  const marker = `asyncio-lab-${randomUUID()}`;
  const started = performance.now();
  const posix = process.platform !== 'win32';
  const child = execa(python.executable, ['-I', '-S', '-B', '-u', '-X', 'utf8', harnessPath, specPath, channelPath], {
    cwd: work,
    env: sandboxEnv(process.env, { ASYNCIO_LAB_RUN: marker, MALLOC_ARENA_MAX: '2' }),
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    detached: posix,
    windowsHide: true,
    timeout: spec.deadlineSeconds * 1000 + LIMITS.killGraceMs,
    killSignal: 'SIGKILL',
    forceKillAfterDelay: false,
    // Above the cap at which the run is stopped (below), so the stop is ours and prompt.
    maxBuffer: 2 * LIMITS.outputBytes,
    stripFinalNewline: false,
  });
  const pid = child.pid;
  if (pid !== undefined) active.add(pid);
  // A cancelled grading stops this run and its whole process group at once; leftovers go when the harness exits.
  const onAbort = (): void => kill(pid);
  if (control.signal?.aborted) onAbort();
  else control.signal?.addEventListener('abort', onAbort, { once: true });
  // Windows has no process groups, and execa's timeout kills the harness alone. Kill the whole tree a moment
  // before, while the harness still lives (taskkill /T finds its children through it); the harness's
  // kill-on-close job object then catches anything taskkill missed.
  let windowsTimedOut = false;
  const windowsDeadline =
    posix || pid === undefined
      ? undefined
      : setTimeout(() => {
          windowsTimedOut = true;
          void killTreeWindows(pid);
        }, Math.max(0, spec.deadlineSeconds * 1000 + LIMITS.killGraceMs - WINDOWS_TREE_KILL_LEAD_MS));
  // Stop what the run left behind the moment the harness ends: a leftover child holding stdout open
  // would otherwise keep the run going until that child ends.
  let leftovers = 0;
  child.once('exit', () => {
    leftovers = stopLeftovers(pid, marker);
  });
  // Past the output cap execa only stops buffering; stop the run itself so a print loop ends now, not at the deadline.
  let printed = 0;
  let flooded = false;
  const count = (chunk: Buffer | string): void => {
    printed += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (printed > LIMITS.outputBytes && !flooded) {
      flooded = true;
      kill(pid);
    }
  };
  child.stdout?.on('data', count);
  child.stderr?.on('data', count);
  try {
    const result = await child;
    if (!posix && pid !== undefined && result.timedOut) await killTreeWindows(pid);
    leftovers += stopLeftovers(pid, marker);
    const observations = parseObservations(safeRead(channelPath));
    return {
      observations,
      process: {
        exitCode: result.exitCode,
        signal: result.signal,
        timedOut: Boolean(result.timedOut) || windowsTimedOut,
        outputFlood: flooded || Boolean(result.isMaxBuffer),
        leftovers,
        durationMs: performance.now() - started,
        ...(result.failed && !result.timedOut && !result.isMaxBuffer && result.exitCode === undefined && !result.signal
          ? { spawnError: result.shortMessage }
          : {}),
      },
      stdout: capture(result.stdout),
      stderr: capture(result.stderr),
    };
  } finally {
    control.signal?.removeEventListener('abort', onAbort);
    if (windowsDeadline) clearTimeout(windowsDeadline);
    if (pid !== undefined) active.delete(pid);
    dir.removeCallback();
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function capture(value: unknown): CapturedOutput {
  const text = typeof value === 'string' ? value : '';
  const bytes = Buffer.byteLength(text);
  if (text.length <= LIMITS.shownOutputChars) return { text, bytes, truncated: false };
  return { text: text.slice(0, LIMITS.shownOutputChars), bytes, truncated: true };
}

function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    killTreeWindowsSync(pid);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

// Stops every run still going, for when the grader itself is interrupted.
export function stopAllRuns(): void {
  for (const pid of active) kill(pid);
  active.clear();
}
