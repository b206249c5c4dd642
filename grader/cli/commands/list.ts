// `npm run grade -- list`: every exercise with its status and points from the last grade, and a bar of the
// learner's progress over the whole course.
import { nextStep } from '../../learner/next-step.js';
import { courseProgress, progressBar, type ExerciseProgress } from '../../learner/progress.js';
import * as say from '../../messages.js';
import { displayPath } from '../../paths.js';
import { chooseStyle, type Style } from '../../reporters/style.js';
import { terminalWidth, wrap } from '../../reporters/wrap.js';
import type { Io } from '../main.js';

// The list as text: one line per exercise, then the progress bar and the totals.
// `totals`: end with the progress bar (watch mode has its own under the list).
export function renderList(progress: ExerciseProgress[], style: Style, width?: number, totals = true): string {
  const lines = progress.map((p) => wrap(describe(p, style), width, { rest: '  ' }));
  if (!totals) return lines.join('\n');
  const points = progress.reduce((sum, p) => sum + p.points, 0);
  const maxPoints = progress.reduce((sum, p) => sum + p.maxPoints, 0);
  const done = progress.filter((p) => p.status === 'done').length;
  lines.push(
    '',
    `${progressBar(maxPoints > 0 ? points / maxPoints : 0)} ${say.listProgress(done, progress.length, points, maxPoints)}`,
  );
  return lines.join('\n');
}

function describe(p: ExerciseProgress, style: Style): string {
  const id = p.exercise.meta.id.padEnd(16);
  const title = p.exercise.meta.title;
  const score = `${p.points}/${p.maxPoints}`.padStart(5);
  switch (p.status) {
    case 'missing':
      return `${style.error('!')} ${id}${score}  ${title}  ${style.error(`missing: ${displayPath(p.exercise.learnerFile)}`)}`;
    case 'not-started':
      return `${style.dim('○')} ${id}${style.dim(score)}  ${title}  ${style.dim('not started')}`;
    case 'changed':
      return `${style.dim('…')} ${id}${style.dim(score)}  ${title}  ${style.dim('changed since last graded')}`;
    case 'done':
      return `${style.pass('✓')} ${id}${style.pass(score)}  ${title}  ${style.pass('done')}`;
    case 'cannot-run':
      return `${style.error('!')} ${id}${style.error(score)}  ${title}  ${style.error('cannot run')}`;
    case 'in-progress':
      return `${style.fail('✗')} ${id}${style.fail(score)}  ${title}  ${style.fail('in progress')}`;
  }
}

// Always exit 0: listing is never a verdict. Ends with what to do next, from where the learner stands.
export function list(io: Io): number {
  const style = chooseStyle(io.stdout, io.env);
  const width = terminalWidth(io.stdout, io.env);
  const progress = courseProgress();
  io.stdout.write(`${renderList(progress, style, width)}\n\n${wrap(nextStep(progress), width)}\n`);
  return 0;
}
