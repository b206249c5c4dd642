import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse, type Exercise } from '../../grader/engine/course.js';
import { checkExercise } from '../../grader/maintainer/check-course.js';

describe('maintainer check', () => {
  for (const exercise of loadCourse()) {
    it(`${exercise.meta.id} is complete and consistent`, async () => {
      expect(await checkExercise(exercise)).toEqual([]);
    });
  }

  it('names what is missing and how to fix it', async () => {
    const original = loadCourse()[0] as Exercise;
    const dir = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-check-'));
    try {
      const copy = path.join(dir, original.meta.id);
      cpSync(original.dir, copy, { recursive: true });
      writeFileSync(path.join(copy, 'hints.md'), '## 1. Only one\n- a single hint\n');
      rmSync(path.join(copy, '.meta', 'solution.py'));
      writeFileSync(path.join(copy, original.meta.file), 'def nothing():\n    return 1\n');
      const exercise: Exercise = {
        ...original,
        dir: copy,
        learnerFile: path.join(copy, original.meta.file),
        stubFile: path.join(copy, '.meta', 'stub.py'),
        metaDir: path.join(copy, '.meta'),
      };
      const problems = (await checkExercise(exercise)).join('\n');
      expect(problems).toMatch(/has no TODO marker/);
      expect(problems).toMatch(/differs from .*cp /);
      expect(problems).toMatch(/task 1 has 1 hints/);
      expect(problems).toMatch(/task 2 has 0 hints/);
      expect(problems).toMatch(/solution\.py is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
