// The default results document is the learner's latest grade of every exercise: grading one keeps the others, and
// neither --file nor --json ever loses them. Paths typed on the command line mean files from where they were typed,
// also under `npm run`, which starts the grader in the kit's root.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../grader/results/types.js';
import { runKitCli } from '../helpers/kit-process.js';
import { testPython } from '../helpers/python.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';

let kit: TempKit;
const document = (): RunResults =>
  JSON.parse(readFileSync(path.join(kit.root, '.asyncio-lab', 'results.json'), 'utf8')) as RunResults;
const standing = (results: RunResults): [string, string, boolean][] =>
  results.exercises.map((e) => [e.id, e.status, e.started]);

beforeAll(() => {
  kit = makeTempKit();
  copyFileSync(kit.exercise('01-runners', '.meta', 'solution.py'), kit.exercise('01-runners', 'runners.py'));
});
afterAll(() => kit.remove());

describe('the default results document', () => {
  it('grading one exercise replaces only that exercise in .asyncio-lab/results.json', async () => {
    expect((await runKitCli(kit, ['01'])).exitCode).toBe(0);
    // 02 is the untouched stub: not started is no failure, so the exit code stays 0.
    const second = await runKitCli(kit, ['02']);
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.stdout).toMatch(/Score 0\/9 · 1 not started/);
    expect(standing(document())).toEqual([
      ['01-runners', 'pass', true],
      ['02-coroutines', 'fail', false],
    ]);
    expect(document().score).toEqual({ points: 10, maxPoints: 19 });
    expect((await runKitCli(kit, ['list'])).stdout).toMatch(/01-runners.*done/);
  });

  it('--file grades another file without touching it: list and solution still see the latest grades', async () => {
    const before = readFileSync(path.join(kit.root, '.asyncio-lab', 'results.json'), 'utf8');
    const run = await runKitCli(kit, ['01', '--file', kit.exercise('01-runners', '.meta', 'mistakes', 'no-guard.py')]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/results: \.asyncio-lab\/file-results\.json/);
    expect(readFileSync(path.join(kit.root, '.asyncio-lab', 'results.json'), 'utf8')).toBe(before);
    const other = JSON.parse(
      readFileSync(path.join(kit.root, '.asyncio-lab', 'file-results.json'), 'utf8'),
    ) as RunResults;
    expect(other.exercises[0]?.file).toMatch(/no-guard\.py$/);
    expect((await runKitCli(kit, ['list'])).stdout).toMatch(/01-runners.*done/);
    const solution = await runKitCli(kit, ['solution', '01']);
    expect(solution.exitCode, solution.stderr).toBe(0);
    expect(solution.stdout).toMatch(/Reference solution of 01-runners/);
  });

  it('--json writes exactly this run there and still records it as the latest grade', async () => {
    writeFileSync(
      kit.exercise('02-coroutines', 'coroutines.py'),
      readFileSync(kit.exercise('02-coroutines', '.meta', 'solution.py')),
    );
    const run = await runKitCli(kit, ['02', '--json', 'out/two.json']);
    expect(run.exitCode, run.stdout).toBe(0);
    const written = JSON.parse(readFileSync(path.join(kit.root, 'out', 'two.json'), 'utf8')) as RunResults;
    expect(written.exercises.map((e) => e.id)).toEqual(['02-coroutines']);
    expect(standing(document())).toEqual([
      ['01-runners', 'pass', true],
      ['02-coroutines', 'pass', true],
    ]);
  });
});

describe('paths typed under npm run', () => {
  it('are read from the folder the command was typed in', async () => {
    const python = await testPython();
    const folder = kit.exercise('01-runners');
    const run = await execa(
      'npm',
      ['run', '--silent', 'grade', '--', '01', '--file', 'runners.py', '--json', 'here.json'],
      {
        cwd: folder,
        env: { PYTHON: python.executable, NO_COLOR: '1', GITHUB_ACTIONS: undefined, INIT_CWD: undefined },
        reject: false,
      },
    );
    expect(run.exitCode, `${String(run.stdout)}\n${String(run.stderr)}`).toBe(0);
    expect(existsSync(path.join(folder, 'here.json'))).toBe(true);
    expect(existsSync(path.join(kit.root, 'here.json'))).toBe(false);
    // runners.py typed inside its own folder is the learner's own file: it counts as their latest grade.
    expect(String(run.stdout)).toMatch(/results: here\.json/);
    expect(standing(document())[0]).toEqual(['01-runners', 'pass', true]);
  });
});
