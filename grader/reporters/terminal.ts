// The terminal reporter: a mark, points and a plain-words message per check, then one summary line.
import { randomBytes } from 'node:crypto';
import * as say from '../messages.js';
import { outputPath } from '../paths.js';
import { exerciseState, standing } from '../results/assemble.js';
import type { CheckResult, ExerciseResult, RunResults } from '../results/types.js';
import type { Reporter } from './reporter.js';
import { renderTimelineText } from './timeline.js';
import { eachLine, type Style } from './style.js';
import { wrap } from './wrap.js';
import { inert } from '../text/inert.js';

const MARK = { pass: '✓', fail: '✗', error: '!' } as const;

export function renderHeader(
  version: string,
  python: { implementation: string; version: string },
  style: Style,
): string {
  return style.dim(`asyncio-lab ${version} · ${python.implementation} ${python.version}`);
}

// `width`: the terminal's columns; messages are folded to it at spaces (none given: lines as long as they come).
export function renderExercise(result: ExerciseResult, style: Style, width?: number): string {
  const score = `${result.points}/${result.maxPoints}`;
  if (exerciseState(result) === 'not-started') {
    return wrap(
      `${style.dim('○')} ${style.bold(result.id)}  ${style.dim(`not started: edit ${inert(result.file)}`)}  ${style.dim(score)}`,
      width,
      { rest: '  ' },
    );
  }
  const colour = result.status === 'pass' ? style.pass : result.status === 'fail' ? style.fail : style.error;
  const lines = [
    wrap(`${colour(MARK[result.status])} ${style.bold(result.id)}  ${result.title}  ${colour(score)}`, width, {
      rest: '  ',
    }),
  ];
  if (result.message) {
    lines.push(eachLine(wrap(inert(result.message), width, { first: '    ', rest: '    ' }), colour));
    return lines.join('\n');
  }
  for (const check of result.checks) lines.push(renderCheck(check, style, width));
  return lines.join('\n');
}

function renderCheck(check: CheckResult, style: Style, width: number | undefined): string {
  const colour = check.status === 'pass' ? style.pass : check.status === 'fail' ? style.fail : style.error;
  const head = wrap(
    `${colour(MARK[check.status])} ${style.dim(`${check.task}.`)} ${check.title} ${style.dim(`(${check.points}/${check.maxPoints})`)}`,
    width,
    {
      first: '  ',
      rest: '      ',
    },
  );
  const timeline = renderCheckTimeline(check, style, width);
  if (check.status === 'pass' || !check.message) return timeline ? `${head}\n${timeline}` : head;
  return `${head}\n${wrap(inert(check.message), width, { first: '      ', rest: '      ' })}${timeline ? `\n${timeline}` : ''}`;
}

// The calls behind a concurrency verdict, drawn under it so a learner sees a staircase or stacked bars.
function renderCheckTimeline(check: CheckResult, style: Style, width: number | undefined): string {
  const rows = check.evidence?.intervals;
  if (!rows || rows.length === 0) return '';
  // 74 columns, indented by 6, fill 80; a narrower terminal gets a narrower picture.
  const shown = rows.map((row) => ({ ...row, label: inert(row.label), thread: inert(row.thread) }));
  return indent(renderTimelineText(shown, { width: Math.min(74, (width ?? 80) - 6), dim: style.dim }), 6);
}

// The line under a run; what it says and the exit code come from the same count (standing, in results/assemble.ts).
export function renderSummary(results: RunResults, resultsPath: string | null, style: Style): string {
  const { graded, failing, notStarted } = standing(results);
  const parts = [style.bold(`Score ${results.score.points}/${results.score.maxPoints}`)];
  if (failing > 0) parts.push(style.fail(`${failing} ${failing === 1 ? 'check' : 'checks'} failing`));
  else if (graded > 0) parts.push(style.pass('every graded check passes'));
  if (notStarted > 0) parts.push(style.dim(`${notStarted} not started`));
  parts.push(style.dim(`seed ${results.seed}`));
  if (resultsPath) parts.push(style.dim(`results: ${resultsPath}`));
  return parts.join(' · ');
}

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

export interface TerminalOptions {
  // The terminal's columns: messages are folded to it at spaces (see wrap.ts); none given, lines as long as they come.
  width?: number;
  // 'paused' on GitHub Actions: nothing the run prints (learner text included) can be read as a workflow command
  // until the run's own summary is out, because the log is wrapped in ::stop-commands:: with a fresh token.
  workflowCommands?: 'on' | 'paused';
}

// The terminal as a reporter: the header, each exercise as it finishes, then the summary line.
export function createTerminalReporter(
  out: NodeJS.WritableStream,
  style: Style,
  options: TerminalOptions = {},
): Reporter {
  const token = options.workflowCommands === 'paused' ? randomBytes(16).toString('hex') : undefined;
  const width = options.width;
  return {
    start(run) {
      if (token) out.write(`::stop-commands::${token}\n`);
      out.write(`${renderHeader(run.kitVersion, run.python, style)}\n`);
      if (run.integrity.status === 'modified')
        out.write(
          `${eachLine(wrap(`! ${say.graderModified(run.integrity.files)}`, width, { rest: '  ' }), style.error)}\n`,
        );
      if (run.isolation?.level === 'none')
        out.write(
          `${eachLine(wrap(`! ${say.noIsolationNote(run.isolation.reason)}`, width, { rest: '  ' }), style.dim)}\n`,
        );
      out.write('\n');
    },
    exercise(result) {
      out.write(`${renderExercise(result, style, width)}\n`);
    },
    finish(run) {
      out.write(`\n${wrap(renderSummary(run.results, outputPath(run.resultsPath), style), width)}\n`);
      if (token) out.write(`::${token}::\n`);
    },
  };
}
