// Cancelling a grading (watch mode does, when the file is saved mid-run): the grading rejects with GradingCancelled,
// and the Python process it was running is stopped, not left to run out its deadline.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExercise, loadCourse, type Exercise } from '../../grader/engine/course.js';
import { gradeExercise, GradingCancelled } from '../../grader/engine/grade.js';
import type { Probe } from '../../grader/engine/types.js';
import { testPython } from '../helpers/python.js';
import { gradingProcesses, probeProcesses, running } from '../helpers/processes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-cancel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The processes this test's own grading started (the warm interpreter, its probes, the sandbox).
async function harnessChildren(): Promise<number[]> {
  return Promise.resolve(gradingProcesses(process.pid));
}

// The exercise with every probe's deadline ten minutes away: a run that ends soon after the cancel was ended by it.
function withLongDeadlines(exercise: Exercise): Exercise {
  return {
    ...exercise,
    loadGrader: async () => {
      const grader = await exercise.loadGrader();
      const longer = new Map<Probe<unknown>, Probe<unknown>>();
      const lengthen = (probe: Probe<unknown>): Probe<unknown> => {
        const made = longer.get(probe) ?? {
          name: probe.name,
          plan: (rng, fixture, scope) => ({ ...probe.plan(rng, fixture, scope), deadlineSeconds: 600 }),
        };
        longer.set(probe, made);
        return made;
      };
      return {
        ...grader,
        checks: Object.fromEntries(
          Object.entries(grader.checks).map(([id, impl]) => [id, { ...impl, probe: lengthen(impl.probe) }]),
        ),
      };
    },
  };
}

describe.runIf(process.platform === 'linux')('cancelling a grading', () => {
  it('rejects with GradingCancelled and stops the running Python process', async () => {
    const exercise = withLongDeadlines(findExercise(loadCourse(), '02'));
    const file = path.join(dir, 'coroutines.py');
    writeFileSync(
      file,
      `import time\ntime.sleep(60)\n${readFileSync(path.join(exercise.metaDir, 'solution.py'), 'utf8')}`,
    );
    const controller = new AbortController();
    const grading = gradeExercise(exercise, {
      python: await testPython(),
      seed: 1,
      file,
      gradeUntouched: true,
      signal: controller.signal,
    });
    let found: number[] = [];
    for (let i = 0; i < 1200 && found.length === 0; i++) {
      found = probeProcesses(process.pid);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(found.length).toBeGreaterThan(0);
    controller.abort();
    // Only the cancel can end this run before the test's own timeout: its deadline is ten minutes away.
    await expect(grading).rejects.toBeInstanceOf(GradingCancelled);
    expect(found.filter(running)).toEqual([]);
    expect(await harnessChildren()).toEqual([]);
  });

  it('an already cancelled signal grades nothing', async () => {
    const exercise = findExercise(loadCourse(), '02');
    const controller = new AbortController();
    controller.abort();
    const file = path.join(exercise.metaDir, 'solution.py');
    await expect(
      gradeExercise(exercise, {
        python: await testPython(),
        seed: 1,
        file,
        gradeUntouched: true,
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(GradingCancelled);
  });
});
