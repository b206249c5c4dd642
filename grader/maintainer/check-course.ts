// The maintainer's consistency check of the course (like rustlings' `dev check`): each problem says how to fix it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { allChecks, readHints, type Exercise } from '../engine/course.js';
import { kitRoot } from '../paths.js';
import { registry } from '../../exercises/registry.js';
import { loadCorpus } from './corpus.js';
import { PLACEHOLDER } from './scaffold.js';

export const MIN_HINTS_PER_TASK = 2;

// Folders and files under exercises/ that are not exercises.
const NOT_EXERCISES = new Set(['__pycache__', 'node_modules']);

// Every exercise folder is in the registry (else it is never graded or tested), every registry entry has its folder,
// and every exercise has its course-matrix test. `root` is the kit; `ids` the registry's ids in course order.
export function checkRegistry(root: string = kitRoot, ids: string[] = registry.map((e) => e.id)): string[] {
  const problems: string[] = [];
  const exercises = path.join(root, 'exercises');
  const folders = existsSync(exercises)
    ? readdirSync(exercises).filter(
        (name) =>
          !name.startsWith('.') && !NOT_EXERCISES.has(name) && statSync(path.join(exercises, name)).isDirectory(),
      )
    : [];
  for (const folder of folders) {
    if (ids.includes(folder)) continue;
    problems.push(
      `exercises/${folder} is not in exercises/registry.ts, so it is never graded or tested. Add this line to the registry, in course order:\n` +
        `  { id: '${folder}', load: async () => (await import('./${folder}/grader/checks.js')).default },\n` +
        `or move the folder out of exercises/ (npm run new-exercise -- NN-name adds both the folder and the line).`,
    );
  }
  for (const id of ids) {
    if (!folders.includes(id))
      problems.push(
        `exercises/registry.ts lists "${id}", but there is no folder exercises/${id}: add it (npm run new-exercise -- ${id}) or remove the line.`,
      );
  }
  const tests = path.join(root, 'test', 'course');
  if (existsSync(tests)) {
    for (const id of ids) {
      if (!existsSync(path.join(tests, `${id}.test.ts`))) {
        problems.push(
          `test/course/${id}.test.ts is missing, so nothing proves ${id}'s stub fails and its solution passes: add it with the line describeCourseMatrix('${id}');`,
        );
      }
    }
  }
  return problems;
}

// Lines still marked FILL IN by the scaffold, as "file:line".
function placeholders(dir: string, rel: (file: string) => string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      if (NOT_EXERCISES.has(name)) continue;
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(py|md|json|ts)$/.test(name)) {
        readFileSync(full, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            if (line.includes(PLACEHOLDER)) found.push(`${rel(full)}:${index + 1}`);
          });
      }
    }
  };
  walk(dir);
  return found;
}

export async function checkExercise(exercise: Exercise): Promise<string[]> {
  const problems: string[] = [];
  const id = exercise.meta.id;
  const rel = (file: string): string => path.relative(kitRoot, file).split(path.sep).join('/');
  const learner = exercise.learnerFile;
  const unfinished = placeholders(exercise.dir, rel);
  if (unfinished.length > 0) {
    problems.push(
      `${id} still has the scaffold's "${PLACEHOLDER}" marks, at ${unfinished.join(', ')}: write what each one asks for in its place.`,
    );
  }
  if (path.basename(exercise.dir) !== id)
    problems.push(`${rel(exercise.dir)}: the folder must be named after the exercise id "${id}"; rename one of them.`);
  if (!existsSync(learner)) {
    problems.push(`${rel(learner)} is missing: add the learner's stub (exercise.json names it in "file").`);
  } else {
    const text = readFileSync(learner, 'utf8');
    if (!text.includes('TODO'))
      problems.push(`${rel(learner)} has no TODO marker: mark each place the learner must write code with "# TODO".`);
    if (!existsSync(exercise.stubFile))
      problems.push(
        `${rel(exercise.stubFile)} is missing: copy the shipped stub there (cp ${rel(learner)} ${rel(exercise.stubFile)}).`,
      );
    else if (readFileSync(exercise.stubFile, 'utf8').replace(/\r\n/g, '\n') !== text.replace(/\r\n/g, '\n')) {
      problems.push(
        `${rel(exercise.stubFile)} differs from ${rel(learner)}: the pristine copy must equal the shipped stub (cp ${rel(learner)} ${rel(exercise.stubFile)}).`,
      );
    }
  }
  if (!existsSync(path.join(exercise.dir, 'README.md')))
    problems.push(`${rel(exercise.dir)}/README.md is missing: write the lesson.`);
  const hints = readHints(exercise);
  for (const task of exercise.meta.tasks) {
    const count = hints.get(task.number)?.length ?? 0;
    if (count < MIN_HINTS_PER_TASK) {
      problems.push(
        `${rel(exercise.dir)}/hints.md: task ${task.number} has ${count} hints; add a "## ${task.number}. ${task.title}" section with at least ${MIN_HINTS_PER_TASK} "- " items, from a nudge to nearly the answer.`,
      );
    }
  }
  for (const number of hints.keys()) {
    if (!exercise.meta.tasks.some((t) => t.number === number))
      problems.push(
        `${rel(exercise.dir)}/hints.md: section "## ${number}." matches no task in exercise.json; renumber it.`,
      );
  }
  const checks = allChecks(exercise.meta);
  const ids = new Set(checks.map((c) => c.id));
  if (ids.size !== checks.length)
    problems.push(`${rel(exercise.dir)}/exercise.json: check ids must be unique within the exercise.`);
  let implemented: string[] = [];
  try {
    implemented = Object.keys((await exercise.loadGrader()).checks);
  } catch (cause) {
    problems.push(
      `${id}: its grader failed to load (${cause instanceof Error ? cause.message : String(cause)}); fix exercises/${id}/grader/checks.ts.`,
    );
  }
  for (const check of checks) {
    if (implemented.length && !implemented.includes(check.id))
      problems.push(`${id}: exercise.json lists check "${check.id}" but grader/checks.ts does not implement it.`);
  }
  for (const name of implemented) {
    if (!ids.has(name))
      problems.push(
        `${id}: grader/checks.ts implements "${name}", which exercise.json does not list; add it to a task or remove it.`,
      );
  }
  const corpus = loadCorpus(exercise);
  if (!corpus.some((e) => e.kind === 'solution'))
    problems.push(`${rel(exercise.metaDir)}/solution.py is missing: add the reference solution.`);
  const mistakes = corpus.filter((e) => e.kind === 'mistake');
  for (const mistake of mistakes) {
    if (!mistake.description) problems.push(`${rel(mistake.file)}: first lines need "# Mistake: what is wrong".`);
    if (mistake.caughtBy.length === 0)
      problems.push(`${rel(mistake.file)}: add "# Caught by: CHECK-ID" naming the check that must fail.`);
    for (const label of mistake.caughtBy) {
      if (!ids.has(label))
        problems.push(
          `${rel(mistake.file)}: "Caught by: ${label}" names no check of ${id}; use one of: ${[...ids].join(', ')}.`,
        );
    }
  }
  for (const check of checks.filter((c) => c.concurrency)) {
    if (!mistakes.some((m) => m.caughtBy.includes(check.id))) {
      problems.push(
        `${id}: concurrency check "${check.id}" has no mistake in .meta/mistakes/ labelled "# Caught by: ${check.id}"; add one it must catch.`,
      );
    }
  }
  return problems;
}
