// `--format gradescope --json PATH`, run as a process: the file it writes is valid against Gradescope's format.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import type { GradescopeResults } from '../../grader/reporters/gradescope.js';
import { runCliProcess } from '../helpers/cli-process.js';
import { gradescopeProblems } from '../helpers/gradescope-schema.js';

const exercise = findExercise(loadCourse(), '01');
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-gs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run grade -- --format gradescope', () => {
  it("writes Gradescope's results.json for a submission with a known mistake", async () => {
    const target = path.join(work, 'results', 'results.json');
    const mistake = path.join(exercise.metaDir, 'mistakes', 'no-guard.py');
    const run = await runCliProcess(['01', '--file', mistake, '--format', 'gradescope', '--json', target], {
      env: { GITHUB_ACTIONS: undefined },
    });
    expect(run.exitCode, run.stderr).toBe(1);
    const written = JSON.parse(readFileSync(target, 'utf8')) as GradescopeResults;
    expect(gradescopeProblems(written)).toBeNull();
    const checks = exercise.meta.tasks.flatMap((t) => t.checks);
    expect(written.tests).toHaveLength(checks.length);
    const failed = written.tests.filter((t) => t.status === 'failed');
    expect(failed.map((t) => t.name)).toEqual([expect.stringContaining('importing the file runs nothing')]);
    expect(failed[0]?.output).toMatch(/runs? nothing|__main__/);
    expect(written.score).toBe(written.tests.reduce((s, t) => s + t.score, 0));
    expect(written.score).toBe(checks.reduce((s, c) => s + c.points, 0) - (failed[0]?.max_score ?? 0));
  });

  it('needs --json', async () => {
    const run = await runCliProcess(['01', '--format', 'gradescope']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--format gradescope writes a file: say where with --json.');
  });
});
