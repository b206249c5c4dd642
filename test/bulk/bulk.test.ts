// A teacher's bulk run, as a process: 30 generated submissions (solutions, mistakes, stubs, hostile code) graded
// several at once, each with its correct verdict, one results file each and a gradebook row each.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSubmissions, type SampleSubmission } from '../../bench/sample-submissions.js';
import { loadCourse } from '../../grader/engine/course.js';
import { validateResults } from '../../grader/results/validators.js';
import type { RunResults } from '../../grader/results/types.js';
import { runCliProcess, type CliProcess } from '../helpers/cli-process.js';
import { testPython } from '../helpers/python.js';

const COUNT = 30;
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-bulk-'));
const root = path.join(work, 'class');
const out = path.join(work, 'grades');
const course = loadCourse();
let submissions: SampleSubmission[];
let run: CliProcess;
let before: Record<string, string>;

// Every file under a folder (links not followed) with the sha256 of its content.
function snapshot(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    found[path.relative(dir, full)] = entry.isFile()
      ? createHash('sha256').update(readFileSync(full)).digest('hex')
      : entry.isSymbolicLink()
        ? 'link'
        : 'dir';
  }
  return found;
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  const python = await testPython();
  submissions = buildSubmissions(root, COUNT, python.version);
  before = snapshot(root);
  run = await runCliProcess(['--submissions', root, '--out', out], { env: { GITHUB_ACTIONS: undefined } });
}, 900_000);

function resultsOf(index: number): RunResults {
  const file = path.join(out, `${(submissions[index]?.name ?? '').replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  expect(validateResults(data)).toBeNull();
  return data as RunResults;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trimEnd().split('\r\n')) {
    const cells: string[] = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      const raw = m[1] ?? '';
      cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

describe('npm run grade -- --submissions DIR', () => {
  it('grades every submission and exits 0, showing progress', () => {
    expect(submissions).toHaveLength(COUNT);
    expect(run.exitCode, run.stderr).toBe(0);
    const progress = run.stdout.split('\n').filter((l) => /^\[\s*\d+\/30\]/.test(l));
    expect(progress).toHaveLength(COUNT);
    expect(run.stdout).toMatch(/Graded 30 submissions in/);
  });

  it('gives each submission its correct verdict', () => {
    submissions.forEach((submission, index) => {
      const results = resultsOf(index);
      const context = `${submission.name} (seed ${results.seed})\n${results.exercises.map((e) => `${e.id} ${e.status} ${e.checks.map((c) => `${c.id}:${c.status}`).join(' ')} ${e.message ?? ''}`).join('\n')}`;
      expect(
        results.exercises.map((e) => e.id),
        context,
      ).toEqual(course.map((e) => e.meta.id));
      const expectation = submission.expect;
      if (expectation.kind === 'empty') {
        expect(results.score.points, context).toBe(0);
        expect(
          results.exercises.every((e) => e.status === 'error'),
          context,
        ).toBe(true);
        return;
      }
      const graded = results.exercises.find((e) => e.id === expectation.exercise);
      for (const other of results.exercises.filter((e) => e.id !== expectation.exercise)) {
        expect(other.status, context).toBe('error');
        expect(other.message, context).toMatch(/^This submission has no \w+\.py\.$/);
      }
      if (expectation.kind === 'broken') {
        expect(graded?.status, context).toBe('error');
        expect(graded?.points, context).toBe(0);
        return;
      }
      const failing = (graded?.checks ?? []).filter((c) => c.status !== 'pass');
      const { entry } = expectation;
      if (entry.kind === 'stub') {
        expect(graded?.started, context).toBe(false);
        expect(failing.length, context).toBe(graded?.checks.length);
      } else if (entry.kind === 'mistake') {
        expect(failing.map((c) => c.id).sort(), context).toEqual([...entry.caughtBy].sort());
        expect(
          failing.every((c) => c.status === 'fail'),
          context,
        ).toBe(true);
      } else {
        expect(failing, context).toEqual([]);
      }
    });
  });

  it('writes a gradebook: a row per submission, a column per exercise, the total, and errors', () => {
    const rows = parseCsv(readFileSync(path.join(out, 'gradebook.csv'), 'utf8'));
    const [header, ...body] = rows;
    expect(header?.slice(1, 1 + course.length).map((h) => h.replace(/ \(.*$/, ''))).toEqual(
      course.map((e) => e.meta.id),
    );
    expect(header?.slice(1 + course.length)).toEqual(['total', 'max', 'missing', 'error']);
    expect(body).toHaveLength(COUNT);
    submissions.forEach((submission, index) => {
      const results = resultsOf(index);
      const row = body.find((r) => r[0] === submission.name || r[0] === `'${submission.name}`);
      expect(row, submission.name).toBeDefined();
      // Not started and missing are their own values, apart from an attempted 0.
      const missing = (e: RunResults['exercises'][number]): boolean => /^This submission has no /.test(e.message ?? '');
      const expected = results.exercises.map((e) =>
        missing(e) ? 'missing' : !e.started && e.status !== 'error' ? 'not started' : String(e.points),
      );
      expect(row?.slice(1, 1 + course.length), submission.name).toEqual(expected);
      expect(Number(row?.[1 + course.length])).toBe(results.score.points);
      const expectation = submission.expect;
      if (expectation.kind === 'corpus') {
        // A learner who handed in one exercise: no error, the others listed as missing.
        expect(row?.at(-1), submission.name).toBe('');
        expect(row?.at(-2), submission.name).toBe(
          course
            .map((e) => e.meta.id)
            .filter((id) => id !== expectation.exercise)
            .join(' '),
        );
      } else {
        expect(row?.at(-1), submission.name).not.toBe('');
      }
    });
    // A name a spreadsheet would run as a formula is quoted.
    expect(body.some((r) => r[0]?.startsWith("'=1+2"))).toBe(true);
  });

  it('never changes the submissions', () => {
    expect(snapshot(root)).toEqual(before);
  });
});
