// Hostile and broken learner files, graded for real as exercise 01: each ends in a clear verdict for the check it hit,
// grading goes on, the file is unchanged, and no process outlives the run.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { gradeCourse, gradeExercise, type GradeOptions } from '../../grader/engine/grade.js';
import type { PythonInfo } from '../../grader/python/find-python.js';
import { runProbe } from '../../grader/run/run-probe.js';
import type { ExerciseResult } from '../../grader/results/types.js';
import { processWith } from '../helpers/processes.js';
import { testPython } from '../helpers/python.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'hostile');
const exercise = findExercise(loadCourse(), '01');
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

// `edit` changes the fixture's text first; `runner` runs each probe in place of the grader's own (to count the runs).
async function gradeFixture(
  name: string,
  options: { edit?: (text: string) => string; runner?: GradeOptions['runner'] } = {},
): Promise<{ result: ExerciseResult; file: string }> {
  const { edit = (text: string): string => text, runner } = options;
  const dir = mkdtempSync(path.join(work, `${name}-`));
  const file = path.join(dir, 'runners.py');
  writeFileSync(file, edit(readFileSync(path.join(fixtures, `${name}.py`), 'utf8')));
  const before = sha(file);
  const result = await gradeExercise(exercise, {
    python: await testPython(),
    seed: 7,
    file,
    gradeUntouched: true,
    ...(runner ? { runner } : {}),
  });
  expect(sha(file), 'the learner file must be byte-for-byte unchanged').toBe(before);
  expect(
    readdirSync(dir).filter((f) => f !== 'runners.py'),
    'grading writes nothing beside the file',
  ).toEqual([]);
  return { result, file };
}

function statuses(result: ExerciseResult): Record<string, string> {
  return Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
}

function message(result: ExerciseResult, id: string): string {
  return result.checks.find((c) => c.id === id)?.message ?? '';
}

const COROUTINE_CHECKS = ['makes-a-coroutine', 'returns-the-value', 'waits-without-blocking'];

