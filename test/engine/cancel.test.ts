// Cancelling a grading (watch mode does, when the file is saved mid-run): the grading rejects with GradingCancelled,
// and the Python process it was running is stopped, not left to run out its deadline.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { gradeExercise, GradingCancelled } from '../../grader/engine/grade.js';
import { testPython } from '../helpers/python.js';
import { gradingProcesses, running } from '../helpers/processes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-cancel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The processes this test's own grading started (the warm interpreter, its probes, the sandbox).
async function harnessChildren(): Promise<number[]> {
  return Promise.resolve(gradingProcesses(process.pid));
}

describe.runIf(process.platform === 'linux')('cancelling a grading', () => {
  it('rejects with GradingCancelled and stops the running Python process', async () => {
    const exercise = findExercise(loadCourse(), '02');
    const file = path.join(dir, 'coroutines.py');
    writeFileSync(file, `import time\ntime.sleep(60)\n${readFileSync(path.join(exercise.metaDir, 'solution.py'), 'utf8')}`);
    const controller = new AbortController();
    const grading = gradeExercise(exercise, { python: await testPython(), seed: 1, file, gradeUntouched: true, signal: controller.signal });
    let found: number[] = [];
    for (let i = 0; i < 300 && found.length === 0; i++) {
      found = await harnessChildren();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(found.length).toBeGreaterThan(0);
    controller.abort();
    await expect(grading).rejects.toBeInstanceOf(GradingCancelled);
    expect(found.filter(running)).toEqual([]);
    expect(await harnessChildren()).toEqual([]);
  });

  it('an already cancelled signal grades nothing', async () => {
    const exercise = findExercise(loadCourse(), '02');
    const controller = new AbortController();
    controller.abort();
    const file = path.join(exercise.metaDir, 'solution.py');
    await expect(gradeExercise(exercise, { python: await testPython(), seed: 1, file, gradeUntouched: true, signal: controller.signal })).rejects.toBeInstanceOf(GradingCancelled);
  });
});
