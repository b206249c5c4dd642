// The kit supports CPython 3.9 and newer: exercise 01 grades the same under every such interpreter this machine has.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { gradeExercise } from '../../grader/engine/grade.js';
import { findPython } from '../../grader/python/find-python.js';

const PYENV = path.join(process.env.PYENV_ROOT ?? path.join(process.env.HOME ?? '/root', '.pyenv'), 'versions');
const interpreters = existsSync(PYENV)
  ? readdirSync(PYENV)
      .filter((v) => /^3\.(9|1\d)\.\d+$/.test(v))
      .map((v) => path.join(PYENV, v, 'bin', `python${v.split('.').slice(0, 2).join('.')}`))
      .filter(existsSync)
  : [];

describe.concurrent('supported Pythons', () => {
  const exercise = findExercise(loadCourse(), '01');
  it.skipIf(interpreters.length === 0)('this machine has several to try', () => {
    expect(interpreters.length).toBeGreaterThan(0);
  });
  for (const interpreter of interpreters) {
    it(`${path.basename(interpreter)}: the solution passes and a mistake fails its check`, async () => {
      const python = await findPython(interpreter, {});
      const solution = await gradeExercise(exercise, { python, seed: 11, file: path.join(exercise.metaDir, 'solution.py') });
      expect(solution.checks.filter((c) => c.status !== 'pass')).toEqual([]);
      const mistake = await gradeExercise(exercise, { python, seed: 11, file: path.join(exercise.metaDir, 'mistakes', 'nested-run.py') });
      expect(mistake.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['main-awaits']);
    });
  }
});
