// The CLI run as GitHub Actions runs it: GITHUB_ACTIONS=true, with the step summary and outputs in temporary files.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { kitDir, runCliProcess as runCli, type CliProcess as CliRun } from '../helpers/cli-process.js';

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
    const line = readFileSync(learnerFile, 'utf8').split('\n').findIndex((l) => l.includes('time.sleep(')) + 1;
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

  it('sets the score, max-score and results-path outputs', () => {
    expect(readOutputs(outputs)).toEqual({ score: String(scored), 'max-score': String(max), 'results-path': 'out/results.json' });
    const results = JSON.parse(readFileSync(path.join(work, 'out', 'results.json'), 'utf8')) as { score: { points: number } };
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
        env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: path.join(work2, 'no-such-dir', 'summary.md'), GITHUB_OUTPUT: outputs },
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
    const run = await runCli(['01', '--file', path.join(exercise.metaDir, 'solution.py'), '--json', path.join(work, 'local.json')], {
      cwd: kitDir,
      env: { GITHUB_ACTIONS: undefined },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Score ${max}/${max}`);
    expect(run.stdout).not.toMatch(/^::/m);
  });
});
