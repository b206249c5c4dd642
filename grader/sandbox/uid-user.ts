// Where namespaces are refused but the grader runs as root (Gradescope's container): learner code runs as an
// unprivileged user of its own, one per submission graded at the same time, and everything it leaves behind
// (processes, files in the shared temporary folders) is removed when the submission is done.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A range of user ids no account uses, inside the 65536 ids every container maps.
const FIRST_UID = Number(process.env.ASYNCIO_LAB_SANDBOX_UID ?? 64_000);
const UIDS = 900;
const SHARED_TEMP = ['/tmp', '/var/tmp', '/dev/shm'];

// The ids this process holds now: two submissions graded at once never share one.
const held = new Set<number>();

export interface SandboxUser {
  uid: number;
  gid: number;
  release(): void;
}

// Takes a free user id for this process alone: a lock file per id, held while a submission is graded, so that two
// graders on one machine never share a user (and never stop each other's processes).
export function acquireUser(): SandboxUser {
  for (let i = 0; i < UIDS; i++) {
    const uid = FIRST_UID + i;
    if (held.has(uid)) continue;
    const lock = path.join(tmpdir(), `asyncio-lab-uid-${uid}.lock`);
    if (!takeLock(lock)) continue;
    held.add(uid);
    stopProcessesOf(uid);
    return {
      uid,
      gid: uid,
      release: () => {
        stopProcessesOf(uid);
        removeFilesOf(uid);
        rmSync(lock, { force: true });
        held.delete(uid);
      },
    };
  }
  throw new Error(`every sandbox user id from ${FIRST_UID} to ${FIRST_UID + UIDS - 1} is in use`);
}

function takeLock(lock: string): boolean {
  try {
    const fd = openSync(lock, 'wx', 0o600);
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch {
    // Held: by a live grader, or left by one that died (then it is ours to take).
    try {
      const owner = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && (owner === process.pid || alive(owner))) return false;
      writeFileSync(lock, String(process.pid));
      return true;
    } catch {
      return false;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Kills every process that runs as `uid`, until none is left (a fork loop gets a few rounds). Returns how many.
export function stopProcessesOf(uid: number): number {
  let stopped = 0;
  for (let round = 0; round < 10; round++) {
    const pids = processesOf(uid);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        stopped += 1;
      } catch {
        // Gone already.
      }
    }
  }
  return stopped;
}

function processesOf(uid: number): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const real = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      const state = /^State:\s+(\S)/m.exec(status)?.[1];
      if (Number(real) === uid && state !== 'Z') found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

// What `uid` left in the machine's shared temporary folders.
function removeFilesOf(uid: number): void {
  for (const dir of SHARED_TEMP) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry);
      try {
        if (lstatSync(file).uid === uid) rmSync(file, { recursive: true, force: true });
      } catch {
        // Gone already.
      }
    }
  }
}
