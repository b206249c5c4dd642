// A fresh Python process per probe, where there is no fork (Windows): slower, with the same protocol.
import { randomUUID } from 'node:crypto';
import type { Backend, ExitInfo, ProbeStart } from './exit-info.js';
import { killTreeWindows, killTreeWindowsSync, stopLeftovers } from './leftovers.js';
import { sandboxEnv } from './sandbox-env.js';

// How long before the kill the Windows tree kill runs, while the probe still lives (taskkill /T needs it).
const WINDOWS_TREE_KILL_LEAD_MS = 500;

export interface ProcessLaunch {
  python: string;
  probeScript: string;
  witnessAddress: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export class ProcessBackend implements Backend {
  readonly relaysServices = false;
  readonly alive = true;
  private readonly running = new Map<string, number>();
  // Probes stopped before their process existed.
  private readonly cancelled = new Set<string>();

  constructor(private readonly launch: ProcessLaunch) {}

  async start(probe: ProbeStart): Promise<ExitInfo> {
    const { execa } = await import('execa');
    const marker = `asyncio-lab-${randomUUID()}`;
    const posix = process.platform !== 'win32';
    const child = execa(
      this.launch.python,
      ['-I', '-S', '-B', '-u', '-X', 'utf8', this.launch.probeScript, this.launch.witnessAddress, probe.nonce],
      {
        cwd: this.launch.cwd,
        env: sandboxEnv(this.launch.env, {
          ASYNCIO_LAB_RUN: marker,
          MALLOC_ARENA_MAX: '2',
          TMPDIR: this.launch.cwd,
          TEMP: this.launch.cwd,
          TMP: this.launch.cwd,
        }),
        extendEnv: false,
        stdin: 'ignore',
        reject: false,
        detached: posix,
        windowsHide: true,
        timeout: probe.killAfterSeconds * 1000,
        killSignal: 'SIGKILL',
        forceKillAfterDelay: false,
        maxBuffer: 2 * probe.outputBytes,
        stripFinalNewline: false,
      },
    );
    const pid = child.pid;
    if (pid !== undefined) this.running.set(probe.id, pid);
    if (this.cancelled.delete(probe.id)) kill(pid);
    let windowsTimedOut = false;
    const windowsDeadline =
      posix || pid === undefined
        ? undefined
        : setTimeout(
            () => {
              windowsTimedOut = true;
              void killTreeWindows(pid);
            },
            Math.max(0, probe.killAfterSeconds * 1000 - WINDOWS_TREE_KILL_LEAD_MS),
          );
    let leftovers = 0;
    child.once('exit', () => {
      leftovers = stopLeftovers(pid, marker);
    });
    let printed = 0;
    let flooded = false;
    const count = (chunk: Buffer | string): void => {
      printed += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (printed > probe.outputBytes && !flooded) {
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
      const spawnFailed =
        result.failed && !result.timedOut && !result.isMaxBuffer && result.exitCode === undefined && !result.signal;
      return {
        exitCode: result.exitCode,
        signal: result.signal,
        timedOut: Boolean(result.timedOut) || windowsTimedOut,
        outputFlood: flooded || Boolean(result.isMaxBuffer),
        leftovers,
        stdout: captured(result.stdout),
        stderr: captured(result.stderr),
        ...(spawnFailed ? { spawnError: result.shortMessage } : {}),
      };
    } finally {
      if (windowsDeadline) clearTimeout(windowsDeadline);
      this.running.delete(probe.id);
    }
  }

  kill(id: string): void {
    const pid = this.running.get(id);
    if (pid === undefined) this.cancelled.add(id);
    else kill(pid);
  }

  expose(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.stopNow();
    await Promise.resolve();
  }

  stopNow(): void {
    for (const pid of this.running.values()) kill(pid);
    this.running.clear();
  }
}

function captured(value: unknown): { text: string; bytes: number } {
  const text = typeof value === 'string' ? value : '';
  return { text: text.slice(0, 16 * 1024), bytes: Buffer.byteLength(text) };
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
