// The Node side of the warm interpreter: starts it (in bubblewrap, as another user, or as is), sends it a
// command per probe, and turns its events into each probe's ExitInfo.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Backend, ExitInfo, ProbeStart, Schedule } from './exit-info.js';
import { signalName } from './exit-info.js';

export interface ZygoteLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  uid?: number;
  gid?: number;
  // Whether services must be relayed inside (a sandbox with no network of its own).
  relaysServices: boolean;
}

// CPU seconds used by every process the zygotes of this grader ran, as each reported when it ended (a sandbox's
// processes are not counted in the grader's own children: bubblewrap's PID namespace hides them).
export const sandboxCpu = { seconds: 0 };

interface ZygoteEvent {
  ev: 'ready' | 'started' | 'exited' | 'exposed' | 'bye';
  id?: string;
  port?: number;
  code?: number | null;
  signal?: number | null;
  timedOut?: boolean;
  flood?: boolean;
  leftovers?: number;
  cpuSeconds?: number | null;
  stdout?: { text: string; bytes: number };
  stderr?: { text: string; bytes: number };
  schedule?: Schedule;
}

// The zygote could not start; `stderr` says why (bubblewrap's own message, a Python traceback).
export class ZygoteStartError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

// How long the zygote may take to say it is ready (a cold Python on a busy machine).
const READY_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 5_000;
// The zygote enforces each probe's deadline; if it has not reported a probe this long after that deadline, it has
// stopped answering (learner code can stop its own sandbox's zygote, e.g. with SIGSTOP), and the sandbox is ended.
const WEDGED_AFTER_MS = 10_000;

export class ZygoteBackend implements Backend {
  readonly relaysServices: boolean;
  private readonly pending = new Map<string, (exit: ExitInfo) => void>();
  // Ended by the grader because it stopped answering.
  private wedged = false;
  private readonly exposed = new Map<number, () => void>();
  private stderr = '';
  private buffered = '';
  private gone = false;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    launch: ZygoteLaunch,
  ) {
    this.relaysServices = launch.relaysServices;
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
  }

  static async launch(launch: ZygoteLaunch): Promise<ZygoteBackend> {
    const child = spawn(launch.command, launch.args, {
      cwd: launch.cwd,
      env: launch.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
      ...(launch.uid !== undefined ? { uid: launch.uid } : {}),
      ...(launch.gid !== undefined ? { gid: launch.gid } : {}),
    });
    const backend = new ZygoteBackend(child, launch);
    await backend.ready();
    return backend;
  }

  private ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      let started = false;
      const timer = setTimeout(() => fail('the zygote did not start in time'), READY_TIMEOUT_MS);
      const fail = (why: string): void => {
        if (started) return;
        started = true;
        clearTimeout(timer);
        this.stopNow();
        reject(new ZygoteStartError(why, this.stderr));
      };
      this.child.once('error', (cause) => fail(cause.message));
      this.child.stderr?.on('data', (chunk: Buffer) => {
        if (this.stderr.length < 64 * 1024) this.stderr += chunk.toString('utf8');
      });
      this.child.stdin?.on('error', () => undefined);
      this.child.stdout?.on('data', (chunk: Buffer) => {
        this.buffered += chunk.toString('utf8');
        let newline = this.buffered.indexOf('\n');
        while (newline !== -1) {
          const line = this.buffered.slice(0, newline);
          this.buffered = this.buffered.slice(newline + 1);
          newline = this.buffered.indexOf('\n');
          let event: ZygoteEvent;
          try {
            event = JSON.parse(line) as ZygoteEvent;
          } catch {
            continue;
          }
          if (event.ev === 'ready' && !started) {
            started = true;
            clearTimeout(timer);
            resolve();
          } else this.handle(event);
        }
      });
      this.child.once('close', (code, signal) => {
        this.gone = true;
        fail(`the zygote ended before it was ready (${signal ?? `exit code ${code}`})`);
        // Every probe still running ends with it: say so, rather than wait for ever.
        for (const [id, resolveExit] of this.pending) {
          this.pending.delete(id);
          resolveExit(lost(this.stderr, this.wedged));
        }
      });
    });
  }

  get alive(): boolean {
    return !this.gone;
  }

  start(probe: ProbeStart): Promise<ExitInfo> {
    if (this.gone) return Promise.resolve(lost(this.stderr, this.wedged));
    return new Promise((resolve) => {
      const watchdog = setTimeout(
        () => {
          if (!this.pending.has(probe.id)) return;
          this.wedged = true;
          this.stopNow();
        },
        probe.killAfterSeconds * 1000 + WEDGED_AFTER_MS,
      );
      watchdog.unref();
      this.pending.set(probe.id, (exit) => {
        clearTimeout(watchdog);
        resolve(exit);
      });
      this.send({
        op: 'probe',
        id: probe.id,
        nonce: probe.nonce,
        killAfterSeconds: probe.killAfterSeconds,
        outputBytes: probe.outputBytes,
      });
    });
  }

  kill(id: string): void {
    this.send({ op: 'kill', id });
  }

  expose(port: number): Promise<void> {
    if (this.gone) return Promise.reject(new Error('the zygote is gone'));
    return new Promise((resolve) => {
      this.exposed.set(port, resolve);
      this.send({ op: 'expose', port });
    });
  }

  async close(): Promise<void> {
    if (process.env.ASYNCIO_LAB_DEBUG && this.stderr) process.stderr.write(`[zygote stderr]\n${this.stderr}\n`);
    if (!this.gone) {
      this.send({ op: 'exit' });
      this.child.stdin?.end();
      const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), CLOSE_TIMEOUT_MS).unref());
      if ((await Promise.race([this.exited.then(() => 'done' as const), timeout])) === 'late') this.stopNow();
    }
    this.stopNow();
    await this.exited;
  }

  stopNow(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child.kill('SIGKILL');
      else process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }

  private send(command: Record<string, unknown>): void {
    if (this.gone) return;
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  private handle(event: ZygoteEvent): void {
    if (event.ev === 'bye' && typeof event.cpuSeconds === 'number') {
      sandboxCpu.seconds += event.cpuSeconds;
      return;
    }
    if (event.ev === 'exposed' && typeof event.port === 'number') {
      this.exposed.get(event.port)?.();
      this.exposed.delete(event.port);
      return;
    }
    if (event.ev !== 'exited' || event.id === undefined) return;
    const resolve = this.pending.get(event.id);
    if (!resolve) return;
    this.pending.delete(event.id);
    resolve({
      exitCode: event.code ?? undefined,
      signal: signalName(event.signal),
      timedOut: Boolean(event.timedOut),
      outputFlood: Boolean(event.flood),
      leftovers: event.leftovers ?? 0,
      ...(typeof event.cpuSeconds === 'number' ? { cpuSeconds: event.cpuSeconds } : {}),
      ...(event.schedule && Array.isArray(event.schedule.at) ? { schedule: event.schedule } : {}),
      stdout: event.stdout ?? { text: '', bytes: 0 },
      stderr: event.stderr ?? { text: '', bytes: 0 },
    });
  }
}

function lost(stderr: string, wedged = false): ExitInfo {
  return {
    exitCode: undefined,
    signal: undefined,
    timedOut: false,
    outputFlood: false,
    leftovers: 0,
    stdout: { text: '', bytes: 0 },
    stderr: { text: stderr.slice(-4000), bytes: stderr.length },
    spawnError: wedged
      ? 'the warm interpreter that starts every probe stopped answering (was it stopped or frozen by the code graded?), so the grader ended it'
      : 'the warm interpreter that starts every probe stopped',
  };
}
