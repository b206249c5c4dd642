// One submission's runs: a private folder, the witness, and the processes that run learner code, isolated as
// well as this machine allows (bubblewrap, an unprivileged user, or nothing). Every probe of a grading runs
// through one session; closing it ends every process it started.
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import * as say from '../messages.js';
import { kitRoot } from '../paths.js';
import type { PythonInfo } from '../python/find-python.js';
import { bwrapArgs, explainBwrapFailure, INSIDE } from '../sandbox/bwrap.js';
import { requestedIsolation, type Isolation, type IsolationRequest } from '../sandbox/isolation.js';
import { pythonRoots } from '../sandbox/python-roots.js';
import { acquireUser, type SandboxUser } from '../sandbox/uid-user.js';
import { mergeWitnessed } from '../witness/merge.js';
import type { ProbeSlot, WaitTable } from '../witness/slot.js';
import { waitTable } from '../witness/slot.js';
import { now } from '../witness/types.js';
import { Witness } from '../witness/witness.js';
import type { Backend } from './exit-info.js';
import { stopLeftovers } from './leftovers.js';
import { LIMITS } from './limits.js';
import { toObservation } from './observations.js';
import { ProcessBackend } from './process-backend.js';
import type { ProbeRun, Step } from './run-probe.js';
import { sandboxEnv } from './sandbox-env.js';
import type { ServiceHost } from './services.js';
import { loopbackHost } from './services.js';
import { ZygoteBackend, ZygoteStartError } from './zygote-backend.js';

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

const HARNESS_SOURCE = path.join(kitRoot, 'grader', 'python');
const TMP_BYTES = 64 * 1024 * 1024;
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
      const launched = await launch(options, request, env, dirs, witness);
      return new RunSession(launched.isolation, dirs, witness, launched.backend, launched.inside, launched.user);
    } catch (cause) {
      await witness?.close();
      rmSync(dirs.root, { recursive: true, force: true });
      throw cause;
    }
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
      steps: spec.steps,
      deadlineSeconds: spec.deadlineSeconds,
      ...(spec.threads !== undefined ? { threads: spec.threads } : {}),
      limits: { memoryBytes: LIMITS.memoryBytes, fileBytes: LIMITS.fileBytes, outputBytes: LIMITS.outputBytes },
    };
    slot.prepare(harnessSpec, waitTable(spec.waits));
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
        observations: mergeWitnessed(received, seen),
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
        forged: [...seen.forged, ...(invalid > 0 ? [`${invalid} signed record(s) of a shape the harness never writes`] : [])],
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

interface SessionDirs {
  root: string;
  harness: string;
  twins: string;
  files: string;
  sockDir: string;
  socket: string;
  tmp: string;
  marker: string;
}

function makeDirs(): SessionDirs {
  const root = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-'));
  const dirs: SessionDirs = {
    root,
    harness: path.join(root, 'lab', 'harness'),
    twins: path.join(root, 'lab', 'twins'),
    files: path.join(root, 'lab', 'files'),
    sockDir: path.join(root, 'sock'),
    socket: path.join(root, 'sock', 'witness.sock'),
    tmp: path.join(root, 'tmp'),
    marker: `asyncio-lab-${path.basename(root)}`,
  };
  for (const dir of [dirs.twins, dirs.files]) mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(path.join(root, 'lab'), 0o755);
  mkdirSync(dirs.sockDir, { mode: 0o700 });
  mkdirSync(dirs.tmp, { mode: 0o700 });
  copyTree(HARNESS_SOURCE, dirs.harness);
  return dirs;
}

// The harness's Python files only: nothing else of the kit goes where learner code can look.
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o755 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== '__pycache__') copyTree(path.join(from, entry.name), path.join(to, entry.name));
    else if (entry.isFile() && entry.name.endsWith('.py')) {
      copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
      chmodSync(path.join(to, entry.name), 0o644);
    }
  }
}

interface Launched {
  isolation: Isolation;
  backend: Backend;
  // A staged path as the harness sees it.
  inside: (host: string) => string;
  user?: SandboxUser;
}

