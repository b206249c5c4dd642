// The kit supports CPython 3.10 and newer: exercise 01 grades the same under every such interpreter this machine has,
// and an older one is refused through the real CLI with a message naming it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { gradeExercise } from '../../grader/engine/grade.js';
import { findPython } from '../../grader/python/find-python.js';
import { runCliProcess } from '../helpers/cli-process.js';

const PYENV = path.join(process.env.PYENV_ROOT ?? path.join(process.env.HOME ?? '/root', '.pyenv'), 'versions');
const interpreters = existsSync(PYENV)
  ? readdirSync(PYENV)
      .filter((v) => /^3\.1\d\.\d+$/.test(v))
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
      const solution = await gradeExercise(exercise, {
        python,
        seed: 11,
        file: path.join(exercise.metaDir, 'solution.py'),
      });
      expect(solution.checks.filter((c) => c.status !== 'pass')).toEqual([]);
      const mistake = await gradeExercise(exercise, {
        python,
        seed: 11,
        file: path.join(exercise.metaDir, 'mistakes', 'nested-run.py'),
      });
      expect(mistake.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['main-awaits']);
    });
  }
});

const older = existsSync(PYENV) ? readdirSync(PYENV).find((v) => /^3\.9\.\d+$/.test(v)) : undefined;

describe('an older CPython', () => {
  it.skipIf(!older)('is refused by the CLI: exit 2, what was found and what is needed', async () => {
    const interpreter = path.join(PYENV, older ?? '', 'bin', 'python3.9');
    const run = await runCliProcess(['01', '--python', interpreter]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('This kit needs CPython 3.10 or newer. Found:');
    expect(run.stderr).toMatch(/CPython 3\.9\.\d+, which is too old \(the oldest this kit supports is 3\.10\)/);
  });
});
