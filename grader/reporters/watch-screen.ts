// Watch mode's one screen, drawn afresh from the machine's state (like rustlings): the verdict, any hint or list
// asked for, what just happened, then the progress bar, the current exercise, what to do and the keys.
import type { WatchState } from '../learner/watch-machine.js';
import { progressBar } from '../learner/progress.js';
import * as say from '../messages.js';
import { eachLine, type Style } from './style.js';
import { renderExercise, renderSummary } from './terminal.js';
import { wrap } from './wrap.js';

// What the screen needs besides the state: how it looks, how wide it is, and each exercise's files as shown.
export interface ScreenContext {
  style: Style;
  width: number | undefined;
  // "asyncio-lab 0.1.0 · CPython 3.11.7"
  header: string;
  file(exercise: string): string;
  lesson(exercise: string): string;
}

// Clears the terminal and its scrollback and puts the cursor at the top, before each redraw on a terminal.
export const CLEAR_SCREEN = '\u001b[H\u001b[2J\u001b[3J';

export function renderWatchScreen(state: WatchState, context: ScreenContext): string {
  const { style, width } = context;
  const id = state.current;
  const lines: string[] = [eachLine(wrap(`${context.header} · watch mode`, width), style.dim), ''];
  const body = state.body;
  if (body.kind === 'grading') lines.push(style.dim(say.watchGrading(id)));
  else if (body.kind === 'bug') lines.push(eachLine(wrap(body.message, width), style.error));
  else {
    lines.push(renderExercise(body.result, style, width), '');
    lines.push(wrap(`${renderSummary(body.run, null, style)} ${style.dim(`· ${say.watchGradedAt(body.at)}`)}`, width));
  }
  if (state.panel) lines.push('', state.panel.text);
  const notice = state.notice;
  if (notice?.kind === 'passed')
    lines.push(
      '',
      eachLine(
        wrap(say.watchPassed(notice.exercise, notice.exercise.split('-')[0] ?? notice.exercise, notice.next), width),
        style.pass,
      ),
    );
  else if (notice?.kind === 'cancelled')
    lines.push('', eachLine(wrap(say.watchCancelled(context.file(notice.exercise)), width), style.dim));
  const points = state.course.reduce((sum, s) => sum + s.points, 0);
  const maxPoints = state.course.reduce((sum, s) => sum + s.maxPoints, 0);
  const done = state.course.filter((s) => s.passed).length;
  const notStarted = body.kind === 'verdict' && !body.result.started && body.result.status !== 'error';
  lines.push(
    '',
    wrap(
      `${progressBar(maxPoints > 0 ? points / maxPoints : 0)} ${say.listProgress(done, state.course.length, points, maxPoints)}`,
      width,
    ),
    eachLine(wrap(say.watchCurrent(id, context.file(id)), width), style.bold),
    eachLine(
      wrap(say.watchInstruction(state.manual, state.keys, notStarted, context.file(id), context.lesson(id)), width),
      style.dim,
    ),
  );
  if (state.keys) lines.push(eachLine(wrap(say.watchKeys(), width), style.dim));
  return `${lines.join('\n')}\n`;
}
