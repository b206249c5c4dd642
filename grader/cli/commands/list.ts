// `npm run grade -- list`: each exercise's status, from the file on disk and the last results document.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isUntouched, loadCourse, type Exercise } from '../../engine/course.js';
import { defaultResultsPath, displayPath } from '../../paths.js';
import type { ExerciseResult, RunResults } from '../../results/types.js';
import { chooseStyle, type Style } from '../../reporters/style.js';
import type { Io } from '../main.js';

export async function list(io: Io): Promise<number> {
  const style = chooseStyle(io.stdout, io.env);
  const last = readLastResults();
  for (const exercise of loadCourse()) {
    const graded = last?.results.exercises.find((e) => e.id === exercise.meta.id);
    io.stdout.write(`${describe(exercise, graded, last?.at ?? 0, style)}\n`);
  }
  io.stdout.write(`\n${style.dim('Grade one with: npm run grade -- 01')}\n`);
  return 0;
}

function describe(exercise: Exercise, graded: ExerciseResult | undefined, gradedAt: number, style: Style): string {
  const id = exercise.meta.id.padEnd(16);
  const title = exercise.meta.title;
  const file = exercise.learnerFile;
  if (!existsSync(file)) return `${style.error('!')} ${id}${title}  ${style.error(`missing: ${displayPath(file)}`)}`;
  if (isUntouched(exercise, file)) return `${style.dim('○')} ${id}${title}  ${style.dim('not started')}`;
  if (!graded || statSync(file).mtimeMs > gradedAt) return `${style.dim('…')} ${id}${title}  ${style.dim('changed since last graded')}`;
  const score = `${graded.points}/${graded.maxPoints}`;
  if (graded.status === 'pass') return `${style.pass('✓')} ${id}${title}  ${style.pass(`done ${score}`)}`;
  return `${style.fail('✗')} ${id}${title}  ${style.fail(`${graded.status === 'error' ? 'cannot run' : 'in progress'} ${score}`)}`;
}

function readLastResults(): { results: RunResults; at: number } | null {
  if (!existsSync(defaultResultsPath)) return null;
  try {
    const results = JSON.parse(readFileSync(defaultResultsPath, 'utf8')) as RunResults;
    return { results, at: statSync(defaultResultsPath).mtimeMs };
  } catch {
    return null;
  }
}
