// Gradescope's two scripts, run as Gradescope runs them (AUTOGRADER_ROOT stands for /autograder): setup.sh refreshes
// the package lists of a fresh image before installing anything; run_autograder grades a submission with advice that
// fits Gradescope, and says "not started" rather than "failing".
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { kitRoot } from '../../grader/paths.js';
import type { GradescopeResults } from '../../grader/reporters/gradescope.js';
import { gradescopeProblems } from '../helpers/gradescope-schema.js';
import { testPython } from '../helpers/python.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';

const examples = path.join(kitRoot, 'examples', 'gradescope');
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-gradescope-'));
const kits: TempKit[] = [];
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  kits.forEach((k) => k.remove());
});
const course = loadCourse();
const first = findExercise(course, '01');

describe('setup.sh on a fresh image', () => {
  it('runs apt-get update before any apt-get install, then installs Node.js and builds the kit', async () => {
    const root = path.join(work, 'setup');
    const bin = path.join(root, 'bin');
    const log = path.join(root, 'calls.log');
    mkdirSync(path.join(root, 'source', 'asyncio-lab'), { recursive: true });
    mkdirSync(bin, { recursive: true });
    // Stand-ins that only record how they were called (and from where), so nothing is installed here.
    for (const tool of ['apt-get', 'curl', 'bash', 'npm']) {
      writeFileSync(
        path.join(bin, tool),
        `#!/bin/sh\necho "${tool} $* @ $(pwd)" >> "${log}"\ncat > /dev/null 2>&1 || true\n`,
      );
      chmodSync(path.join(bin, tool), 0o755);
    }
    const run = await execa('/bin/bash', [path.join(examples, 'setup.sh')], {
      env: { PATH: `${bin}:/usr/bin:/bin`, AUTOGRADER_ROOT: root },
      reject: false,
      stdin: 'ignore',
    });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    const firstInstall = calls.findIndex((c) => c.startsWith('apt-get install'));
    expect(calls[0]).toMatch(/^apt-get update /);
    expect(firstInstall).toBeGreaterThan(0);
    expect(calls.slice(firstInstall)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^apt-get install -y --no-install-recommends .*python3/),
        expect.stringMatching(/^apt-get install -y --no-install-recommends nodejs/),
      ]),
    );
    expect(calls.at(-1)).toBe(`npm ci @ ${path.join(root, 'source', 'asyncio-lab')}`);
  });
});

describe('run_autograder', () => {
  async function autograde(
    files: Record<string, string>,
    env: Record<string, string> = {},
  ): Promise<GradescopeResults> {
    const kit = makeTempKit();
    kits.push(kit);
    const root = mkdtempSync(path.join(work, 'autograder-'));
    mkdirSync(path.join(root, 'source'), { recursive: true });
    symlinkSync(kit.root, path.join(root, 'source', 'asyncio-lab'), 'dir');
    mkdirSync(path.join(root, 'submission', 'nested'), { recursive: true });
    for (const [name, from] of Object.entries(files)) copyFileSync(from, path.join(root, 'submission', 'nested', name));
    const python = await testPython();
    const run = await execa('/bin/bash', [path.join(examples, 'run_autograder')], {
      env: { AUTOGRADER_ROOT: root, PYTHON: python.executable, NO_COLOR: '1', GITHUB_ACTIONS: undefined, ...env },
      reject: false,
      stdin: 'ignore',
    });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const results = JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as GradescopeResults;
    expect(gradescopeProblems(results)).toBeNull();
    return results;
  }

  it('grades the files found, and tells a learner who did not submit a file to submit it by name', async () => {
    const results = await autograde({ [first.meta.file]: path.join(first.metaDir, 'solution.py') });
    const ours = results.tests.filter((t) => t.name.startsWith(first.meta.id));
    expect(ours.every((t) => t.status === 'passed')).toBe(true);
    const others = results.tests.filter((t) => !t.name.startsWith(first.meta.id));
    expect(others.length).toBeGreaterThan(0);
    for (const test of others) {
      expect(test.output).toMatch(/^Your submission has no \w+\.py\. Submit your file with exactly that name/);
      expect(test.output).not.toMatch(/--file/);
    }
    expect(results.score).toBe(ours.reduce((sum, t) => sum + t.max_score, 0));
  });

  it('says "not started", not "failing", for a file handed in as shipped', async () => {
    const results = await autograde({ [first.meta.file]: first.stubFile }, { EXERCISE: '01' });
    expect(results.tests.every((t) => t.name.endsWith('(not started)'))).toBe(true);
    expect(results.output).toMatch(/^Score 0\/\d+\. Nothing is graded yet\. 1 exercise is not started yet/);
    expect(results.output).not.toMatch(/failing|fail /);
  });

  it('one exercise per assignment (EXERCISE=01): a missing file gets the same advice', async () => {
    const results = await autograde({}, { EXERCISE: '01' });
    expect(results.tests.length).toBe(first.meta.tasks.flatMap((t) => t.checks).length);
    expect(results.tests[0]?.output).toMatch(
      new RegExp(`^Your submission has no ${first.meta.file.replace('.', '\\.')}\\.`),
    );
  });
});
