// `npm run grade`: find Python, grade the chosen exercises, print as each finishes, write the results document.
import path from 'node:path';
import { findExercise, loadCourse } from '../../engine/course.js';
import { gradeCourse } from '../../engine/grade.js';
import { defaultResultsPath, displayPath, kitVersion } from '../../paths.js';
import { findPython } from '../../python/find-python.js';
import { newSeed } from '../../random.js';
import { chooseStyle } from '../../reporters/style.js';
import { renderExercise, renderHeader, renderSummary } from '../../reporters/terminal.js';
import { writeResults } from '../../results/write.js';
import type { Command } from '../argv.js';
import type { Io } from '../main.js';

export async function grade(command: Extract<Command, { kind: 'grade' }>, io: Io): Promise<number> {
  const course = loadCourse();
  const chosen = command.exercises.length > 0 ? command.exercises.map((name) => findExercise(course, name)) : course;
  const python = await findPython(command.python, io.env);
  const style = chooseStyle(io.stdout, io.env);
  io.stdout.write(`${renderHeader(kitVersion(), python, style)}\n\n`);
  const results = await gradeCourse(chosen, {
    python,
    seed: command.seed ?? newSeed(),
    ...(command.file !== undefined ? { file: path.resolve(command.file) } : {}),
    onExercise: (result) => io.stdout.write(`${renderExercise(result, style)}\n`),
  });
  const target = path.resolve(command.json ?? defaultResultsPath);
  writeResults(target, results);
  io.stdout.write(`\n${renderSummary(results, displayPath(target), style)}\n`);
  const graded = results.exercises.flatMap((e) => e.checks);
  return graded.every((c) => c.status === 'pass') ? 0 : 1;
}
