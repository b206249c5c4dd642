import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse, type Exercise } from '../../grader/engine/course.js';
import { checkExercise, checkRegistry } from '../../grader/maintainer/check-course.js';

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

  it('every exercise folder is in the registry, and every registry entry has its folder and course test', () => {
    expect(checkRegistry()).toEqual([]);
  });

  it('an exercise folder missing from the registry is an error that says which line to add', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-registry-'));
    try {
      for (const dir of [
        'exercises/01-a',
        'exercises/02-b',
        'exercises/.hidden',
        'exercises/__pycache__',
        'test/course',
      ])
        mkdirSync(path.join(root, dir), { recursive: true });
      writeFileSync(path.join(root, 'exercises', 'registry.ts'), '// not a folder\n');
      writeFileSync(path.join(root, 'test', 'course', '01-a.test.ts'), '');
      const problems = checkRegistry(root, ['01-a', '03-c']);
      expect(problems).toHaveLength(3);
      expect(problems[0]).toBe(
        'exercises/02-b is not in exercises/registry.ts, so it is never graded or tested. Add this line to the registry, in course order:\n' +
          "  { id: '02-b', load: async () => (await import('./02-b/grader/checks.js')).default },\n" +
          'or move the folder out of exercises/ (npm run new-exercise -- NN-name adds both the folder and the line).',
      );
      expect(problems[1]).toMatch(
        /^exercises\/registry\.ts lists "03-c", but there is no folder exercises\/03-c: add it \(npm run new-exercise -- 03-c\) or remove the line\.$/,
      );
      expect(problems[2]).toMatch(/^test\/course\/03-c\.test\.ts is missing, .*describeCourseMatrix\('03-c'\);$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
