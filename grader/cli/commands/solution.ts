// `npm run grade -- solution 03`: the reference solution, shown only once the learner's own file has passed
// every check of the exercise (by the last grade), never before.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findExercise, loadCourse } from '../../engine/course.js';
import { lastGrade, readLastResults } from '../../learner/last-results.js';
import * as say from '../../messages.js';
import { displayPath } from '../../paths.js';
import { chooseStyle } from '../../reporters/style.js';
import { maxPointsOf } from '../../results/assemble.js';
import type { Io } from '../main.js';
import { commandLine } from '../usage.js';

// The parsed `solution` command (see argv.ts).
export interface SolutionCommand {
  kind: 'solution';
  exercise: string;
}

// Exit 0 with the solution printed, or 1 with what is still missing (on stderr) while it is locked or not in this copy.
export function solution(command: SolutionCommand, io: Io): number {
  const exercise = findExercise(loadCourse(), command.exercise, { example: (n) => commandLine('solution', n) });
  const id = exercise.meta.id;
  const state = lastGrade(exercise, readLastResults());
  // A pass counts even if the file was edited since: the learner earned it.
  const passed = state.kind !== 'never' && state.result.status === 'pass' && state.result.started;
  const file = path.join(exercise.metaDir, 'solution.py');
  // The student edition (npm run release) ships no reference solutions: say where they come from instead.
  if (!existsSync(file)) {
    io.stderr.write(`${say.solutionNotShipped(id, passed)}\n`);
    return 1;
  }
  if (!passed) {
    const points = state.kind === 'never' ? null : state.result.points;
    const maxPoints = state.kind === 'never' ? maxPointsOf(exercise.meta) : state.result.maxPoints;
    io.stderr.write(`${say.solutionLocked(id, id.split('-')[0] ?? id, points, maxPoints)}\n`);
    return 1;
  }
  const style = chooseStyle(io.stdout, io.env);
  io.stdout.write(
    `${style.bold(say.solutionHeading(id, displayPath(file)))}\n\n${readFileSync(file, 'utf8').replace(/\s*$/, '\n')}`,
  );
  return 0;
}