// Starts the processes that run learner code, with the strongest isolation this machine allows (or the one asked for).
async function launch(options: SessionOptions, request: IsolationRequest, env: NodeJS.ProcessEnv, dirs: SessionDirs, witness: Witness): Promise<Launched> {
  const python = options.python.executable;
  const harnessArgs = (address: string, harness: string): string[] => ['-I', '-S', '-B', '-u', '-X', 'utf8', path.join(harness, 'zygote.py'), address];
  if (process.platform === 'win32') {
    const backend = new ProcessBackend({ python, probeScript: path.join(dirs.harness, 'probe.py'), witnessAddress: witness.address, cwd: dirs.tmp, env });
    return { isolation: { level: 'none', reason: say.isolationWindows() }, backend, inside: (p) => p };
  }
  let whyNot = '';
  if (process.platform === 'linux' && (request === 'auto' || request === 'bwrap')) {
    const bwrap = findOnPath('bwrap', env);
    if (bwrap) {
      try {
        const layout = {
          pythonRoots: await pythonRoots(python),
          harnessDir: dirs.harness,
          twinsDir: dirs.twins,
          filesDir: dirs.files,
          socketPath: dirs.socket,
          tmpBytes: TMP_BYTES,
          env: { ...sandboxEnv(env), PATH: '/usr/local/bin:/usr/bin:/bin', HOME: INSIDE.tmp, TMPDIR: INSIDE.tmp, LANG: env.LANG ?? 'C.UTF-8' },
        };
        const args = bwrapArgs(layout, [python, ...harnessArgs(`unix:${INSIDE.socket}`, INSIDE.harness)]);
        const backend = await ZygoteBackend.launch({ command: bwrap, args, env: {}, cwd: dirs.root, relaysServices: true });
        return { isolation: { level: 'bwrap', reason: say.isolationBwrap(TMP_BYTES) }, backend, inside: (host) => insidePath(host, dirs) };
      } catch (cause) {
        whyNot = explainBwrapFailure(cause instanceof ZygoteStartError ? cause.stderr || cause.message : String(cause));
        if (request === 'bwrap') throw new EnvironmentError(say.bwrapUnusable(whyNot));
      }
    } else {
      whyNot = say.bwrapMissing();
      if (request === 'bwrap') throw new EnvironmentError(say.bwrapUnusable(whyNot));
    }
  } else if (request === 'bwrap') {
    throw new EnvironmentError(say.bwrapUnusable(say.isolationNotLinux(process.platform)));
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && (request === 'auto' || request === 'uid')) {
    const user = acquireUser();
    try {
      const protectedNow = protect([kitRoot, ...(options.protect ?? [])]);
      chownSync(dirs.root, 0, user.gid);
      chmodSync(dirs.root, 0o710);
      for (const dir of [dirs.sockDir, dirs.tmp]) chownSync(dir, user.uid, user.gid);
      const backend = await ZygoteBackend.launch({
        command: python,
        args: harnessArgs(witness.address, dirs.harness),
        env: sandboxEnv(env, { HOME: dirs.tmp, TMPDIR: dirs.tmp, TEMP: dirs.tmp, TMP: dirs.tmp, MALLOC_ARENA_MAX: '2' }),
        cwd: dirs.tmp,
        uid: user.uid,
        gid: user.gid,
        relaysServices: false,
      });
      chownSync(dirs.socket, user.uid, user.gid);
      return { isolation: { level: 'uid', reason: say.isolationUid(user.uid, whyNot, protectedNow) }, backend, inside: (p) => p, user };
    } catch (cause) {
      user.release();
      if (request === 'uid') throw new EnvironmentError(say.uidUnusable(cause instanceof ZygoteStartError ? cause.stderr || cause.message : String(cause)));
      whyNot = `${whyNot} ${say.uidUnusable(String(cause))}`.trim();
    }
  } else if (request === 'uid') {
    throw new EnvironmentError(say.uidUnusable('the grader is not running as root'));
  }
  const backend = await ZygoteBackend.launch({
    command: python,
    args: harnessArgs(witness.address, dirs.harness),
    env: sandboxEnv(env, { ASYNCIO_LAB_RUN: dirs.marker, HOME: dirs.tmp, TMPDIR: dirs.tmp, TEMP: dirs.tmp, TMP: dirs.tmp, MALLOC_ARENA_MAX: '2' }),
    cwd: dirs.tmp,
    relaysServices: false,
  });
  const reason = request === 'none' ? say.isolationDeclined() : whyNot || say.isolationNotLinux(process.platform);
  return { isolation: { level: 'none', reason }, backend, inside: (p) => p };
}

// A staged path as the sandbox sees it.
function insidePath(host: string, dirs: SessionDirs): string {
  for (const [from, to] of [
    [dirs.files, INSIDE.files],
    [dirs.twins, INSIDE.twins],
    [dirs.harness, INSIDE.harness],
  ] as const) {
    const relative = path.relative(from, host);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return path.posix.join(to, ...relative.split(path.sep));
  }
  throw new Error(`${host} is not staged for the sandbox`);
}

// Makes folders unreadable to other users (an unprivileged learner user among them); returns those it changed.
function protect(dirs: string[]): string[] {
  const changed: string[] = [];
  for (const dir of dirs) {
    try {
      const mode = statSync(dir).mode & 0o777;
      if ((mode & 0o007) !== 0) {
        chmodSync(dir, mode & ~0o007);
        changed.push(dir);
      }
    } catch {
      // Missing: nothing to protect.
    }
  }
  return changed;
}

function findOnPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

function capture(output: { text: string; bytes: number }): { text: string; bytes: number; truncated: boolean } {
  const { text, bytes } = output;
  if (text.length <= LIMITS.shownOutputChars && Buffer.byteLength(text) >= bytes) return { text, bytes, truncated: false };
  return { text: text.slice(0, LIMITS.shownOutputChars), bytes, truncated: true };
}
