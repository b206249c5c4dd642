// The job summary a learner sees on the run's page: a warning if the grader was changed, the total and the grading
// policy's verdict, then a table of every exercise and check with its mark and points, and the message of each failed
// check. An exercise not started is one neutral row, never a column of failures.
import * as say from '../messages.js';
import { exerciseState, isCounted } from '../results/assemble.js';
import { inert } from '../text/inert.js';
import type { CheckResult, ExerciseResult, RunResults } from '../results/types.js';
import { renderTimelinesSection } from './timeline-markdown.js';

const MARK = { pass: '✅', fail: '❌', error: '⚠️', 'not-started': '⚪' } as const;

// Pure Markdown, so it is tested on fixed results without @actions/core.
export function renderJobSummary(results: RunResults): string {
  const lines: string[] = [];
  if (results.integrity?.status === 'modified')
    lines.push(`> [!WARNING]\n> ${cell(say.graderModified(results.integrity.files))}`, '');
  lines.push(`## asyncio-lab: ${results.score.points}/${results.score.maxPoints} points`, '');
  if (results.policy)
    lines.push(`${results.policy.passed ? '✅' : '❌'} **Grading policy:** ${cell(results.policy.reason)}`, '');
  lines.push('| | Exercise | Check | Points |', '| --- | --- | --- | ---: |');
  for (const exercise of results.exercises) {
    const state = exerciseState(exercise);
    const counted = isCounted(exercise) ? '' : ' (not counted)';
    if (state === 'not-started') {
      lines.push(
        `| ${MARK[state]} | **${cell(exercise.id)}** | ${cell(exercise.title)}: not started${counted} | ${exercise.points}/${exercise.maxPoints} |`,
      );
      continue;
    }
    lines.push(
      `| ${MARK[state]} | **${cell(exercise.id)}** | ${cell(exercise.title)}${counted} | **${exercise.points}/${exercise.maxPoints}** |`,
    );
    for (const check of exercise.checks)
      lines.push(
        `| ${MARK[check.status]} | | ${check.task}. ${cell(check.title)} | ${check.points}/${check.maxPoints} |`,
      );
  }
  lines.push(`| | **Total** | | **${results.score.points}/${results.score.maxPoints}** |`, '');
  const notStarted = results.exercises.filter((e) => exerciseState(e) === 'not-started');
  if (notStarted.length > 0)
    lines.push(say.summaryNotStarted(notStarted.map((e) => `**${cell(e.id)}** (${cell(e.file)})`)), '');
  const failed = results.exercises.flatMap((e) => failures(e));
  if (failed.length > 0) {
    lines.push('### What to fix', '');
    for (const { exercise, check } of failed) {
      const where = check.location ? ` (${check.location.file}:${check.location.line})` : '';
      lines.push(
        `- ${MARK[check.status]} **${cell(exercise.id)}**, ${cell(check.title)}${cell(where)}`,
        '',
        fence(check.message ?? ''),
        '',
      );
    }
  }
  // The picture behind each concurrency verdict: a Mermaid gantt GitHub draws, and the text picture folded under it.
  const timelines = renderTimelinesSection(results);
  if (timelines) lines.push(timelines);
  lines.push(
    `<sub>asyncio-lab ${results.kit.version} · ${results.python.implementation} ${results.python.version} · seed ${results.seed}</sub>`,
    '',
  );
  return lines.join('\n');
}

function failures(exercise: ExerciseResult): { exercise: ExerciseResult; check: CheckResult }[] {
  // Not started is no failure: it is listed apart, above.
  if (exerciseState(exercise) === 'not-started') return [];
  if (exercise.message && exercise.checks[0])
    return [{ exercise, check: { ...exercise.checks[0], title: 'could not run', message: exercise.message } }];
  return exercise.checks.filter((c) => c.status !== 'pass').map((check) => ({ exercise, check }));
}

// Table cells and list items: no pipes, no newlines, no HTML from learner-influenced text.
function cell(text: string): string {
  return inert(text)
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function fence(raw: string): string {
  const text = inert(raw);
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}
