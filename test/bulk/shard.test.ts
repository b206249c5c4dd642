// A class graded across machines: the same class graded whole and in three slices merged gives the same gradebook,
// byte for byte; the merge refuses a slice given twice, a slice missing, and slices of different classes or splits.
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inShard, parseShard } from '../../grader/bulk/shard.js';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import type { RunResults } from '../../grader/results/types.js';
import { runCliProcess, type CliProcess } from '../helpers/cli-process.js';

const exercise = findExercise(loadCourse(), '01');
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-shards-'));
const root = path.join(work, 'class');
const out = (name: string): string => path.join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Corpus entries whose verdicts rest on results, not on the clock, so two gradings of them agree on a loaded machine.
const FILES: Record<string, string | null> = {
  ada: 'solution.py',
  bo: 'mistakes/no-guard.py',
  cy: 'mistakes/hard-coded.py',
  di: 'stub.py',
  ed: 'mistakes/plain-def.py',
  fay: 'mistakes/returns-coroutine.py',
  gus: null,
  '=hal': 'mistakes/nested-run.py',
};

async function grade(args: string[]): Promise<CliProcess> {
  // One submission at a time: the two gradings of the class must agree, so they get the calmest machine there is.
  const run = await runCliProcess(['01', '--submissions', root, '--seed', '7', '--jobs', '1', ...args], { cwd: work });
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  return run;
}

beforeAll(async () => {
  for (const [name, file] of Object.entries(FILES)) {
    mkdirSync(path.join(root, name), { recursive: true });
    if (file) copyFileSync(path.join(exercise.metaDir, file), path.join(root, name, exercise.meta.file));
  }
  await grade(['--out', out('whole')]);
  for (const k of [1, 2, 3]) await grade(['--shard', `${k}/3`, '--out', out(`shards/shard-${k}`)]);
}, 600_000);

const readResults = (dir: string, file: string): RunResults =>
  JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as RunResults;

describe('--shard K/N', () => {
  it('splits the sorted class round robin, every submission in exactly one slice', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect([parseShard('3/2'), parseShard('0/1'), parseShard('a/b'), parseShard('1')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const names = Array.from({ length: 10 }, (_, i) => i);
    const slices = [1, 2, 3].map((index) => names.filter((i) => inShard(i, { index, count: 3 })));
    expect(slices.flat().sort((a, b) => a - b)).toEqual(names);
    expect(slices.map((s) => s.length)).toEqual([4, 3, 3]);
  });

  it('grades only its slice, and says which', () => {
    const sizes = [1, 2, 3].map(
      (k) =>
        (JSON.parse(readFileSync(path.join(out(`shards/shard-${k}`), 'gradebook.json'), 'utf8')) as { rows: unknown[] })
          .rows.length,
    );
    expect(sizes).toEqual([3, 3, 2]);
    expect(
      readdirSync(out('shards/shard-3')).filter((f) => f !== 'gradebook.json' && f !== 'gradebook.csv'),
    ).toHaveLength(2);
  });
});

describe('merge', () => {
  let merged: CliProcess;
  beforeAll(async () => {
    merged = await runCliProcess(['merge', 'shards', '--out', 'merged'], { cwd: work });
  });

  it('joins three slices into the same gradebook as grading the class whole, byte for byte', () => {
    expect(merged.exitCode, merged.stderr).toBe(0);
    // Should the two gradings ever disagree, say where: the verdicts of the rows that differ, from both runs.
    const rows = (dir: string): string[] => readFileSync(path.join(out(dir), 'gradebook.csv'), 'utf8').split('\r\n');
    const differing = rows('merged').filter((row) => !rows('whole').includes(row));
    const verdicts = (dir: string, name: string): string =>
      readResults(out(dir), `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.json`)
        .exercises.flatMap((e) =>
          e.checks.map((c) => `${c.id}:${c.status} ${c.status === 'pass' ? '' : (c.message ?? '').slice(0, 120)}`),
        )
        .join('\n');
    const context = differing
      .map(
        (row) =>
          `${row}\nwhole:\n${verdicts('whole', (row.split(',')[0] ?? '').replace(/^'/, ''))}\nmerged:\n${verdicts('merged', (row.split(',')[0] ?? '').replace(/^'/, ''))}`,
      )
      .join('\n\n');
    expect(differing, context).toEqual([]);
    expect(merged.stdout).toMatch(/Merged 3 shards: 8 submissions\. Gradebook: merged\/gradebook\.csv/);
    expect(readFileSync(path.join(out('merged'), 'gradebook.csv'), 'utf8')).toBe(
      readFileSync(path.join(out('whole'), 'gradebook.csv'), 'utf8'),
    );
    expect(readFileSync(path.join(out('merged'), 'gradebook.json'), 'utf8')).toBe(
      readFileSync(path.join(out('whole'), 'gradebook.json'), 'utf8'),
    );
    const csv = readFileSync(path.join(out('whole'), 'gradebook.csv'), 'utf8');
    expect(csv).toMatch(/^di,not started,/m);
    expect(csv).toMatch(/^gus,missing,/m);
  });

  it('brings every results file along, with the same grades as the whole run (times aside)', () => {
    const files = readdirSync(out('whole')).sort();
    expect(readdirSync(out('merged')).sort()).toEqual(files);
    for (const file of files.filter((f) => !f.startsWith('gradebook'))) {
      const grades = (r: RunResults): unknown =>
        r.exercises.map((e) => [e.id, e.status, e.points, e.checks.map((c) => [c.id, c.status])]);
      expect(grades(readResults(out('merged'), file)), file).toEqual(grades(readResults(out('whole'), file)));
    }
  });

  it('refuses a missing slice (a gap), a slice given twice (an overlap), and slices of other splits or classes', async () => {
    const gap = await runCliProcess(['merge', 'shards/shard-1', 'shards/shard-2', '--out', 'gap'], { cwd: work });
    expect(gap.exitCode).toBe(2);
    expect(gap.stderr).toMatch(
      /Shard 3\/3 is missing, so the gradebook would leave learners out\. Grade it \(--shard K\/3\) and merge again\./,
    );
    const twice = await runCliProcess(['merge', 'shards', 'shards/shard-2', '--out', 'twice'], { cwd: work });
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toMatch(/Shard 2\/3 was given twice: shards\/shard-2 and shards\/shard-2\./);
    const other = await runCliProcess(['merge', 'shards/shard-1', 'shards/shard-2', 'whole', '--out', 'mixed'], {
      cwd: work,
    });
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toMatch(/different splits of the class: shards\/shard-1 is one of 3 shards, whole one of 1/);
    // A slice of another class: same split, different submissions.
    cpSync(out('shards/shard-3'), out('foreign'), { recursive: true });
    const foreign = JSON.parse(readFileSync(path.join(out('foreign'), 'gradebook.json'), 'utf8')) as {
      submissions: string[];
    };
    foreign.submissions = [...foreign.submissions, 'zed'];
    writeFileSync(path.join(out('foreign'), 'gradebook.json'), JSON.stringify(foreign));
    const mixed = await runCliProcess(['merge', 'shards/shard-1', 'shards/shard-2', 'foreign', '--out', 'mixed'], {
      cwd: work,
    });
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toMatch(/graded different class folders/);
    for (const dir of ['gap', 'twice', 'mixed']) expect(() => readdirSync(out(dir))).toThrow();
  });

  it('refuses a folder with no gradebook, saying what it wants', async () => {
    const run = await runCliProcess(['merge', 'class', '--out', 'x'], { cwd: work });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/class holds no gradebook\.json, and no folders that do/);
  });
});
