// Builds a folder of sample submissions from the exercises' .meta/ corpora (solutions, alternatives, mistakes, stubs)
// mixed with broken and hostile ones, each with the verdict it must get. Used by the bulk test and bench/bulk.ts.
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCourse, type Exercise } from '../grader/engine/course.js';
import { loadCorpus, runsOn, type CorpusEntry } from '../grader/maintainer/corpus.js';

export type Expectation =
  // The exercise graded from this corpus entry: solutions pass every check, a mistake fails exactly its checks,
  // a stub is "not started".
  | { kind: 'corpus'; exercise: string; entry: CorpusEntry }
  // The exercise's file could not run: every check of it is an error, and the row carries an error.
  | { kind: 'broken'; exercise: string; what: string }
  // Nothing gradable: every exercise missing or refused, the row has an error.
  | { kind: 'empty'; what: string };

export interface SampleSubmission {
  name: string;
  expect: Expectation;
}

// Learner files that break in each way the grader must survive; all of them end in `error` for every check.
const HOSTILE: Record<string, string> = {
  'syntax-error': 'async def main(:\n    pass\n',
  'infinite-import': 'while True:\n    pass\n',
  'os-exit-at-import': 'import os\nos._exit(3)\n',
  'flood-at-import': 'while True:\n    print("x" * 1000)\n',
  'exception-at-import': 'raise RuntimeError("boom")\n',
  'child-at-import':
    'import subprocess, sys\nsubprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])\nraise SystemExit(1)\n',
};

function place(root: string, name: string, exercise: Exercise, layout: 'kit' | 'flat'): string {
  const dir = layout === 'kit' ? path.join(root, name, 'exercises', exercise.meta.id) : path.join(root, name);
  mkdirSync(dir, { recursive: true });
  if (layout === 'kit') writeFileSync(path.join(root, name, 'package.json'), '{"name": "asyncio-lab"}\n');
  return path.join(dir, exercise.meta.file);
}

// `count` submissions in `root`, for the Python version `python` (corpus files that need a newer one are skipped).
export function buildSubmissions(root: string, count: number, python: string): SampleSubmission[] {
  const course = loadCourse();
  const out: SampleSubmission[] = [];
  const first = course[0];
  if (!first) throw new Error('no exercises are registered');
  const add = (name: string, expect: Expectation): void => {
    out.push({ name: `${name}-${String(out.length + 1).padStart(2, '0')}`, expect });
  };

  // Broken and hostile submissions first, each for one exercise in turn.
  Object.entries(HOSTILE).forEach(([what, code], index) => {
    const exercise = course[index % course.length] ?? first;
    add(`hostile-${what}`, { kind: 'broken', exercise: exercise.meta.id, what });
    writeFileSync(place(root, out.at(-1)?.name ?? '', exercise, index % 2 === 0 ? 'flat' : 'kit'), code);
  });
  add('empty', { kind: 'empty', what: 'an empty folder' });
  mkdirSync(path.join(root, out.at(-1)?.name ?? ''), { recursive: true });
  add('link-to-system-file', { kind: 'empty', what: 'a link to a file outside the submission' });
  mkdirSync(path.join(root, out.at(-1)?.name ?? ''), { recursive: true });
  try {
    symlinkSync(path.resolve(root, '..'), path.join(root, out.at(-1)?.name ?? '', first.meta.file));
  } catch {
    // Windows without the right to make links: the folder stays empty, which must be graded the same way.
  }
  add('=1+2', { kind: 'empty', what: 'a folder name a spreadsheet would run' });
  mkdirSync(path.join(root, out.at(-1)?.name ?? ''), { recursive: true });

  // Then the corpora, round robin across exercises so every registered exercise and every kind appears.
  const queues = course.map((exercise) => ({
    exercise,
    entries: loadCorpus(exercise).filter((e) => runsOn(e, python)),
  }));
  for (let round = 0; out.length < count; round += 1) {
    let placed = false;
    for (const { exercise, entries } of queues) {
      const entry = entries[round];
      if (!entry || out.length >= count) continue;
      placed = true;
      add(`${exercise.meta.id.slice(0, 2)}-${entry.kind}-${entry.name}`, {
        kind: 'corpus',
        exercise: exercise.meta.id,
        entry,
      });
      copyFileSync(entry.file, place(root, out.at(-1)?.name ?? '', exercise, round % 2 === 0 ? 'kit' : 'flat'));
    }
    if (!placed) break;
  }
  return out;
}
