import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// Stops every process a run left behind: its process group, and on Linux any process carrying the run's marker
// (which finds children that left the group with setsid). Returns how many were still alive.
export function stopLeftovers(pid: number | undefined, marker: string): number {
  let found = 0;
  if (pid !== undefined && process.platform !== 'win32') {
    try {
      process.kill(-pid, 0);
      found += 1;
      process.kill(-pid, 'SIGKILL');
    } catch {
      // No process left in the group.
    }
  }
  if (process.platform === 'linux') {
    for (const other of processesWithMarker(marker)) {
      try {
        process.kill(other, 'SIGKILL');
        found += 1;
      } catch {
        // Already gone.
      }
    }
  }
  return found;
}

function processesWithMarker(marker: string): number[] {
  const needle = Buffer.from(marker);
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) pids.push(pid);
    } catch {
      // Not ours to read, or gone.
    }
  }
  return pids;
}

// Kills a Windows process tree while its root is still alive; the harness's job object covers the rest.
export async function killTreeWindows(pid: number): Promise<void> {
  const { execa } = await import('execa');
  await execa('taskkill', ['/pid', String(pid), '/T', '/F'], { reject: false, windowsHide: true });
}

// The same, at once, for when the caller cannot wait (a run flooding its output, the grader being interrupted).
// Windows has no process groups; taskkill /T finds the tree through its root, so it must run while the root lives.
export function killTreeWindowsSync(pid: number): void {
  spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore', timeout: 10_000 });
}
