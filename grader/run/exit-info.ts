import { constants } from 'node:os';

// How one probe's process ended, as its supervisor (the zygote, or the grader itself) saw it.
export interface ExitInfo {
  exitCode: number | undefined;
  signal: string | undefined;
  // Stopped from outside because it outlived its deadline.
  timedOut: boolean;
  // Stopped because it wrote more than the output cap.
  outputFlood: boolean;
  // Processes it left behind (all stopped).
  leftovers: number;
  // CPU time of the probe's process and what it waited for (user + system), where known.
  cpuSeconds?: number;
  // The kernel's account of the probe's event-loop thread, sampled every few milliseconds (Linux).
  schedule?: Schedule;
  stdout: { text: string; bytes: number };
  stderr: { text: string; bytes: number };
  // Set when the process could not be started at all.
  spawnError?: string;
}

// Monotonic seconds, and at each the thread's total CPU time and time spent waiting for a CPU (nanoseconds), and
// the times it went to sleep of its own accord.
export interface Schedule {
  at: number[];
  cpu: number[];
  wait: number[];
  sleeps?: number[];
  // 1 where the thread was in a system call that holds it (a sleep, a blocking read or socket call, a wait for a
  // child or a signal), 3 where it was in the event loop's own wait (epoll), else 0 (running, or waiting on a lock).
  inBlockingCall?: number[];
}

// What a backend needs to start one probe.
export interface ProbeStart {
  id: string;
  nonce: string;
  // Kill the probe from outside after this long (its own deadline plus a grace).
  killAfterSeconds: number;
  outputBytes: number;
}

// Runs probes somewhere: a forking zygote (in a sandbox, as another user, or as the grader's user), or a fresh
// process per probe where there is no fork.
export interface Backend {
  start(probe: ProbeStart): Promise<ExitInfo>;
  kill(id: string): void;
  // Starts relaying connections to `port` inside the sandbox to the grader (only where relaysServices).
  expose(port: number): Promise<void>;
  // True when services must be relayed (the sandbox has no network of its own).
  readonly relaysServices: boolean;
  // False once the processes that run probes are gone (learner code can kill its own sandbox's).
  readonly alive: boolean;
  // Ends every process; resolves when none is left.
  close(): Promise<void>;
  // The same, at once and without waiting, for when the grader itself is stopping.
  stopNow(): void;
}

// 'SIGKILL' for 9: the name a message can show.
export function signalName(signal: number | null | undefined): string | undefined {
  if (signal === null || signal === undefined) return undefined;
  const names = constants.signals as unknown as Record<string, number>;
  return Object.entries(names).find(([, number]) => number === signal)?.[0] ?? `signal ${signal}`;
}
