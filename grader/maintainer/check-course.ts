// The maintainer's consistency check of the course (like rustlings' `dev check`): each problem says how to fix it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allChecks, readHints, type Exercise } from '../engine/course.js';
import { kitRoot } from '../paths.js';
import { loadCorpus } from './corpus.js';

export const MIN_HINTS_PER_TASK = 2;

export async function checkExercise(exercise: Exercise): Promise<string[]> {
  const problems: string[] = [];
  const id = exercise.meta.id;
  const rel = (file: string): string => path.relative(kitRoot, file).split(path.sep).join('/');
  const learner = exercise.learnerFile;
  if (path.basename(exercise.dir) !== id) problems.push(`${rel(exercise.dir)}: the folder must be named after the exercise id "${id}"; rename one of them.`);
  if (!existsSync(learner)) {
    problems.push(`${rel(learner)} is missing: add the learner's stub (exercise.json names it in "file").`);
  } else {
    const text = readFileSync(learner, 'utf8');
    if (!text.includes('TODO')) problems.push(`${rel(learner)} has no TODO marker: mark each place the learner must write code with "# TODO".`);
    if (!existsSync(exercise.stubFile)) problems.push(`${rel(exercise.stubFile)} is missing: copy the shipped stub there (cp ${rel(learner)} ${rel(exercise.stubFile)}).`);
    else if (readFileSync(exercise.stubFile, 'utf8').replace(/\r\n/g, '\n') !== text.replace(/\r\n/g, '\n')) {
      problems.push(`${rel(exercise.stubFile)} differs from ${rel(learner)}: the pristine copy must equal the shipped stub (cp ${rel(learner)} ${rel(exercise.stubFile)}).`);
    }
  }
  if (!existsSync(path.join(exercise.dir, 'README.md'))) problems.push(`${rel(exercise.dir)}/README.md is missing: write the lesson.`);
  const hints = readHints(exercise);
  for (const task of exercise.meta.tasks) {
    const count = hints.get(task.number)?.length ?? 0;
    if (count < MIN_HINTS_PER_TASK) {
      problems.push(`${rel(exercise.dir)}/hints.md: task ${task.number} has ${count} hints; add a "## ${task.number}. ${task.title}" section with at least ${MIN_HINTS_PER_TASK} "- " items, from a nudge to nearly the answer.`);
    }
  }
  for (const number of hints.keys()) {
    if (!exercise.meta.tasks.some((t) => t.number === number)) problems.push(`${rel(exercise.dir)}/hints.md: section "## ${number}." matches no task in exercise.json; renumber it.`);
  }
  const checks = allChecks(exercise.meta);
  const ids = new Set(checks.map((c) => c.id));
  if (ids.size !== checks.length) problems.push(`${rel(exercise.dir)}/exercise.json: check ids must be unique within the exercise.`);
  let implemented: string[] = [];
  try {
    implemented = Object.keys((await exercise.loadGrader()).checks);
  } catch (cause) {
    problems.push(`${id}: its grader failed to load (${cause instanceof Error ? cause.message : String(cause)}); fix exercises/${id}/grader/checks.ts.`);
  }
  for (const check of checks) {
    if (implemented.length && !implemented.includes(check.id)) problems.push(`${id}: exercise.json lists check "${check.id}" but grader/checks.ts does not implement it.`);
  }
  for (const name of implemented) {
    if (!ids.has(name)) problems.push(`${id}: grader/checks.ts implements "${name}", which exercise.json does not list; add it to a task or remove it.`);
  }
  const corpus = loadCorpus(exercise);
  if (!corpus.some((e) => e.kind === 'solution')) problems.push(`${rel(exercise.metaDir)}/solution.py is missing: add the reference solution.`);
  const mistakes = corpus.filter((e) => e.kind === 'mistake');
  for (const mistake of mistakes) {
    if (!mistake.description) problems.push(`${rel(mistake.file)}: first lines need "# Mistake: what is wrong".`);
    if (mistake.caughtBy.length === 0) problems.push(`${rel(mistake.file)}: add "# Caught by: CHECK-ID" naming the check that must fail.`);
    for (const label of mistake.caughtBy) {
      if (!ids.has(label)) problems.push(`${rel(mistake.file)}: "Caught by: ${label}" names no check of ${id}; use one of: ${[...ids].join(', ')}.`);
    }
  }
  for (const check of checks.filter((c) => c.concurrency)) {
    if (!mistakes.some((m) => m.caughtBy.includes(check.id))) {
      problems.push(`${id}: concurrency check "${check.id}" has no mistake in .meta/mistakes/ labelled "# Caught by: ${check.id}"; add one it must catch.`);
    }
  }
  return problems;
}
