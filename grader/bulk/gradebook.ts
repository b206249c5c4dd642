import { inert } from '../text/inert.js';

// The gradebook a teacher opens in a spreadsheet: a row per submission, a column per exercise, then the total.
// Each bulk run (or shard of one) also keeps it as data, gradebook.json, which the merge command combines.
import type { ExerciseResult } from '../results/types.js';
import { exerciseState } from '../results/assemble.js';

// An exercise's cell: the points scored, or why there are none to show.
export type GradebookCell = number | 'not started' | 'missing';

export interface GradebookRow {
  submission: string;
  // The submission's results document, a file in the same folder as the gradebook.
  resultsFile: string;
  // Exercise id -> its cell.
  cells: Record<string, GradebookCell>;
  total: number;
  maxTotal: number;
  // Exercises the submission has no file for.
  missing: string[];
  error?: string;
}

// A column of the gradebook.
export interface GradebookExercise {
  id: string;
  maxPoints: number;
  // False when the grading policy leaves the exercise out of the total.
  counts: boolean;
}

// gradebook.json: the rows as data, with the slice of the class they cover (see grader/schemas/gradebook.schema.json).
export interface GradebookDocument {
  schemaVersion: 1;
  kit: { name: 'asyncio-lab'; version: string };
  // This run graded slice `index` of `count` (1 of 1 without --shard).
  shard: { index: number; count: number };
  // Every submission folder of the class, in grading order, whichever shard graded it.
  submissions: string[];
  exercises: GradebookExercise[];
  // The rows of the submissions this run graded, in the order of `submissions`.
  rows: GradebookRow[];
}

// The cell for one exercise of a submission: not started (the stub as shipped) and missing (no file) are their own
// values.
export function cellFor(result: ExerciseResult | undefined, missing: boolean): GradebookCell {
  if (missing) return 'missing';
  if (!result) return 0;
  return exerciseState(result) === 'not-started' ? 'not started' : result.points;
}

// CRLF line ends, as RFC 4180 and spreadsheets expect.
export function renderGradebook(document: Pick<GradebookDocument, 'exercises' | 'rows'>): string {
  const { exercises, rows } = document;
  const header = [
    'submission',
    ...exercises.map((e) => `${e.id} (${e.counts ? `/${e.maxPoints}` : 'not counted'})`),
    'total',
    'max',
    'missing',
    'error',
  ];
  const lines = [
    header,
    ...rows.map((row) => [
      row.submission,
      ...exercises.map((e) => String(row.cells[e.id] ?? 0)),
      String(row.total),
      String(row.maxTotal),
      row.missing.join(' '),
      row.error ?? '',
    ]),
  ];
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

// RFC 4180 quoting, and a leading quote mark on anything a spreadsheet would run as a formula (a folder named
// "=cmd|...").
export function csvCell(raw: string): string {
  const value = inert(raw);
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
