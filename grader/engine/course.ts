// The course as data: each exercise's metadata, files and hints, found through the one registry.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { registry } from '../../exercises/registry.js';
import { closest } from '../did-you-mean.js';
import { EnvironmentError } from '../errors.js';
import * as say from '../messages.js';
import { exercisesDir, kitRoot } from '../paths.js';
import { applyPolicy, readPolicy } from '../policy/grading-policy.js';
import { validateExerciseMeta } from '../results/validators.js';
import type { ExerciseGrader } from './types.js';

export interface CheckMeta {
  id: string;
  title: string;
  points: number;
  concurrency?: boolean;
}

export interface TaskMeta {
  number: number;
  title: string;
  checks: CheckMeta[];
}

export interface ExerciseMeta {
  id: string;
  title: string;
  file: string;
  tasks: TaskMeta[];
}

export interface Exercise {
  meta: ExerciseMeta;
  dir: string;
  // The learner's file as shipped in the kit (the default file to grade).
  learnerFile: string;
  // The pristine copy of the stub, to tell "not started" and to reset.
  stubFile: string;
  metaDir: string;
  // False when the course's grading policy leaves this exercise out of the score.
  counts: boolean;
  loadGrader(): Promise<ExerciseGrader>;
}

// The course as the teacher's grading policy (grading-policy.json) grades it: its points, and which exercises count.
export function loadCourse(): Exercise[] {
  return applyPolicy(
    registry.map((entry) => loadExercise(entry.id, entry.load)),
    readPolicy(kitRoot),
  );
}

export function loadExercise(id: string, load: () => Promise<ExerciseGrader>): Exercise {
  const dir = path.join(exercisesDir, id);
  const metaPath = path.join(dir, 'exercise.json');
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as unknown;
  const problems = validateExerciseMeta(meta);
  if (problems) throw new Error(`${path.relative(exercisesDir, metaPath)} is not valid: ${problems}`);
  const valid = meta as ExerciseMeta;
  return {
    meta: valid,
    dir,
    learnerFile: path.join(dir, valid.file),
    stubFile: path.join(dir, '.meta', 'stub.py'),
    metaDir: path.join(dir, '.meta'),
    counts: true,
    loadGrader: load,
  };
}

// How the command that names an exercise is typed, for the example under "no exercise called ...".
export interface ExerciseLookup {
  // The command with this exercise number, e.g. (n) => `npm run grade -- hint ${n}`.
  example?: (exerciseNumber: string) => string;
  // Other words the learner may have meant (the CLI's commands), with the command line to show for each.
  otherNames?: { name: string; example: string }[];
}

// "03" of "03-gather": what learners type, and what examples show.
export function exerciseNumber(id: string): string {
  return id.split('-')[0] ?? id;
}

// "01", "1", "runners" and "01-runners" all name the first exercise; a near miss ("gathr") is told what it meant.
export function findExercise(course: Exercise[], name: string, lookup: ExerciseLookup = {}): Exercise {
  const wanted = name.trim().toLowerCase();
  const match = course.find((exercise) => {
    const id = exercise.meta.id;
    const [number = '', ...rest] = id.split('-');
    const slug = rest.join('-');
    return (
      wanted === id ||
      wanted === slug ||
      wanted === number ||
      (/^\d+$/.test(wanted) && Number(wanted) === Number(number))
    );
  });
  if (match) return match;
  const example = lookup.example ?? ((n: string) => `npm run grade -- ${n}`);
  const candidates = [
    ...course.map((e) => ({
      value: { id: e.meta.id, example: example(exerciseNumber(e.meta.id)) },
      names: [e.meta.id, e.meta.id.split('-').slice(1).join('-')],
    })),
    ...(lookup.otherNames ?? []).map((other) => ({
      value: { id: `the ${other.name} command`, example: other.example },
      names: [other.name],
    })),
  ];
  const meant = /^\d+$/.test(wanted) ? undefined : closest(wanted, candidates);
  const first = course[0]?.meta.id ?? '01';
  throw new EnvironmentError(
    say.unknownExercise(
      name,
      course.map((e) => e.meta.id),
      meant ?? null,
      meant?.example ?? example(exerciseNumber(first)),
    ),
  );
}

export function allChecks(meta: ExerciseMeta): (CheckMeta & { task: number })[] {
  return meta.tasks.flatMap((task) => task.checks.map((check) => ({ ...check, task: task.number })));
}

function normalise(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

// A file is "not started" while it is byte for byte the shipped stub (line endings aside).
export function isUntouched(exercise: Exercise, file: string): boolean {
  if (!existsSync(file) || !existsSync(exercise.stubFile)) return false;
  return normalise(readFileSync(file, 'utf8')) === normalise(readFileSync(exercise.stubFile, 'utf8'));
}

// hints.md: "## N. Task title" sections, each a list of "- hint" items from a nudge to nearly the answer.
export function parseHints(markdown: string): Map<number, string[]> {
  const hints = new Map<number, string[]>();
  let current: string[] | undefined;
  let indent = 2;
  for (const raw of normalise(markdown).split('\n')) {
    const heading = /^##\s+(\d+)\.\s/.exec(raw);
    if (heading) {
      current = [];
      hints.set(Number(heading[1]), current);
      continue;
    }
    if (!current) continue;
    const item = /^[-*]\s+/.exec(raw);
    if (item) {
      current.push(raw.slice(item[0].length));
      indent = item[0].length;
    } else if (/^\s+\S/.test(raw) && current.length > 0) {
      // A continuation line keeps its indentation beyond the item's own, so code inside a hint stays code.
      const extra = raw.replace(new RegExp(`^ {0,${indent}}`), '').trimEnd();
      current[current.length - 1] += `\n${extra}`;
    }
  }
  return hints;
}

export function readHints(exercise: Exercise): Map<number, string[]> {
  const file = path.join(exercise.dir, 'hints.md');
  return existsSync(file) ? parseHints(readFileSync(file, 'utf8')) : new Map<number, string[]>();
}
