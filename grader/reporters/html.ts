// `--html report.html`: the whole run as one self-contained page (no scripts, no outside files) that a learner can
// open or a teacher can keep: every exercise and check with its mark, points and message, and the timelines.
import * as say from '../messages.js';
import { exerciseState } from '../results/assemble.js';
import type { CheckResult, ExerciseResult, RunResults } from '../results/types.js';
import { writeAtomically } from '../results/write.js';
import type { Reporter } from './reporter.js';
import { escapeXml as escape, renderTimelineSvg } from './timeline.js';

const MARK = { pass: '✓', fail: '✗', error: '!' } as const;

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;background:#f9fafb;margin:0}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}
.meta{color:#4b5563;font-size:13px;margin-bottom:16px}
.warning{background:#fef3c7;border:1px solid #d97706;padding:8px 12px;border-radius:6px;margin:12px 0}
.score{font-size:18px;font-weight:600;margin:8px 0 4px}
.progress{height:10px;background:#e5e7eb;border-radius:5px;overflow:hidden;margin-bottom:20px}
.progress>div{height:100%;background:#16a34a}
section.exercise{background:#fff;border:1px solid #e5e7eb;border-left-width:6px;border-radius:8px;padding:12px 16px;margin:14px 0}
section.pass{border-left-color:#16a34a}section.fail{border-left-color:#dc2626}section.error{border-left-color:#d97706}section.not-started{border-left-color:#9ca3af}
h2{font-size:18px;margin:0 0 8px;display:flex;gap:10px;align-items:baseline}
h2 .points{margin-left:auto;font-variant-numeric:tabular-nums}
ul.checks{list-style:none;padding:0;margin:0}
li.check{padding:6px 0;border-top:1px solid #f3f4f6}
.mark{display:inline-block;width:1.3em;font-weight:700}
li.pass>.mark,section.pass>h2>.mark{color:#16a34a}li.fail>.mark,section.fail>h2>.mark{color:#dc2626}li.error>.mark,section.error>h2>.mark{color:#d97706}section.not-started>h2>.mark{color:#9ca3af}
.task{color:#6b7280}.pts{color:#6b7280;font-variant-numeric:tabular-nums}
pre.message{white-space:pre-wrap;background:#f3f4f6;border-radius:6px;padding:8px 10px;margin:6px 0 6px 1.3em;font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.where{margin-left:1.3em;color:#4b5563;font-size:13px}
.timeline-box{margin:6px 0 6px 1.3em;overflow-x:auto}
.note{color:#6b7280}
`;

// The page for one run; every string that came from a learner's run (messages, file names, labels) is escaped.
export function renderHtmlReport(results: RunResults): string {
  const { points, maxPoints } = results.score;
  const percent = maxPoints > 0 ? Math.round((points / maxPoints) * 100) : 0;
  const integrity =
    results.integrity?.status === 'modified'
      ? `<p class="warning" role="alert">${escape(say.graderModified(results.integrity.files))}</p>`
      : '';
  const meta = `asyncio-lab ${escape(results.kit.version)} · ${escape(results.python.implementation)} ${escape(results.python.version)} · seed ${results.seed} · ${escape(results.startedAt)}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>asyncio-lab: ${points}/${maxPoints} points</title>`,
    `<style>${CSS}</style></head><body><main>`,
    `<h1>asyncio-lab report</h1><div class="meta">${meta}</div>`,
    integrity,
    `<div class="score" id="score">Score ${points}/${maxPoints}</div>`,
    `<div class="progress" role="progressbar" aria-valuenow="${percent}" aria-valuemin="0" aria-valuemax="100"><div style="width:${percent}%"></div></div>`,
    ...results.exercises.map(renderExerciseSection),
    '</main></body></html>',
    '',
  ].join('\n');
}

function renderExerciseSection(exercise: ExerciseResult): string {
  const notStarted = exerciseState(exercise) === 'not-started';
  const cls = notStarted ? 'not-started' : exercise.status;
  const mark = notStarted ? '○' : MARK[exercise.status];
  const head = `<h2><span class="mark">${mark}</span><span>${escape(exercise.id)}</span><span>${escape(exercise.title)}</span><span class="points">${exercise.points}/${exercise.maxPoints}</span></h2>`;
  const open = `<section class="exercise ${cls}" data-exercise="${escape(exercise.id)}" data-status="${exercise.status}">`;
  if (notStarted) return `${open}${head}<p class="note">Not started: edit ${escape(exercise.file)}</p></section>`;
  if (exercise.message) return `${open}${head}<pre class="message">${escape(exercise.message)}</pre></section>`;
  return `${open}${head}<ul class="checks">${exercise.checks.map(renderCheckItem).join('')}</ul></section>`;
}

function renderCheckItem(check: CheckResult): string {
  const parts = [
    `<li class="check ${check.status}" data-check="${escape(check.id)}" data-status="${check.status}">`,
    `<span class="mark">${MARK[check.status]}</span><span class="task">${check.task}.</span> ${escape(check.title)} <span class="pts">(${check.points}/${check.maxPoints})</span>`,
  ];
  if (check.status !== 'pass' && check.message) parts.push(`<pre class="message">${escape(check.message)}</pre>`);
  if (check.status !== 'pass' && check.location)
    parts.push(`<div class="where">${escape(check.location.file)}:${check.location.line}</div>`);
  const rows = check.evidence?.intervals;
  if (rows && rows.length > 0) parts.push(`<div class="timeline-box">${renderTimelineSvg(rows)}</div>`);
  parts.push('</li>');
  return parts.join('');
}

// Writes the page whole or not at all (a temporary file renamed into place).
export function writeHtmlReport(file: string, results: RunResults): void {
  writeAtomically(file, renderHtmlReport(results));
}

// The page as a reporter, for `npm run grade -- --html report.html`; it says where the page is when it is written.
export function createHtmlReporter(file: string, out?: NodeJS.WritableStream, shown = file): Reporter {
  return {
    finish(run) {
      writeHtmlReport(file, run.results);
      out?.write(`${say.htmlWritten(shown)}\n`);
    },
  };
}
