// One submission's runs: a private folder, the witness, and the processes that run learner code, isolated as
// well as this machine allows (bubblewrap, an unprivileged user, or nothing). Every probe of a grading runs
// through one session; closing it ends every process it started.
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { PythonInfo } from '../python/find-python.js';
import { requestedIsolation, type Isolation, type IsolationRequest } from '../sandbox/isolation.js';
import type { SandboxUser } from '../sandbox/uid-user.js';
import { mergeWitnessed } from '../witness/merge.js';
import type { ProbeSlot, WaitTable } from '../witness/slot.js';
import { waitTable } from '../witness/slot.js';
import { now } from '../witness/types.js';
import { Witness } from '../witness/witness.js';
import type { Backend } from './exit-info.js';
import { launch } from './launch.js';
import { stopLeftovers } from './leftovers.js';
import { LIMITS } from './limits.js';
import { toObservation } from './observations.js';
import type { ProbeRun, Step } from './run-probe.js';
import { makeDirs, type SessionDirs } from './session-dirs.js';
import type { ServiceHost } from './services.js';
import { loopbackHost } from './services.js';

// What the engine asks a session to run: host paths, which the session stages where the harness can see them.
export interface ProbeSpec {
  file: string;
  moduleName?: string;
  twins?: string;
  steps: Step[];
  deadlineSeconds: number;
  threads?: number;
  // How long each timed helper waits at the witness: seconds by helper and label ('*' for any label).
  waits?: WaitTable;
}

export interface SessionOptions {
  python: PythonInfo;
  isolation?: IsolationRequest;
  env?: NodeJS.ProcessEnv;
  // Folders learner code must not read (the kit is always among them): with an unprivileged user, they are
  // made unreadable to other users.
  protect?: string[];
}

export interface RunControl {
  signal?: AbortSignal;
}

// Relayed services get ports from here inside a sandbox (its network is its own, so any port is free).
const FIRST_RELAYED_PORT = 20_000;

const open = new Set<RunSession>();

export class RunSession {
  readonly services: ServiceHost;
  private stagedCount = 0;
  private readonly staged = new Map<string, string>();
  private nextPort = FIRST_RELAYED_PORT;
  private closed = false;

  // Sessions come from RunSession.open.
  private constructor(
    readonly isolation: Isolation,
    private readonly dirs: SessionDirs,
    private readonly witness: Witness,
    private readonly backend: Backend,
    private readonly inside: (host: string) => string,
    private readonly user: SandboxUser | undefined,
  ) {
    this.services = backend.relaysServices
      ? {
          expose: async (server) => {
            const port = this.nextPort++;
            this.witness.expose(port, server);
            await this.backend.expose(port);
            return { port };
          },
        }
      : loopbackHost;
    open.add(this);
  }

  static async open(options: SessionOptions): Promise<RunSession> {
    const env = options.env ?? process.env;
    const request = options.isolation ?? requestedIsolation(env);
    const dirs = makeDirs();
    let witness: Witness | undefined;
    try {
      witness = await Witness.start(process.platform === 'win32' ? {} : { socketPath: dirs.socket });
      const launched = await launch(
        { python: options.python, env, dirs, witness, protect: options.protect ?? [] },
        request,
      );
      return new RunSession(launched.isolation, dirs, witness, launched.backend, launched.inside, launched.user);
    } catch (cause) {
      await witness?.close();
      rmSync(dirs.root, { recursive: true, force: true });
      throw cause;
    }
  }

  // False once the session's processes are gone (learner code killed them): open a new one to go on.
  get usable(): boolean {
    return !this.closed && this.backend.alive;
  }

  // A new probe's witness record; its plan hands it to the services it uses.
  newProbe(): ProbeSlot {
    return this.witness.newProbe();
  }

