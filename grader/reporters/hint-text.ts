// A hint as the learner reads it: why this task, the hints read so far (dimmed) and the new one, then what next.
// The hint command prints it; watch mode shows it on its screen.
import path from 'node:path';
import { displayPath } from '../paths.js';
import type { NextHint } from '../learner/next-hint.js';
import * as say from '../messages.js';
import { eachLine, type Style } from './style.js';
import { wrap } from './wrap.js';

// `how`: how the learner asks for the next one (the command, or the h key in watch mode).
export function renderHint(next: NextHint, style: Style, width: number | undefined, how: 'command' | 'key'): string {
  const id = next.exercise.meta.id;
  const number = next.task.number;
  if (next.hints.length === 0) return say.noHints(id, number);
  const lines: string[] = [];
  const why = say.hintWhy(id, number, next.reason);
  if (why) lines.push(eachLine(wrap(why, width), style.dim));
  lines.push(
    eachLine(wrap(say.hintHeading(id, number, next.task.title, next.shown, next.hints.length), width), style.bold),
    '',
  );
  next.hints.slice(0, next.shown).forEach((text, index) => {
    const body = wrap(text, width, { first: `${index + 1}. `, rest: '   ' });
    lines.push(index < next.shown - 1 ? eachLine(body, style.dim) : body, '');
  });
  const lesson = displayPath(path.join(next.exercise.dir, 'README.md'));
  const exerciseNumber = id.split('-')[0] ?? id;
  lines.push(
    eachLine(
      wrap(
        say.hintNext(exerciseNumber, number, next.hints.length - next.shown, next.allReadBefore, lesson, how),
        width,
      ),
      style.dim,
    ),
  );
  return lines.join('\n');
}
