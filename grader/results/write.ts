// Writes the results document: validated against its schema first, then written atomically (temp file, then rename).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResults } from './types.js';
import { validateResults } from './validators.js';
import { escapeControlsInJson } from '../text/inert.js';

export class InvalidResultsError extends Error {
  override name = 'InvalidResultsError';
}

export function writeResults(file: string, results: RunResults): void {
  const problems = validateResults(results);
  if (problems) throw new InvalidResultsError(`the results document does not match its schema: ${problems}`);
  writeAtomically(file, `${escapeControlsInJson(JSON.stringify(results, null, 2))}\n`);
}

export function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
