import { inert } from '../text/inert.js';

// The gradebook a teacher opens in a spreadsheet: a row per submission, a column per exercise, then the total.
export interface GradebookRow {
  submission: string;
  // Exercise id -> points scored.
  points: Record<string, number>;
  total: number;
  maxTotal: number;
  // Exercises the submission has no file for.
  missing: string[];
  error?: string;
}

// CRLF line ends, as RFC 4180 and spreadsheets expect.
export function renderGradebook(rows: GradebookRow[], exerciseIds: string[], maxPoints: Record<string, number>): string {
  const header = ['submission', ...exerciseIds.map((id) => `${id} (/${maxPoints[id] ?? 0})`), 'total', 'max', 'missing', 'error'];
  const lines = [
    header,
    ...rows.map((row) => [row.submission, ...exerciseIds.map((id) => String(row.points[id] ?? 0)), String(row.total), String(row.maxTotal), row.missing.join(' '), row.error ?? '']),
  ];
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

// RFC 4180 quoting, and a leading quote mark on anything a spreadsheet would run as a formula (a folder named "=cmd|...").
export function csvCell(raw: string): string {
  const value = inert(raw);
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
