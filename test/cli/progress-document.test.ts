// The default results document is the learner's latest grade of every exercise: grading one keeps the others.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { RunResults } from '../../grader/results/types.js';
import { runKitCli } from '../helpers/kit-process.js';
import { makeTempKit } from '../helpers/temp-kit.js';

it('grading one exercise replaces only that exercise in .asyncio-lab/results.json', async () => {
  const kit = makeTempKit();
  try {
    copyFileSync(kit.exercise('01-runners', '.meta', 'solution.py'), kit.exercise('01-runners', 'runners.py'));
    expect((await runKitCli(kit, ['01'])).exitCode).toBe(0);
    expect((await runKitCli(kit, ['02'])).exitCode).toBe(1);
    const document = JSON.parse(readFileSync(path.join(kit.root, '.asyncio-lab', 'results.json'), 'utf8')) as RunResults;
    expect(document.exercises.map((e) => [e.id, e.status, e.started])).toEqual([
      ['01-runners', 'pass', true],
      ['02-coroutines', 'fail', false],
    ]);
    expect(document.score).toEqual({ points: 10, maxPoints: 19 });
    const list = await runKitCli(kit, ['list']);
    expect(list.stdout).toMatch(/01-runners.*done/);
    // A file graded with --file is not the learner's own exercise file: the document is exactly that run, unmerged.
    await runKitCli(kit, ['02', '--file', kit.exercise('02-coroutines', '.meta', 'solution.py')]);
    const after = JSON.parse(readFileSync(path.join(kit.root, '.asyncio-lab', 'results.json'), 'utf8')) as RunResults;
    expect(after.exercises.map((e) => e.id)).toEqual(['02-coroutines']);
  } finally {
    kit.remove();
  }
});