describe.concurrent('hostile learner code', () => {
  it('a syntax error is an error for every check, naming the line', async () => {
    const { result } = await gradeFixture('syntax-error');
    expect(result.status).toBe('error');
    expect(result.checks.every((c) => c.status === 'error')).toBe(true);
    expect(result.message).toMatch(/could not read your file: .* at runners\.py:4/);
    expect(result.checks[0]?.location).toEqual({ file: 'runners.py', line: 4 });
  });

  it('an exception at import is an error naming the exception and line', async () => {
    const { result } = await gradeFixture('import-exception');
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/Importing your file raised ValueError: broken at import at runners\.py:3/);
  });

  it('an exception in a function fails the checks that called it, with the learner line', async () => {
    const { result } = await gradeFixture('function-exception');
    expect(statuses(result)).toMatchObject({
      'makes-a-coroutine': 'pass',
      'returns-the-value': 'fail',
      'main-awaits': 'pass',
      'run-returns-result': 'pass',
    });
    expect(message(result, 'returns-the-value')).toMatch(
      /`wait_and_return` raised KeyError: 'missing' at runners\.py:5/,
    );
    expect(message(result, 'returns-the-value')).not.toMatch(/node_modules|\.ts:|harness\.py/);
  });

  it('sys.exit() at import is an error, and names sys.exit', async () => {
    const { result } = await gradeFixture('sys-exit-import');
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/sys\.exit\(\)/);
  });

  it('sys.exit() in a function errors only the checks of that call', async () => {
    const { result } = await gradeFixture('sys-exit-function');
    for (const id of COROUTINE_CHECKS) expect(statuses(result)[id]).toBe('error');
    expect(message(result, 'returns-the-value')).toMatch(/called sys\.exit\(\) at runners\.py:6/);
    expect(statuses(result)['main-awaits']).toBe('pass');
  });

  it.skipIf(process.platform === 'win32')(
    'freezing the process that starts the probes ends the run with errors, not a grader that waits for ever',
    async () => {
      const { result } = await gradeFixture('stop-zygote');
      expect(result.checks.length).toBeGreaterThan(0);
      for (const c of result.checks) expect(c.status, c.id).toBe('error');
      expect(`${result.message ?? ''} ${result.checks.map((c) => c.message ?? '').join(' ')}`).toMatch(
        /stopped answering/,
      );
    },
    120_000,
  );

  it('os._exit() is an error naming the line, and the other probes still run', async () => {
    const { result } = await gradeFixture('os-exit');
    for (const id of COROUTINE_CHECKS) expect(statuses(result)[id]).toBe('error');
    expect(message(result, 'returns-the-value')).toMatch(/os\._exit\(\) at runners\.py:6/);
    expect(statuses(result)['run-returns-result']).toBe('pass');
  });

  it('an infinite loop at import times out once, with the line it was stuck on', async () => {
    // Every Python run is counted: the broken import is judged once and reused, not rerun by each of the 4 probes.
    let runs = 0;
    const counted = (python: PythonInfo, spec: Parameters<typeof runProbe>[1]) => {
      runs += 1;
      return runProbe(python, spec);
    };
    const { result } = await gradeFixture('infinite-import', { runner: counted });
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/Importing your file was still running after 5\.00 s.*runners\.py:[45]/s);
    expect(runs).toBe(1);
  });

  it('an infinite loop inside a coroutine times out that probe only', async () => {
    const { result } = await gradeFixture('infinite-coroutine');
    expect(message(result, 'returns-the-value')).toMatch(/still running after 5\.00 s.*runners\.py:[56]/s);
    expect(statuses(result)['main-awaits']).toBe('pass');
  });

  it('runaway output is stopped and reported', async () => {
    const { result } = await gradeFixture('flood');
    expect(statuses(result)['returns-the-value']).toBe('error');
    expect(message(result, 'returns-the-value')).toMatch(
      /printed more than 1024 KB .*The last print was at runners\.py:6 \(`print\("spam " \* 20\)`\)/s,
    );
    expect(statuses(result)['run-returns-result']).toBe('pass');
  });

  it('input() fails with a message about keyboard input, not a hang', async () => {
    const { result } = await gradeFixture('input');
    expect(statuses(result)['returns-the-value']).toBe('fail');
    expect(message(result, 'returns-the-value')).toMatch(/called input\(\) at runners\.py:5/);
  });

  it('a memory bomb is stopped by the memory limit and reported', async () => {
    const { result } = await gradeFixture('memory-bomb');
    expect(statuses(result)['returns-the-value']).toBe('error');
    expect(message(result, 'returns-the-value')).toMatch(/ran out of memory/);
  });

  it('printing text that looks like observations changes nothing', async () => {
    const { result } = await gradeFixture('forge');
    expect(statuses(result)['returns-the-value']).toBe('fail');
    expect(message(result, 'returns-the-value')).toMatch(/returned 'not the value'/);
  });

  it.skipIf(process.platform !== 'linux')(
    'child processes left running are reported and stopped, even a double fork in its own session',
    async () => {
      const token = `asyncio-lab-sleeper-${randomUUID()}`;
      const { result } = await gradeFixture('child-process', { edit: (text) => text.replace('__TOKEN__', token) });
      expect(statuses(result)['returns-the-value']).toBe('error');
      expect(message(result, 'returns-the-value')).toMatch(/left .*process.* running/);
      // Nothing carrying the token is left anywhere on the machine once grading is over (a busy machine may take a
      // moment to finish them off).
      const left = () => processWith(token);
      for (let tries = 0; left() !== undefined && tries < 100; tries++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(left(), 'no sleeper may outlive the grading').toBeUndefined();
    },
  );
});

describe('a broken exercise never stops the others', () => {
  it('grades the next exercise after one that cannot even be read', async () => {
    const broken = { ...exercise, learnerFile: path.join(fixtures, 'syntax-error.py') };
    const good = { ...exercise, learnerFile: path.join(exercise.metaDir, 'solution.py') };
    const missing = { ...exercise, learnerFile: path.join(work, 'nowhere.py') };
    const results = await gradeCourse([broken, missing, good], { python: await testPython(), seed: 3 });
    expect(results.exercises.map((e) => e.status)).toEqual(['error', 'error', 'pass']);
    expect(results.exercises[1]?.message).toMatch(/Cannot find .*nowhere\.py/);
    expect(results.status).toBe('fail');
  });
});
