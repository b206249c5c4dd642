// The processes a grading started, found from the host's /proc whatever sandbox they run in: the descendants of
// a process whose command line runs the warm interpreter, a probe, or bubblewrap.
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
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
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      procs.push({ pid: Number(entry), ppid: Number(fields[1]), cmd });
    } catch {
      // Gone.
    }
  }
  return procs;
}

// Every live descendant of `root` (a pid) that runs learner code or holds it.
export function gradingProcesses(root: number): number[] {
  const procs = table();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop() as Proc;
    if (/zygote\.py|probe\.py|bwrap/.test(p.cmd)) found.push(p.pid);
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
