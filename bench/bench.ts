// npm run bench -- [rounds] [--hog] [--jobs N] [--only 01,03]
// Grades the course matrix `rounds` times (optionally with a busy loop on every core) and prints the misgrades,
// and the wall time of grading each reference solution beside the waits its checks need.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { loadCourse, type Exercise } from '../grader/engine/course.js';
import { gradeExercise } from '../grader/engine/grade.js';
import { loadCorpus, runsOn, type CorpusEntry } from '../grader/maintainer/corpus.js';
import { findPython, type PythonInfo } from '../grader/python/find-python.js';
import { newSeed } from '../grader/random.js';
import type { ExerciseResult } from '../grader/results/types.js';
import { runProbe, type ProbeRun } from '../grader/run/run-probe.js';

interface Options {
  rounds: number;
  hog: boolean;
  jobs: number;
  only: string[];
}

function parse(argv: string[]): Options {
  const options: Options = { rounds: 5, hog: false, jobs: 1, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--hog') options.hog = true;
    else if (arg === '--jobs') options.jobs = Math.max(1, Number(argv[++i]));
    else if (arg === '--only') options.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (/^\d+$/.test(arg)) options.rounds = Number(arg);
    else throw new Error(`unknown argument ${arg}; usage: npm run bench -- [rounds] [--hog] [--jobs N] [--only 01,03]`);
  }
  return options;
}

// A verdict different from the one the corpus promises.
export function misgrade(entry: CorpusEntry, result: ExerciseResult): string | null {
  const failing = result.checks.filter((c) => c.status !== 'pass');
  const ids = failing.map((c) => c.id).sort();
  const describe = (): string => failing.map((c) => `${c.id} ${c.status}: ${(c.message ?? '').split('\n')[0]}`).join('; ');
  if (entry.kind === 'stub') return failing.some((c) => c.status === 'error') || failing.length === 0 ? describe() || 'stub passed' : null;
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

interface Timing {
  wallMs: number;
  waitsSeconds: number;
}

// Grades one file, also returning the time a correct solution spends inside the learner's code (its necessary waits).
async function gradeTimed(exercise: Exercise, python: PythonInfo, file: string): Promise<{ result: ExerciseResult; timing: Timing }> {
  const runs: ProbeRun[] = [];
  const started = performance.now();
  const result = await gradeExercise(exercise, {
    python,
    seed: newSeed(),
    file,
    gradeUntouched: true,
    runner: async (py, spec) => {
      const run = await runProbe(py, spec);
      runs.push(run);
      return run;
    },
  });
  const wallMs = performance.now() - started;
  let waitsSeconds = 0;
  for (const run of runs) {
    for (const o of run.observations) {
      if (o.kind === 'call' || o.kind === 'script') waitsSeconds += o.seconds ?? 0;
    }
  }
  return { result, timing: { wallMs, waitsSeconds } };
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const python = await findPython(undefined, process.env);
  const course = loadCourse().filter((e) => options.only.length === 0 || options.only.some((o) => e.meta.id.startsWith(o)));
  const cores = availableParallelism();
  const hog = options.hog ? startHog(cores) : [];
  const stop = (): void => hog.forEach((child) => child.kill('SIGKILL'));
  process.on('exit', stop);
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  console.log(`asyncio-lab bench: ${options.rounds} rounds, ${options.jobs} at a time${options.hog ? `, a busy loop on each of ${cores} cores` : ''}, ${python.implementation} ${python.version}`);
  const jobs: { exercise: Exercise; entry: CorpusEntry }[] = [];
  for (const exercise of course) {
    for (const entry of loadCorpus(exercise).filter((e) => runsOn(e, python.version))) jobs.push({ exercise, entry });
  }
  const misgrades: string[] = [];
  const timings = new Map<string, Timing[]>();
  const started = performance.now();
  for (let round = 1; round <= options.rounds; round++) {
    await pool(jobs, options.jobs, async ({ exercise, entry }) => {
      const { result, timing } = await gradeTimed(exercise, python, entry.file);
      const wrong = misgrade(entry, result);
      if (wrong) {
        misgrades.push(`round ${round} ${exercise.meta.id} ${entry.kind} ${entry.name}: ${wrong}`);
        console.log(`  MISGRADE round ${round} ${exercise.meta.id} ${entry.kind} ${entry.name}: ${wrong}`);
      }
      if (entry.kind === 'solution') timings.set(exercise.meta.id, [...(timings.get(exercise.meta.id) ?? []), timing]);
    });
    process.stdout.write(`round ${round}/${options.rounds}: ${misgrades.length} misgrades so far (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  stop();
  console.log('\nreference solutions: wall time to grade (median / max) beside the waits their checks need (median)');
  let wallSum = 0;
  let waitSum = 0;
  for (const [id, list] of timings) {
    const wall = median(list.map((t) => t.wallMs)) / 1000;
    const waits = median(list.map((t) => t.waitsSeconds));
    wallSum += wall;
    waitSum += waits;
    const max = Math.max(...list.map((t) => t.wallMs)) / 1000;
    console.log(`  ${id.padEnd(16)} ${wall.toFixed(2)} s / ${max.toFixed(2)} s   waits ${waits.toFixed(2)} s   overhead +${(wall - waits).toFixed(2)} s`);
  }
  console.log(`  ${'all'.padEnd(16)} ${wallSum.toFixed(2)} s   waits ${waitSum.toFixed(2)} s`);
  console.log(`\nmisgrades: ${misgrades.length} of ${jobs.length * options.rounds} gradings`);
  process.exitCode = misgrades.length === 0 ? 0 : 1;
}

await main();
