// The command line, run as a process: output, exit codes, and the results document it writes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../grader/engine/course.js';
import { validateResults } from '../../grader/results/validators.js';
import type { RunResults } from '../../grader/results/types.js';
import { runCliProcess } from '../helpers/cli-process.js';
import { hintCount, maxPoints } from '../helpers/course-size.js';
import { runKitCli } from '../helpers/kit-process.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';

const out = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const meta = (file: string): string => path.join('exercises', '01-runners', '.meta', file);
let counter = 0;
const jsonPath = (): string => path.join(out, `results-${counter++}.json`);

function readResults(file: string): RunResults {
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  expect(validateResults(data)).toBeNull();
  return data as RunResults;
}

const NO_STACK = /\n\s+at .*(\.ts|\.js):\d+/;

describe.concurrent('npm run grade', () => {
  it('shows an untouched stub as "not started" in one line, and exits 0: not started is no failure', async () => {
    const json = jsonPath();
    const run = await runCliProcess(['01', '--file', 'exercises/01-runners/.meta/stub.py', '--json', json]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `○ 01-runners {2}not started: edit exercises/01-runners/\\.meta/stub\\.py {2}0/${maxPoints('01-runners')}`,
      ),
    );
    expect(run.stdout).toMatch(new RegExp(`Score 0/${maxPoints('01-runners')} · 1 not started · seed`));
    expect(run.stdout).not.toMatch(/✗/);
    const results = readResults(json);
    expect(results.exercises[0]?.started).toBe(false);
    expect(results.exercises[0]?.checks.every((c) => c.status === 'fail' && /Not started/.test(c.message ?? ''))).toBe(
      true,
    );
  });

  it('passes the reference solution with exit code 0 and a full score', async () => {
    const json = jsonPath();
    const run = await runCliProcess(['runners', '--file', meta('solution.py'), '--json', json]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const max = maxPoints('01-runners');
    expect(run.stdout).toMatch(new RegExp(`✓ 01-runners .* ${max}/${max}`));
    expect(run.stdout).toMatch(new RegExp(`Score ${max}/${max} · every graded check passes · seed \\d+`));
    const results = readResults(json);
    expect(results.status).toBe('pass');
    expect(results.python.implementation).toBe('CPython');
    expect(results.kit.name).toBe('asyncio-lab');
    const waits = results.exercises[0]?.checks.find((c) => c.id === 'waits-without-blocking');
    expect(waits?.evidence?.elapsedSeconds).toBeGreaterThan(0.15);
  });

  it('fails a known mistake with exit code 1, a mark, points and the learner line', async () => {
    const json = jsonPath();
    const run = await runCliProcess(['01-runners', '--file', meta('mistakes/time-sleep.py'), '--json', json]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/✗ 1\. wait_and_return waits without blocking the loop \(0\/2\)/);
    expect(run.stdout).toMatch(
      /blocked for \d\.\d\d s at exercises\/01-runners\/\.meta\/mistakes\/time-sleep\.py:8 \(`time\.sleep\(delay\)`\)/,
    );
    const check = readResults(json).exercises[0]?.checks.find((c) => c.id === 'waits-without-blocking');
    expect(check?.location).toEqual({ file: 'exercises/01-runners/.meta/mistakes/time-sleep.py', line: 8 });
    expect(check?.evidence?.heartbeatMaxGapSeconds).toBeGreaterThan(0.1);
  });

  it('replays the same inputs with --seed', async () => {
    const [a, b] = [jsonPath(), jsonPath()];
    await runCliProcess(['01', '--file', meta('mistakes/hard-coded.py'), '--seed', '1234', '--json', a]);
    await runCliProcess(['01', '--file', meta('mistakes/hard-coded.py'), '--seed', '1234', '--json', b]);
    const expected = (file: string): unknown =>
      readResults(file).exercises[0]?.checks.find((c) => c.id === 'returns-the-value')?.expected;
    expect(expected(a)).toBeTruthy();
    expect(expected(a)).toEqual(expected(b));
  });

  it('writes no colour when NO_COLOR is set or stdout is not a terminal, and colour when forced', async () => {
    const stub = meta('stub.py');
    const plain = await runCliProcess(['01', '--file', stub, '--json', jsonPath()]);
    // eslint-disable-next-line no-control-regex -- ESC [ starts every ANSI colour code
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const forced = await runCliProcess(['01', '--file', stub, '--json', jsonPath()], {
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    // eslint-disable-next-line no-control-regex -- ESC [ starts every ANSI colour code
    expect(forced.stdout).toMatch(/\u001b\[/);
  });

  it('an unknown exercise is a usage error: exit 2, the choices, an example, no stack trace', async () => {
    const run = await runCliProcess(['99-nothing']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/There is no exercise called "99-nothing"\. Exercises: 01-runners/);
    expect(run.stderr).toMatch(/Example: npm run grade -- 01/);
    expect(run.stderr).not.toMatch(NO_STACK);
  });

  it('an unknown option names itself and shows an example', async () => {
    const run = await runCliProcess(['--fiel', 'x.py']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^There is no option --fiel; did you mean --file\?\nExample: npm run grade -- 03 /);
  });

  it('--file without an exercise says to name one', async () => {
    const run = await runCliProcess(['--file', 'mine.py']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /--file grades one exercise: name which one\.\nExample: npm run grade -- 03 --file mine\.py/,
    );
  });

  it('a mistyped --python path is an environment error: exit 2, the path does not exist, no advice to install Python', async () => {
    const run = await runCliProcess(['01', '--python', '/nowhere/python3']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /^--python \/nowhere\/python3: there is no such file\. Check the path for a typo.*\nExample: npm run grade -- --python /,
    );
    expect(run.stderr).not.toMatch(/[Ii]nstall/);
    expect(run.stderr).not.toMatch(NO_STACK);
  });

  it.skipIf(process.platform === 'win32')(
    '--python naming a program that is not Python gets a short plain message, not the failed command',
    async () => {
      const run = await runCliProcess(['01', '--python', '/bin/ls']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(
        /^--python \/bin\/ls: it is not a Python interpreter \(it did not answer when asked for its version\)\. Point it to CPython 3\.\d+ or newer\.\nExample: npm run grade -- --python \S+$/,
      );
    },
  );

  it('a --file that does not exist is an error for that exercise, not a crash', async () => {
    const json = jsonPath();
    const run = await runCliProcess(['01', '--file', 'nowhere/mine.py', '--json', json]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/Cannot find nowhere\/mine\.py/);
    expect(readResults(json).exercises[0]?.status).toBe('error');
  });

  it('--help lists the commands and examples', async () => {
    const run = await runCliProcess(['--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/npm run grade -- 01/);
    expect(run.stdout).toMatch(/hint \[exercise\] \[task\]/);
  });
});

// hint and list read and write the learner's state (.asyncio-lab/), so they run on a copy of the kit.
describe('hint and list', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());

  it('hint prints the first hint of a task, and rejects a task that does not exist', async () => {
    const run = await runKitCli(kit, ['hint', '01', '3']);
    expect(run.exitCode).toBe(0);
    // Hints are progressive (see test/cli/learner-loop.test.ts): the first is always shown, the rest one run at a time.
    expect(run.stdout).toMatch(
      new RegExp(`01-runners, task 3: asyncio\\.run from plain code \\(hint 1 of ${hintCount('01-runners', 3)}\\)`),
    );
    expect(run.stdout).toMatch(/^1\. `run_and_return` is a plain function/m);
    const bad = await runKitCli(kit, ['hint', '01', '9']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/has no task "9"; its tasks are 1 to 4/);
  });

  it('list shows each exercise with its status', async () => {
    const run = await runKitCli(kit, ['list']);
    expect(run.exitCode).toBe(0);
    for (const exercise of loadCourse()) expect(run.stdout).toMatch(new RegExp(`○ ${exercise.meta.id} .* not started`));
  });
});
