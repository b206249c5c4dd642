// The processes a grading started, found from the host's /proc whatever sandbox they run in: the descendants of
// a process whose command line runs the warm interpreter, a probe, or bubblewrap.
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  // The process's name (/proc/PID/comm): the harness names its zygote, probes and relay.
  comm: string;
  cmd: string;
}

function table(): Proc[] {
  const procs: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      procs.push({ pid: Number(entry), ppid: Number(fields[1]), comm, cmd });
    } catch {
      // Gone.
    }
  }
  return procs;
}

// Every live descendant of `root` (a pid) that runs learner code or holds it.
export function gradingProcesses(root: number): number[] {
  return descendants(root, (p) => /zygote\.py|probe\.py|bwrap/.test(p.cmd) || p.comm.startsWith('asyncio-'));
}

// The live probes (each a run of learner code) below `root`; the warm interpreter that forks them is not one.
export function probeProcesses(root: number): number[] {
  return descendants(root, (p) => p.comm === 'asyncio-probe');
}

function descendants(root: number, wanted: (p: Proc) => boolean): number[] {
  const procs = table();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop() as Proc;
    if (wanted(p)) found.push(p.pid);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return found;
}

// The pid of the first process whose command line contains `text`, if any.
export function processWith(text: string): number | undefined {
  return table().find((p) => p.cmd.includes(text) && p.pid !== process.pid)?.pid;
}

// True while `pid` runs (a zombie waiting to be reaped has already stopped).
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
