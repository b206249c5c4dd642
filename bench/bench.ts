// npm run bench -- [rounds] [--hog] [--jobs N] [--only 01,03] [--repeat N]
//
// 1. Speed: grades the reference solutions, each exercise alone and then all together as `npm run grade` does,
//    unloaded and with a busy loop on every core, and prints per exercise the wall time, the CPU time of the
//    whole process tree, the necessary waits (the time the solution's own calls take), the probes and the ratio.
// 2. Misgrades: grades the course matrix `rounds` times (optionally with a busy loop on every core, several
//    files at once) and prints every verdict that differs from the one the corpus promises.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { loadCourse, type Exercise } from '../grader/engine/course.js';
import { gradeCourse, gradeExercise } from '../grader/engine/grade.js';
import { loadCorpus, runsOn, type CorpusEntry } from '../grader/maintainer/corpus.js';
import { findPython, type PythonInfo } from '../grader/python/find-python.js';
import { newSeed } from '../grader/random.js';
import type { ExerciseResult } from '../grader/results/types.js';
import type { ProbeRun } from '../grader/run/run-probe.js';
import type { IsolationLevel } from '../grader/sandbox/isolation.js';
import { treeCpuSeconds } from './cpu.js';

interface Options {
  rounds: number;
  hog: boolean;
  jobs: number;
  only: string[];
  repeat: number;
}

function parse(argv: string[]): Options {
  const options: Options = { rounds: 0, hog: false, jobs: 1, only: [], repeat: 5 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--hog') options.hog = true;
    else if (arg === '--jobs') options.jobs = Math.max(1, Number(argv[++i]));
    else if (arg === '--only') options.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--repeat') options.repeat = Math.max(1, Number(argv[++i]));
    else if (/^\d+$/.test(arg)) options.rounds = Number(arg);
    else
      throw new Error(
        `unknown argument ${arg}; usage: npm run bench -- [rounds] [--hog] [--jobs N] [--only 01,03] [--repeat N]`,
      );
  }
  return options;
}

// A verdict different from the one the corpus promises.
export function misgrade(entry: CorpusEntry, result: ExerciseResult): string | null {
  const failing = result.checks.filter((c) => c.status !== 'pass');
  const ids = failing.map((c) => c.id).sort();
  const describe = (): string =>
    failing.map((c) => `${c.id} ${c.status}: ${(c.message ?? '').split('\n')[0]}`).join('; ');
  if (entry.kind === 'stub')
    return failing.some((c) => c.status === 'error') || failing.length === 0 ? describe() || 'stub passed' : null;
  if (entry.kind === 'mistake') {
    const wanted = [...entry.caughtBy].sort();
    const ok = JSON.stringify(ids) === JSON.stringify(wanted) && failing.every((c) => c.status === 'fail');
    return ok ? null : `wanted ${wanted.join(', ')} to fail; got ${describe() || 'all pass'}`;
  }
  return ids.length === 0 ? null : describe();
}

