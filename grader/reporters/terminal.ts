// The terminal reporter: a mark, points and a plain-words message per check, then one summary line.
import type { CheckResult, ExerciseResult, RunResults } from '../results/types.js';
import type { Style } from './style.js';

const MARK = { pass: '✓', fail: '✗', error: '!' } as const;

export function renderHeader(version: string, python: { implementation: string; version: string }, style: Style): string {
  return style.dim(`asyncio-lab ${version} · ${python.implementation} ${python.version}`);
}

export function renderExercise(result: ExerciseResult, style: Style): string {
  const score = `${result.points}/${result.maxPoints}`;
  if (!result.started && result.status !== 'error') {
    return `${style.dim('○')} ${style.bold(result.id)}  ${style.dim(`not started: edit ${result.file}`)}  ${style.dim(score)}`;
  }
  const colour = result.status === 'pass' ? style.pass : result.status === 'fail' ? style.fail : style.error;
  const lines = [`${colour(MARK[result.status])} ${style.bold(result.id)}  ${result.title}  ${colour(score)}`];
  if (result.message) {
    lines.push(indent(colour(result.message), 4));
    return lines.join('\n');
  }
  for (const check of result.checks) lines.push(renderCheck(check, style));
  return lines.join('\n');
}

function renderCheck(check: CheckResult, style: Style): string {
  const colour = check.status === 'pass' ? style.pass : check.status === 'fail' ? style.fail : style.error;
  const head = `  ${colour(MARK[check.status])} ${style.dim(`${check.task}.`)} ${check.title} ${style.dim(`(${check.points}/${check.maxPoints})`)}`;
  if (check.status === 'pass' || !check.message) return head;
  return `${head}\n${indent(check.message, 6)}`;
}

export function renderSummary(results: RunResults, resultsPath: string | null, style: Style): string {
  const checks = results.exercises.flatMap((e) => (e.started || e.status === 'error' ? e.checks : []));
  const failing = checks.filter((c) => c.status !== 'pass').length;
  const notStarted = results.exercises.filter((e) => !e.started && e.status !== 'error').length;
  const parts = [style.bold(`Score ${results.score.points}/${results.score.maxPoints}`)];
  if (failing > 0) parts.push(style.fail(`${failing} ${failing === 1 ? 'check' : 'checks'} failing`));
  else if (checks.length > 0) parts.push(style.pass('every graded check passes'));
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
