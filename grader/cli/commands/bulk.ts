// `npm run grade -- --submissions DIR`: a teacher grades a whole class, a few submissions at a time, each in a
// sandbox of its own, then writes one results document per submission and a gradebook CSV once every learner
// process is gone. One bad submission never stops or spoils the others.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { gradeSubmission, type SubmissionOutcome } from '../../bulk/grade-submission.js';
import { cellFor, renderGradebook, type GradebookDocument, type GradebookRow } from '../../bulk/gradebook.js';
import { runPool } from '../../bulk/pool.js';
import { inShard, WHOLE_CLASS } from '../../bulk/shard.js';
import { findExercise, loadCourse, type Exercise } from '../../engine/course.js';
import { EnvironmentError } from '../../errors.js';
import { checkIntegrity } from '../../integrity/manifest.js';
import { changedSince, fingerprint, graderChangedDuringRun, preloadForRun } from '../../integrity/run-guard.js';
import * as say from '../../messages.js';
import { outputPath, kitRoot, kitVersion } from '../../paths.js';
import { findPython, type PythonInfo } from '../../python/find-python.js';
import { newSeed } from '../../random.js';
import { emptyResults, maxPointsOf } from '../../results/assemble.js';
import type { RunResults } from '../../results/types.js';
import { validateGradebook } from '../../results/validators.js';
import { InvalidResultsError, writeAtomically, writeResults } from '../../results/write.js';
import { RunSession } from '../../run/session.js';
import { requestedIsolation, type IsolationRequest } from '../../sandbox/isolation.js';
import { inert } from '../../text/inert.js';
import type { Command } from '../argv.js';
import type { Io } from '../main.js';

// Each submission runs its probes together; one submission per core keeps every run's wall-clock timing honest.
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

// Exit code 0 once every submission has its row, whatever the grades: the grades are in the files.
export async function gradeSubmissions(command: Extract<Command, { kind: 'grade' }>, io: Io): Promise<number> {
  const root = path.resolve(command.submissions ?? '.');
  if (!isDirectory(root)) throw new EnvironmentError(say.submissionsNotAFolder(outputPath(root)));
  const names = readdirSync(root)
    .filter((name) => !name.startsWith('.') && !name.startsWith('_'))
    .filter((name) => isDirectory(path.join(root, name)) || isLink(path.join(root, name)))
    .sort();
  if (names.length === 0) throw new EnvironmentError(say.noSubmissions(outputPath(root)));
  const course = loadCourse();
  const chosen = command.exercises.length > 0 ? command.exercises.map((name) => findExercise(course, name)) : course;
  const python = await findPython(command.python, io.env);
  const out = path.resolve(command.out ?? `${root}-grades`);
  const jobs = command.jobs ?? defaultJobs();
  const shard = command.shard ?? WHOLE_CLASS;
  await preloadForRun();
  const integrity = checkIntegrity(kitRoot);
  const before = fingerprint(kitRoot);
  const isolation = requestedIsolation(io.env, command.noSandbox);
  const protect = [root, out];
  await requireIsolation(python, isolation, protect, Boolean(command.noSandbox));
  // File names come from the whole class, so a submission's results file has the same name in every shard.
  const fileNames = uniqueFileNames(names);
  const slice = names
    .map((name, index) => ({ name, fileName: `${fileNames[index] ?? 'submission'}.json` }))
    .filter((_, index) => inShard(index, shard));
  const sharded = shard.count > 1;
  if (sharded && slice.length === 0) io.stdout.write(`${say.bulkShardEmpty(shard, names.length)}\n`);
  else if (sharded)
    io.stdout.write(`${say.bulkShardStarted(shard, slice.length, names.length, Math.min(jobs, slice.length))}\n`);
  else io.stdout.write(`${say.bulkStarted(names.length, Math.min(jobs, names.length))}\n`);
  const t0 = performance.now();
  let done = 0;
  const outcomes = await runPool(slice, jobs, async ({ name, fileName }): Promise<SubmissionOutcome> => {
    const started = performance.now();
    const outcome = await gradeOne(path.join(root, name), chosen, python, command.seed, isolation, protect);
    const row = toRow(name, fileName, chosen, outcome);
    done += 1;
    io.stdout.write(
      `${inert(say.bulkProgress(done, slice.length, name, row.total, row.maxTotal, (performance.now() - started) / 1000, row.missing, row.error))}\n`,
    );
    return outcome;
  });
  // Every learner process of the run is gone: only now are results written, by the grader alone.
  const changed = changedSince(kitRoot, before);
  const rows: GradebookRow[] = [];
  outcomes.forEach((outcome, index) => {
    const { name, fileName } = slice[index] as { name: string; fileName: string };
    const results: RunResults =
      changed.length > 0
        ? graderChangedDuringRun({ ...outcome.results, integrity }, changed)
        : { ...outcome.results, integrity };
    const row = toRow(name, fileName, chosen, changed.length > 0 ? { ...outcome, results } : outcome);
    try {
      writeResults(path.join(out, fileName), results);
    } catch (cause) {
      row.error = say.submissionFailed(cause instanceof Error ? cause.message : String(cause));
    }
    rows.push(row);
  });
  const document: GradebookDocument = {
    schemaVersion: 1,
    kit: { name: 'asyncio-lab', version: kitVersion() },
    shard,
    submissions: names,
    exercises: chosen.map((e) => ({ id: e.meta.id, maxPoints: maxPointsOf(e.meta), counts: e.counts })),
    rows,
  };
  const gradebook = writeGradebook(out, document);
  io.stdout.write(
    `${say.bulkFinished(slice.length, (performance.now() - t0) / 1000, outputPath(gradebook), outputPath(out))}\n`,
  );
  return 0;
}

