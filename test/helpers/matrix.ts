// The course matrix for one exercise: the stub never errors, every solution passes every check,
// and every mistake fails exactly the checks it is labelled with.
import { describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { gradeExercise } from '../../grader/engine/grade.js';
import { loadCorpus, runsOn } from '../../grader/maintainer/corpus.js';
import { newSeed } from '../../grader/random.js';
import type { ExerciseResult } from '../../grader/results/types.js';
import { testPython } from './python.js';

function summary(result: ExerciseResult): string {
  return result.checks
    .map((c) => `${c.status.padEnd(5)} ${c.id}${c.status === 'pass' ? '' : `: ${c.message ?? ''}`}`)
    .join('\n');
}

export function describeCourseMatrix(id: string): void {
  const exercise = findExercise(loadCourse(), id);
  const corpus = loadCorpus(exercise);
  describe(`course matrix: ${id}`, () => {
    for (const entry of corpus) {
      it(`${entry.kind} ${entry.name}${entry.description ? ` (${entry.description})` : ''}`, async (ctx) => {
        const python = await testPython();
        if (!runsOn(entry, python.version)) ctx.skip();
        const seed = newSeed();
        const result = await gradeExercise(exercise, { python, seed, file: entry.file, gradeUntouched: true });
        const failing = result.checks
          .filter((c) => c.status !== 'pass')
          .map((c) => c.id)
          .sort();
        const context = `seed ${seed}\n${summary(result)}`;
        if (entry.kind === 'stub') {
          expect(
            result.checks.filter((c) => c.status === 'error'),
            context,
          ).toEqual([]);
          expect(failing.length, context).toBeGreaterThan(0);
        } else if (entry.kind === 'mistake') {
          expect(failing, context).toEqual([...entry.caughtBy].sort());
          for (const check of result.checks.filter((c) => c.status !== 'pass')) {
            expect(check.status, context).toBe('fail');
            expect(check.message, context).toBeTruthy();
          }
        } else {
          expect(failing, context).toEqual([]);
        }
      });
    }
  });
}
