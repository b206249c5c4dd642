// The CLI run as GitHub Actions runs it: GITHUB_ACTIONS=true, with the step summary and outputs in temporary files.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { execa } from 'execa';
import {
  kitDir,
  runCliProcess as runCli,
  type CliProcess as CliRun,
  type CliProcess as KitRun,
} from '../helpers/cli-process.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';
import { gradeArguments, stepScript } from '../helpers/workflow-step.js';

const exercise = findExercise(loadCourse(), '01');
const checks = exercise.meta.tasks.flatMap((t) => t.checks);
const max = checks.reduce((sum, c) => sum + c.points, 0);
// The time-sleep mistake fails exactly this check.
const blocked = checks.find((c) => c.id === 'waits-without-blocking')?.points ?? 0;
const scored = max - blocked;
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-gha-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Parses `name<<delimiter\nvalue\ndelimiter` blocks of a GITHUB_OUTPUT file.
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1] ?? ''] = match[3] ?? '';
  return outputs;
}

describe('grading on GitHub Actions', () => {
  let run: CliRun;
  const summary = path.join(work, 'summary.md');
  const outputs = path.join(work, 'outputs.txt');
  const learnerFile = path.join(work, exercise.meta.file);

  beforeAll(async () => {
    // A learner who used time.sleep in a coroutine: line 8 of their file blocks the loop.
    copyFileSync(path.join(exercise.metaDir, 'mistakes', 'time-sleep.py'), learnerFile);
    writeFileSync(summary, '');
    writeFileSync(outputs, '');
    run = await runCli(['01', '--file', learnerFile, '--json', path.join(work, 'out', 'results.json')], {
      cwd: work,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: outputs },
    });
  });

  it('exits 1 because a check fails', () => {
    expect(run.exitCode, run.stderr).toBe(1);
  });

  it('writes an error annotation at the learner file and line on stdout', () => {
    const line =
      readFileSync(learnerFile, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('time.sleep(')) + 1;
    expect(line).toBeGreaterThan(0);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toContain(`file=${exercise.meta.file},line=${line}::`);
    expect(annotations[0]).toMatch(/::The event loop was blocked for .* at runners\.py:\d+/);
  });

  it('writes the job summary table with marks, points, the total and the failed check message', () => {
    const text = readFileSync(summary, 'utf8');
    expect(text).toContain('| | Exercise | Check | Points |');
    expect(text).toContain(`| ❌ | **01-runners** | ${exercise.meta.title} | **${scored}/${max}** |`);
    expect(text).toContain(`| ❌ | | 1. wait_and_return waits without blocking the loop | 0/${blocked} |`);
    expect(text).toMatch(/\| ✅ \| \| 1\. wait_and_return returns its value \| 1\/1 \|/);
    expect(text).toContain(`| | **Total** | | **${scored}/${max}** |`);
    expect(text).toMatch(/### What to fix[\s\S]*The event loop was blocked/);
  });

  it("sets the score, max-score and results-path outputs, and the grading policy's verdict", () => {
    expect(readOutputs(outputs)).toEqual({
      score: String(scored),
      'max-score': String(max),
      'results-path': 'out/results.json',
      passed: 'false',
      verdict: expect.stringMatching(new RegExp(`^Score ${scored}/${max}: 1 check fails`)) as string,
    });
    const results = JSON.parse(readFileSync(path.join(work, 'out', 'results.json'), 'utf8')) as {
      score: { points: number };
    };
    expect(results.score.points).toBe(scored);
  });
});

describe('when the summary cannot be written', () => {
  it('warns, and still annotates, sets outputs and grades', async () => {
    const work2 = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-gha-'));
    try {
      const outputs = path.join(work2, 'outputs.txt');
      writeFileSync(outputs, '');
      const learnerFile = path.join(work2, exercise.meta.file);
      copyFileSync(path.join(exercise.metaDir, 'solution.py'), learnerFile);
      const run = await runCli(['01', '--file', learnerFile, '--json', path.join(work2, 'results.json')], {
        cwd: work2,
        env: {
          GITHUB_ACTIONS: 'true',
          GITHUB_STEP_SUMMARY: path.join(work2, 'no-such-dir', 'summary.md'),
          GITHUB_OUTPUT: outputs,
        },
      });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^::warning::asyncio-lab could not write the job summary/m);
      expect(readOutputs(outputs)).toMatchObject({ score: String(max), 'max-score': String(max) });
    } finally {
      rmSync(work2, { recursive: true, force: true });
    }
  });
});

