// Starts the processes that run a session's learner code, with the strongest isolation this machine allows, or
// the one asked for: bubblewrap, then an unprivileged user (as root), then none. Each level says why it was chosen.
import { chmodSync, chownSync, statSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import * as say from '../messages.js';
import { kitRoot } from '../paths.js';
import type { PythonInfo } from '../python/find-python.js';
import { bwrapArgs, explainBwrapFailure, INSIDE } from '../sandbox/bwrap.js';
import type { Isolation, IsolationRequest } from '../sandbox/isolation.js';
import { pythonRoots } from '../sandbox/python-roots.js';
import { acquireUser, type SandboxUser } from '../sandbox/uid-user.js';
import type { Witness } from '../witness/witness.js';
import type { Backend } from './exit-info.js';
import { ProcessBackend } from './process-backend.js';
import { sandboxEnv } from './sandbox-env.js';
import type { SessionDirs } from './session-dirs.js';
import { ZygoteBackend, ZygoteStartError } from './zygote-backend.js';

// The private /tmp of a bubblewrap sandbox.
export const TMP_BYTES = 64 * 1024 * 1024;

export interface Launched {
  isolation: Isolation;
  backend: Backend;
  // A staged path as the harness sees it.
  inside: (host: string) => string;
  user?: SandboxUser;
}

interface Context {
  python: PythonInfo;
  env: NodeJS.ProcessEnv;
  dirs: SessionDirs;
  witness: Witness;
  // Folders an unprivileged learner user must not read.
  protect: string[];
}

export async function launch(context: Context, request: IsolationRequest): Promise<Launched> {
  if (process.platform === 'win32') return launchProcesses(context);
  let whyNot = '';
  if (process.platform === 'linux' && (request === 'auto' || request === 'bwrap')) {
    const tried = await tryBwrap(context);
    if ('launched' in tried) return tried.launched;
    whyNot = tried.whyNot;
    if (request === 'bwrap') throw new EnvironmentError(say.bwrapUnusable(whyNot));
  } else if (request === 'bwrap') {
    throw new EnvironmentError(say.bwrapUnusable(say.isolationNotLinux(process.platform)));
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && (request === 'auto' || request === 'uid')) {
    try {
      return await launchAsUser(context, whyNot);
    } catch (cause) {
      const detail = cause instanceof ZygoteStartError ? cause.stderr || cause.message : String(cause);
      if (request === 'uid') throw new EnvironmentError(say.uidUnusable(detail));
      whyNot = `${whyNot} ${say.uidUnusable(detail)}`.trim();
    }
  } else if (request === 'uid') {
    throw new EnvironmentError(say.uidUnusable('the grader is not running as root'));
  }
  const reason = request === 'none' ? say.isolationDeclined() : whyNot || say.isolationNotLinux(process.platform);
  return { isolation: { level: 'none', reason }, backend: await zygoteAsIs(context), inside: (p) => p };
}

// `ownPidNamespace`: the zygote and its probes are alone in a PID namespace (one submission's sandbox).
function zygoteArgs(address: string, harness: string, ownPidNamespace = false): string[] {
  const args = ['-I', '-S', '-B', '-u', '-X', 'utf8', path.join(harness, 'zygote.py'), address];
  return ownPidNamespace ? [...args, 'own-pid-namespace'] : args;
}

async function tryBwrap({ python, env, dirs }: Context): Promise<{ launched: Launched } | { whyNot: string }> {
  const bwrap = findOnPath('bwrap', env);
  if (!bwrap) return { whyNot: say.bwrapMissing() };
  try {
    const layout = {
      pythonRoots: await pythonRoots(python.executable),
      harnessDir: dirs.harness,
      twinsDir: dirs.twins,
      filesDir: dirs.files,
      socketPath: dirs.socket,
      tmpBytes: TMP_BYTES,
      env: {
        ...sandboxEnv(env),
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOME: INSIDE.tmp,
        TMPDIR: INSIDE.tmp,
        LANG: env.LANG ?? 'C.UTF-8',
      },
    };
    const args = bwrapArgs(layout, [python.executable, ...zygoteArgs(`unix:${INSIDE.socket}`, INSIDE.harness, true)]);
    const backend = await ZygoteBackend.launch({ command: bwrap, args, env: {}, cwd: dirs.root, relaysServices: true });
    return {
      launched: {
        isolation: { level: 'bwrap', reason: say.isolationBwrap(TMP_BYTES) },
        backend,
        inside: (host) => insidePath(host, dirs),
      },
    };
  } catch (cause) {
    return {
      whyNot: explainBwrapFailure(cause instanceof ZygoteStartError ? cause.stderr || cause.message : String(cause)),
    };
  }
}

// Root without namespaces: learner code runs as a user of its own, which cannot read the kit.
async function launchAsUser(
  { python, env, dirs, witness, protect: extra }: Context,
  whyNotBwrap: string,
): Promise<Launched> {
  const user = acquireUser();
  try {
    const protectedNow = protect([kitRoot, ...extra]);
    // The session's folder: only its own group (the learner user) may enter it, and only its socket and temporary
    // folder are the learner user's.
    chownSync(dirs.root, 0, user.gid);
    chmodSync(dirs.root, 0o710);
    for (const dir of [dirs.sockDir, dirs.tmp]) chownSync(dir, user.uid, user.gid);
    chownSync(dirs.socket, user.uid, user.gid);
    const backend = await ZygoteBackend.launch({
      command: python.executable,
      args: zygoteArgs(witness.address, dirs.harness),
      env: sandboxEnv(env, { HOME: dirs.tmp, TMPDIR: dirs.tmp, TEMP: dirs.tmp, TMP: dirs.tmp, MALLOC_ARENA_MAX: '2' }),
      cwd: dirs.tmp,
      uid: user.uid,
      gid: user.gid,
      relaysServices: false,
    });
    return {
      isolation: { level: 'uid', reason: say.isolationUid(user.uid, whyNotBwrap, protectedNow) },
      backend,
      inside: (p) => p,
      user,
    };
  } catch (cause) {
    user.release();
    throw cause;
  }
}

// No isolation: the grader's own user, with limits.
function zygoteAsIs({ python, env, dirs, witness }: Context): Promise<ZygoteBackend> {
  return ZygoteBackend.launch({
    command: python.executable,
    args: zygoteArgs(witness.address, dirs.harness),
    env: sandboxEnv(env, {
      ASYNCIO_LAB_RUN: dirs.marker,
      HOME: dirs.tmp,
      TMPDIR: dirs.tmp,
      TEMP: dirs.tmp,
      TMP: dirs.tmp,
      MALLOC_ARENA_MAX: '2',
    }),
    cwd: dirs.tmp,
    relaysServices: false,
  });
}

// Windows: no fork, no sandbox; a fresh process per probe in a job object.
function launchProcesses({ python, env, dirs, witness }: Context): Launched {
  const backend = new ProcessBackend({
    python: python.executable,
    probeScript: path.join(dirs.harness, 'probe.py'),
    witnessAddress: witness.address,
    cwd: dirs.tmp,
    env,
  });
  return { isolation: { level: 'none', reason: say.isolationWindows() }, backend, inside: (p) => p };
}

// A staged path as the sandbox sees it.
function insidePath(host: string, dirs: SessionDirs): string {
  for (const [from, to] of [
    [dirs.files, INSIDE.files],
    [dirs.twins, INSIDE.twins],
    [dirs.harness, INSIDE.harness],
  ] as const) {
    const relative = path.relative(from, host);
    if (!relative.startsWith('..') && !path.isAbsolute(relative))
      return path.posix.join(to, ...relative.split(path.sep));
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
