// Timelines of real runs: the course's own sequential mistakes and reference solutions, graded under CPython,
// must draw a staircase and stacked bars, in the terminal and in the HTML report's SVG.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { gradeExercise } from '../../grader/engine/grade.js';
import { renderTimelineSvg, renderTimelineText } from '../../grader/reporters/timeline.js';
import type { CheckResult } from '../../grader/results/types.js';
import { overlappingPairs, textBars } from '../helpers/timeline-shape.js';
import { testPython } from '../helpers/python.js';

const CASES = [
  { exercise: '02-coroutines', check: 'at-once-overlaps', mistake: 'create-then-await-each.py' },
  { exercise: '03-gather', check: 'fetch-all-gathered', mistake: 'sequential-loop.py' },
  { exercise: '04-threads', check: 'all-runs-concurrently', mistake: 'sequential-awaits.py' },
];

async function gradedCheck(exerciseId: string, checkId: string, file: string): Promise<CheckResult> {
  const exercise = findExercise(loadCourse(), exerciseId);
  const result = await gradeExercise(exercise, {
    python: await testPython(),
    seed: 20261125,
    file: path.join(exercise.metaDir, file),
    gradeUntouched: true,
  });
  const check = result.checks.find((c) => c.id === checkId);
  expect(check, `${exerciseId} has a check ${checkId}`).toBeDefined();
  return check!;
}

function svgStarts(svg: string): number[] {
  return [...svg.matchAll(/<rect class="bar" x="([\d.]+)"/g)].map((m) => Number(m[1]));
}

function svgWidths(svg: string): number[] {
  return [...svg.matchAll(/<rect class="bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
}

describe.concurrent('timelines of real runs', () => {
  for (const { exercise, check, mistake } of CASES) {
    it(`${exercise}: the mistake ${mistake} draws a staircase, the reference solution stacked bars`, async () => {
      const [wrong, right] = await Promise.all([
        gradedCheck(exercise, check, `mistakes/${mistake}`),
        gradedCheck(exercise, check, 'solution.py'),
      ]);
      expect(wrong.status).toBe('fail');
      expect(right.status).toBe('pass');
      const wrongRows = wrong.evidence?.intervals ?? [];
      const rightRows = right.evidence?.intervals ?? [];
      expect(wrongRows.length).toBeGreaterThanOrEqual(3);
      expect(rightRows.length).toBeGreaterThanOrEqual(3);

      const staircase = textBars(renderTimelineText(wrongRows));
      const stacked = textBars(renderTimelineText(rightRows));
      expect(overlappingPairs(staircase), renderTimelineText(wrongRows)).toBe(0);
      for (let i = 1; i < staircase.length; i++) expect(staircase[i]!.from).toBeGreaterThan(staircase[i - 1]!.from);
      const n = stacked.length;
      expect(overlappingPairs(stacked), renderTimelineText(rightRows)).toBe((n * (n - 1)) / 2);
      // Stacked: the bars start closer together than the longest bar is long (a busy machine can hold the loop back
      // between two starts; every pair still overlaps, above).
      const starts = stacked.map((b) => b.from);
      const longest = Math.max(...stacked.map((b) => b.to - b.from));
      expect(Math.max(...starts) - Math.min(...starts), renderTimelineText(rightRows)).toBeLessThan(longest);

      const svgWrong = svgStarts(renderTimelineSvg(wrongRows));
      const svgRight = svgStarts(renderTimelineSvg(rightRows));
      expect(new Set(svgWrong.map(Math.round)).size).toBe(svgWrong.length);
      const widest = Math.max(...svgWidths(renderTimelineSvg(rightRows)));
      expect(Math.max(...svgRight) - Math.min(...svgRight)).toBeLessThan(widest);
    });
  }
});
