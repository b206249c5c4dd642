// The timelines for GitHub's job summary: a Mermaid gantt per concurrency verdict (GitHub draws it), with the text
// picture folded underneath for viewers that do not draw Mermaid. The job summary adds this section as it is.
import type { RunResults } from '../results/types.js';
import { renderTimelineMermaid, renderTimelineText } from './timeline.js';

const MARK = { pass: '✅', fail: '❌', error: '⚠️' } as const;

function inline(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/([\\`*_[\]|])/g, '\\$1');
}

// "" when no check recorded intervals; otherwise a "### Timelines" section ending in a blank line.
export function renderTimelinesSection(results: RunResults): string {
  const lines: string[] = [];
  for (const exercise of results.exercises) {
    for (const check of exercise.checks) {
      const rows = check.evidence?.intervals;
      if (!rows || rows.length === 0) continue;
      lines.push(`${MARK[check.status]} **${inline(exercise.id)}**, ${check.task}. ${inline(check.title)}`, '');
      lines.push(renderTimelineMermaid(rows), '');
      lines.push(
        '<details><summary>as text</summary>',
        '',
        '```text',
        renderTimelineText(rows, { width: 80 }),
        '```',
        '',
        '</details>',
        '',
      );
    }
  }
  return lines.length > 0 ? ['### Timelines', '', ...lines].join('\n') : '';
}