// gradebook.json (validated) and gradebook.csv side by side in `out`; returns the CSV's path.
export function writeGradebook(out: string, document: GradebookDocument): string {
  const problems = validateGradebook(document);
  if (problems) throw new InvalidResultsError(`the gradebook does not match its schema: ${problems}`);
  writeAtomically(path.join(out, 'gradebook.json'), `${JSON.stringify(document, null, 2)}\n`);
  const csv = path.join(out, 'gradebook.csv');
  writeAtomically(csv, renderGradebook(document));
  return csv;
}

// A class is graded in a sandbox, or not at all unless the teacher says every submission is trusted.
async function requireIsolation(
  python: PythonInfo,
  isolation: IsolationRequest,
  protect: string[],
  trusted: boolean,
): Promise<void> {
  const session = await RunSession.open({ python, isolation, protect });
  const level = session.isolation;
  await session.close();
  if (level.level === 'none' && !trusted) throw new EnvironmentError(say.bulkNeedsSandbox(level.reason));
}

async function gradeOne(
  dir: string,
  course: Exercise[],
  python: PythonInfo,
  seed: number | undefined,
  isolation: IsolationRequest,
  protect: string[],
): Promise<SubmissionOutcome> {
  const options = { python, seed: seed ?? newSeed() };
  try {
    if (isLink(dir))
      return { results: emptyResults(options), missing: [], error: say.submissionLink(path.basename(dir)) };
    return await gradeSubmission(dir, course, { ...options, isolation, protect });
  } catch (cause) {
    return {
      results: emptyResults(options),
      missing: [],
      error: say.submissionFailed(cause instanceof Error ? cause.message : String(cause)),
    };
  }
}

function toRow(name: string, resultsFile: string, course: Exercise[], outcome: SubmissionOutcome): GradebookRow {
  const { results } = outcome;
  const problems = results.exercises
    .filter((e) => e.status === 'error' && e.message && !outcome.missing.includes(e.id))
    .map((e) => `${e.id}: ${(e.message ?? '').split('\n')[0] ?? ''}`);
  const error = outcome.error ?? (problems.length > 0 ? [...new Set(problems)].join('; ') : undefined);
  return {
    submission: name,
    resultsFile,
    cells: Object.fromEntries(
      course.map((e) => [
        e.meta.id,
        cellFor(
          results.exercises.find((r) => r.id === e.meta.id),
          outcome.missing.includes(e.meta.id),
        ),
      ]),
    ),
    total: results.score.points,
    maxTotal: course.filter((e) => e.counts).reduce((sum, e) => sum + maxPointsOf(e.meta), 0),
    missing: outcome.error ? [] : outcome.missing,
    ...(error !== undefined ? { error } : {}),
  };
}

// Folder names as file names: anything odd becomes "_", and two names that end up alike get a number.
function uniqueFileNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base =
      name
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .replace(/^\.+/, '_')
        .slice(0, 100) || 'submission';
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${base}-${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

function isDirectory(file: string): boolean {
  try {
    return lstatSync(file).isDirectory() && statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