describe('outside GitHub Actions', () => {
  it('prints no workflow commands', async () => {
    const run = await runCli(
      ['01', '--file', path.join(exercise.metaDir, 'solution.py'), '--json', path.join(work, 'local.json')],
      {
        cwd: kitDir,
        env: { GITHUB_ACTIONS: undefined },
      },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Score ${max}/${max}`);
    expect(run.stdout).not.toMatch(/^::/m);
  });
});

// The learner's workflow as GitHub runs it, on a temporary kit: the grade step's command with the GitHub environment
// files, then the "Apply the pass policy" step's own script with the grade step's outputs.
describe("the learner's workflow (grade.yml), simulated", () => {
  const workflow = readFileSync(path.join(kitDir, '.github', 'workflows', 'grade.yml'), 'utf8');
  const kits: TempKit[] = [];
  afterAll(() => kits.forEach((k) => k.remove()));

  async function runWorkflow(prepare: (kit: TempKit) => void): Promise<{
    grade: KitRun;
    outputs: Record<string, string>;
    summary: string;
    policy: { exitCode: number; stdout: string };
  }> {
    const kit = makeTempKit();
    kits.push(kit);
    prepare(kit);
    const summary = path.join(kit.root, 'summary.md');
    const outputs = path.join(kit.root, 'outputs.txt');
    writeFileSync(summary, '');
    writeFileSync(outputs, '');
    const grade = await runCli([...gradeArguments(workflow)], {
      cwd: kit.root,
      bin: kit.bin,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: outputs },
    });
    const values = readOutputs(outputs);
    const policy = await execa('bash', ['-e', '-c', stepScript(workflow, 'Apply the pass policy')], {
      env: { PASSED: values.passed ?? '', VERDICT: values.verdict ?? '' },
      reject: false,
    });
    return {
      grade,
      outputs: values,
      summary: readFileSync(summary, 'utf8'),
      policy: { exitCode: policy.exitCode ?? -1, stdout: String(policy.stdout) },
    };
  }

  it('is not red on the untouched template, and says why', async () => {
    const { grade, outputs, summary, policy } = await runWorkflow(() => undefined);
    expect(grade.exitCode, grade.stderr).toBe(0);
    expect(outputs.passed).toBe('true');
    expect(policy.exitCode).toBe(0);
    expect(policy.stdout).toMatch(/^Nothing graded yet: all \d+ exercises are still as shipped/);
    expect(summary).toMatch(/✅ \*\*Grading policy:\*\* Nothing graded yet/);
    expect(summary).not.toContain('❌');
    expect(summary).toMatch(/⚪ Not started yet: \*\*01-runners\*\*/);
    // Not started is neutral: no annotations at all.
    expect(grade.stdout).not.toMatch(/^::error/m);
  });

  it('is red while a graded check fails, and green once every graded check passes with the rest not started', async () => {
    const failing = await runWorkflow((kit) =>
      copyFileSync(
        kit.exercise('01-runners', '.meta', 'mistakes', 'no-guard.py'),
        kit.exercise('01-runners', 'runners.py'),
      ),
    );
    expect(failing.grade.exitCode).toBe(1);
    expect(failing.policy.exitCode).toBe(1);
    expect(failing.policy.stdout).toMatch(/^::error::Score \d+\/\d+: 1 check fails/);
    const passing = await runWorkflow((kit) =>
      copyFileSync(kit.exercise('01-runners', '.meta', 'solution.py'), kit.exercise('01-runners', 'runners.py')),
    );
    expect(passing.grade.exitCode).toBe(0);
    expect(passing.policy.exitCode).toBe(0);
    expect(passing.policy.stdout).toMatch(/every graded check passes \(\d+ exercises not started yet\)/);
  });

  it('applies the minimum score from grading-policy.json', async () => {
    const below = await runWorkflow((kit) => {
      copyFileSync(kit.exercise('01-runners', '.meta', 'solution.py'), kit.exercise('01-runners', 'runners.py'));
      writeFileSync(path.join(kit.root, 'grading-policy.json'), JSON.stringify({ minScore: max + 1 }));
    });
    expect(below.grade.exitCode).toBe(0);
    expect(below.policy.exitCode).toBe(1);
    expect(below.policy.stdout).toMatch(new RegExp(`is below the course's minimum of ${max + 1}`));
  });
});
