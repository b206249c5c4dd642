// Grading a class across many machines: `--shard K/N` picks one deterministic slice of the submissions, and the merge
// command joins the slices' gradebooks into one, refusing a slice twice (an overlap) or a slice missing (a gap).
import * as say from '../messages.js';
import type { GradebookDocument, GradebookRow } from './gradebook.js';

export interface Shard {
  // 1-based.
  index: number;
  count: number;
}

export const WHOLE_CLASS: Shard = { index: 1, count: 1 };

// "2/3" -> { index: 2, count: 3 }; null for anything else.
export function parseShard(text: string): Shard | null {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : null;
}

// Submission K of every N, counted in the sorted order of the class folder: the same on every machine, and the
// slices' sizes differ by one at most.
export function inShard(position: number, shard: Shard): boolean {
  return position % shard.count === shard.index - 1;
}

// A gradebook in the making from the slices found so far; `problem` says why they cannot be joined.
export type Merged = { document: GradebookDocument } | { problem: string };

// Joins every slice of one class into the gradebook of the whole class, rows in the class's order; `source` names
// where each slice came from, for the messages.
export function mergeGradebooks(slices: { source: string; document: GradebookDocument }[]): Merged {
  const [first] = slices;
  if (!first) return { problem: say.mergeNothing() };
  const { count } = first.document.shard;
  const classList = first.document.submissions;
  const columns = JSON.stringify(first.document.exercises);
  const byIndex = new Map<number, string>();
  for (const { source, document } of slices) {
    if (document.shard.count !== count)
      return { problem: say.mergeDifferentCounts(first.source, count, source, document.shard.count) };
    if (JSON.stringify(document.submissions) !== JSON.stringify(classList))
      return { problem: say.mergeDifferentClass(first.source, source) };
    if (JSON.stringify(document.exercises) !== columns)
      return { problem: say.mergeDifferentExercises(first.source, source) };
    const earlier = byIndex.get(document.shard.index);
    if (earlier !== undefined) return { problem: say.mergeOverlap(document.shard.index, count, earlier, source) };
    byIndex.set(document.shard.index, source);
  }
  const absent = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (absent.length > 0) return { problem: say.mergeGap(absent, count) };
  const rows = new Map<string, { row: GradebookRow; source: string }>();
  for (const { source, document } of slices) {
    for (const row of document.rows) {
      const seen = rows.get(row.submission);
      if (seen) return { problem: say.mergeSubmissionTwice(row.submission, seen.source, source) };
      rows.set(row.submission, { row, source });
    }
  }
  const ungraded = classList.filter((name) => !rows.has(name));
  if (ungraded.length > 0) return { problem: say.mergeSubmissionsMissing(ungraded) };
  const stray = [...rows.keys()].filter((name) => !classList.includes(name));
  if (stray.length > 0)
    return { problem: say.mergeDifferentClass(first.source, rows.get(stray[0] ?? '')?.source ?? first.source) };
  return {
    document: {
      ...first.document,
      shard: { index: 1, count: 1 },
      rows: classList.map((name) => rows.get(name)?.row).filter((row): row is GradebookRow => row !== undefined),
    },
  };
}