  // Runs one probe and returns everything observed, whatever the learner's code did.
  async run(slot: ProbeSlot, spec: ProbeSpec, control: RunControl = {}): Promise<ProbeRun> {
    const harnessSpec = {
      file: this.inside(this.stage(spec.file, 'files')),
      moduleName: spec.moduleName,
      ...(spec.twins !== undefined ? { twins: this.inside(this.stage(spec.twins, 'twins')) } : {}),
      // The waits stay with the witness: learner code has no need to know them.
      steps: spec.steps.map((step) => (step.op === 'call' ? { ...step, waits: undefined, owns: undefined } : step)),
      deadlineSeconds: spec.deadlineSeconds,
      ...(spec.threads !== undefined ? { threads: spec.threads } : {}),
      limits: { memoryBytes: LIMITS.memoryBytes, fileBytes: LIMITS.fileBytes, outputBytes: LIMITS.outputBytes },
    };
    const callWaits = Object.fromEntries(
      spec.steps.flatMap((step) =>
        step.op === 'call' && step.waits ? [[step.id ?? step.function, waitTable(step.waits)] as const] : [],
      ),
    );
    slot.prepare(harnessSpec, waitTable(spec.waits), callWaits);
    const started = now();
    const onAbort = (): void => this.backend.kill(slot.id);
    try {
      const ended = this.backend.start({
        id: slot.id,
        nonce: slot.nonce,
        killAfterSeconds: spec.deadlineSeconds + LIMITS.killGraceMs / 1000,
        outputBytes: LIMITS.outputBytes,
      });
      // A grading cancelled before (or while) the probe starts stops it at once.
      if (control.signal?.aborted) onAbort();
      else control.signal?.addEventListener('abort', onAbort, { once: true });
      const exit = await ended;
      // The records travel on the probe's own connection: let the last of them arrive.
      await Promise.race([slot.closed(), new Promise((resolve) => setTimeout(resolve, 1000))]);
      const seen = slot.witnessed();
      const received = seen.records.flatMap((r) => {
        const observation = toObservation(r.body);
        return observation ? [{ observation, at: r.at }] : [];
      });
      const invalid = seen.records.length - received.length;
      return {
        observations: mergeWitnessed(received, seen, exit.schedule, owners(spec.steps)),
        process: {
          exitCode: exit.exitCode,
          signal: exit.signal,
          timedOut: exit.timedOut,
          outputFlood: exit.outputFlood,
          leftovers: exit.leftovers,
          durationMs: (now() - started) * 1000,
          ...(exit.cpuSeconds !== undefined ? { cpuSeconds: exit.cpuSeconds } : {}),
          ...(exit.spawnError !== undefined ? { spawnError: exit.spawnError } : {}),
        },
        stdout: capture(exit.stdout),
        stderr: capture(exit.stderr),
        forged: [
          ...seen.forged,
          ...(invalid > 0 ? [`${invalid} signed record(s) of a shape the harness never writes`] : []),
        ],
      };
    } finally {
      control.signal?.removeEventListener('abort', onAbort);
      this.witness.release(slot);
    }
  }

  // Ends every process of the session; when it resolves, no learner process is left.
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    open.delete(this);
    await this.backend.close();
    if (this.isolation.level === 'none') stopLeftovers(undefined, this.dirs.marker);
    this.user?.release();
    await this.witness.close();
    rmSync(this.dirs.root, { recursive: true, force: true });
  }

  // A snapshot of `file` where the harness can read it (learner files are copied once per grading, so that an
  // edit during grading changes nothing and the learner's own file is never touched).
  private stage(file: string, kind: 'files' | 'twins'): string {
    const key = `${kind}\0${file}`;
    const known = this.staged.get(key);
    if (known) return known;
    this.stagedCount += 1;
    const dir = path.join(kind === 'files' ? this.dirs.files : this.dirs.twins, String(this.stagedCount));
    mkdirSync(dir, { mode: 0o755 });
    const copy = path.join(dir, path.basename(file));
    copyFileSync(file, copy);
    chmodSync(copy, 0o644);
    this.staged.set(key, copy);
    return copy;
  }

  // Stops every process at once, without waiting (the grader itself is being interrupted).
  stopNow(): void {
    this.backend.stopNow();
  }

  // Forgets staged learner files, so that the next grading copies them again (watch mode).
  restage(): void {
    for (const key of [...this.staged.keys()]) if (key.startsWith('files\0')) this.staged.delete(key);
  }
}

// Stops every session's processes at once, for when the grader itself is interrupted.
export function stopAllSessions(): void {
  for (const session of open) session.stopNow();
}

function capture(output: { text: string; bytes: number }): { text: string; bytes: number; truncated: boolean } {
  const { text, bytes } = output;
  if (text.length <= LIMITS.shownOutputChars && Buffer.byteLength(text) >= bytes)
    return { text, bytes, truncated: false };
  return { text: text.slice(0, LIMITS.shownOutputChars), bytes, truncated: true };
}

// Which call each owned label belongs to (see Step.owns).
function owners(steps: Step[]): Map<string, string> {
  const owned = new Map<string, string>();
  for (const step of steps)
    if (step.op === 'call') for (const label of step.owns ?? []) owned.set(label, step.id ?? step.function);
  return owned;
}