function startHog(cores: number): ChildProcess[] {
  return Array.from({ length: cores }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

// The time the solution's own calls take: what grading cannot go below, one probe after another.
function necessaryWaits(runs: ProbeRun[]): number {
  let waits = 0;
  for (const run of runs) {
    for (const o of run.observations) if (o.kind === 'call' || o.kind === 'script') waits += o.seconds ?? 0;
  }
  return waits;
}

interface Measure {
  wall: number;
  cpu: number;
  waits: number;
  probes: number;
  misgraded: boolean;
}

// Grades exercises' reference solutions in one grading (one session), as `npm run grade` does.
async function measure(python: PythonInfo, exercises: Exercise[], isolation?: IsolationLevel): Promise<Measure> {
  const runs: ProbeRun[] = [];
  const cpu0 = treeCpuSeconds();
  const t0 = performance.now();
  const onProbe = (run: ProbeRun): void => {
    runs.push(run);
  };
  let misgraded: boolean;
  if (exercises.length === 1) {
    const [exercise] = exercises as [Exercise];
    const result = await gradeExercise(exercise, {
      python,
      seed: newSeed(),
      file: path.join(exercise.metaDir, 'solution.py'),
      gradeUntouched: true,
      onProbe,
      ...(isolation ? { isolation } : {}),
    });
    misgraded = result.status !== 'pass';
  } else {
    // The solutions stand in for the learner's files (the engine's file option is for one exercise only).
    const course = exercises.map((e) => ({ ...e, learnerFile: path.join(e.metaDir, 'solution.py') }));
    const results = await gradeCourse(course, {
      python,
      seed: newSeed(),
      gradeUntouched: true,
      onProbe,
      ...(isolation ? { isolation } : {}),
    });
    misgraded = results.status !== 'pass';
  }
  const wall = (performance.now() - t0) / 1000;
  return { wall, cpu: treeCpuSeconds() - cpu0, waits: necessaryWaits(runs), probes: runs.length, misgraded };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function row(name: string, list: Measure[]): string {
  const wall = median(list.map((m) => m.wall));
  const cpu = median(list.map((m) => m.cpu));
  const waits = median(list.map((m) => m.waits));
  const probes = median(list.map((m) => m.probes));
  const bad = list.filter((m) => m.misgraded).length;
  return `  ${name.padEnd(16)} ${wall.toFixed(2).padStart(6)} s ${cpu.toFixed(2).padStart(6)} s ${waits.toFixed(2).padStart(7)} s ${String(probes).padStart(6)} ${(wall / waits).toFixed(2).padStart(7)}x${bad ? `   (${bad} misgraded)` : ''}`;
}

async function speed(python: PythonInfo, course: Exercise[], repeat: number, hog: boolean): Promise<void> {
  const cores = availableParallelism();
  console.log(
    `\nspeed, ${hog ? `a busy loop on each of ${cores} cores` : 'unloaded'} (median of ${repeat}): grading each reference solution`,
  );
  console.log(
    `  ${'exercise'.padEnd(16)} ${'wall'.padStart(8)} ${'cpu'.padStart(8)} ${'waits'.padStart(9)} ${'probes'.padStart(6)} ${'wall/waits'.padStart(8)}`,
  );
  const hogs = hog ? startHog(cores) : [];
  try {
    for (const exercise of course) {
      const list: Measure[] = [];
      for (let i = 0; i < repeat; i++) list.push(await measure(python, [exercise]));
      console.log(row(exercise.meta.id, list));
    }
    const together: Measure[] = [];
    for (let i = 0; i < repeat; i++) together.push(await measure(python, course));
    console.log(row('all, one run', together));
  } finally {
    for (const child of hogs) child.kill('SIGKILL');
  }
}

// What each isolation level costs: all the solutions in one run, and per probe.
async function sandboxCost(python: PythonInfo, course: Exercise[], repeat: number): Promise<void> {
  const levels: { level: IsolationLevel; python: PythonInfo }[] = [{ level: 'none', python }];
  if (process.platform === 'linux') levels.push({ level: 'bwrap', python });
  const system = ['/usr/bin/python3'].find((p) => existsSync(p));
  if (process.platform === 'linux' && process.getuid?.() === 0 && system)
    levels.push({ level: 'uid', python: await findPython(system, process.env) });
  console.log(
    `\nsandbox cost, unloaded (median of ${repeat}): every reference solution in one run, per isolation level`,
  );
  console.log(
    `  ${'level'.padEnd(16)} ${'wall'.padStart(8)} ${'cpu'.padStart(8)} ${'probes'.padStart(6)} ${'cpu/probe'.padStart(10)}`,
  );
  for (const { level, python: py } of levels) {
    const list: Measure[] = [];
    try {
      for (let i = 0; i < repeat; i++) list.push(await measure(py, course, level));
    } catch (cause) {
      console.log(
        `  ${level.padEnd(16)} not available here: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`,
      );
      continue;
    }
    const wall = median(list.map((m) => m.wall));
    const cpu = median(list.map((m) => m.cpu));
    const probes = median(list.map((m) => m.probes));
    console.log(
      `  ${level.padEnd(16)} ${wall.toFixed(2).padStart(6)} s ${cpu.toFixed(2).padStart(6)} s ${String(probes).padStart(6)} ${((cpu / probes) * 1000).toFixed(1).padStart(7)} ms${python.version !== py.version ? `  (CPython ${py.version}, which its user can run)` : ''}`,
    );
  }
}

async function pool<T>(items: T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

async function misgrades(python: PythonInfo, course: Exercise[], options: Options): Promise<number> {
  const cores = availableParallelism();
  console.log(
    `\nmisgrades: ${options.rounds} rounds of the course matrix, ${options.jobs} at a time${options.hog ? `, a busy loop on each of ${cores} cores` : ''}`,
  );
  const jobs: { exercise: Exercise; entry: CorpusEntry }[] = [];
  for (const exercise of course) {
    for (const entry of loadCorpus(exercise).filter((e) => runsOn(e, python.version))) jobs.push({ exercise, entry });
  }
  const hogs = options.hog ? startHog(cores) : [];
  const found: string[] = [];
  const started = performance.now();
  try {
    for (let round = 1; round <= options.rounds; round++) {
      await pool(jobs, options.jobs, async ({ exercise, entry }) => {
        const seed = newSeed();
        const result = await gradeExercise(exercise, { python, seed, file: entry.file, gradeUntouched: true });
        const wrong = misgrade(entry, result);
        if (wrong) {
          found.push(wrong);
          console.log(
            `  MISGRADE round ${round} seed ${seed} ${exercise.meta.id} ${entry.kind} ${entry.name}: ${wrong}`,
          );
        }
      });
      process.stdout.write(
        `  round ${round}/${options.rounds}: ${found.length} misgrades so far (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
      );
    }
  } finally {
    for (const child of hogs) child.kill('SIGKILL');
  }
  console.log(`  misgrades: ${found.length} of ${jobs.length * options.rounds} gradings`);
  return found.length;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const python = await findPython(undefined, process.env);
  const course = loadCourse().filter(
    (e) => options.only.length === 0 || options.only.some((o) => e.meta.id.startsWith(o)),
  );
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  console.log(`asyncio-lab bench: ${python.implementation} ${python.version}, ${availableParallelism()} cores`);
  if (options.rounds === 0) {
    await speed(python, course, options.repeat, false);
    await speed(python, course, options.repeat, true);
    await sandboxCost(python, course, options.repeat);
    return;
  }
  process.exitCode = (await misgrades(python, course, options)) === 0 ? 0 : 1;
}

await main();
