// The corpus kept in each exercise's .meta/: the reference solution, solutions in other styles, and labelled mistakes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from '../engine/course.js';

export type CorpusKind = 'stub' | 'solution' | 'alternative' | 'mistake';

export interface CorpusEntry {
  kind: CorpusKind;
  name: string;
  file: string;
  // "# Mistake: ..." or "# Style: ...": what this file shows.
  description: string;
  // "# Caught by: check-a, check-b": the checks a mistake must fail, and no others.
  caughtBy: string[];
  // "# Requires: Python 3.11": the oldest Python the file runs on.
  requires?: [number, number];
}

export function parseHeader(text: string): { description: string; caughtBy: string[]; requires?: [number, number] } {
  let description = '';
  let caughtBy: string[] = [];
  let requires: [number, number] | undefined;
  for (const line of text.split(/\r?\n/).slice(0, 12)) {
    const field = /^#\s*(Mistake|Style|Caught by|Requires):\s*(.+)$/i.exec(line.trim());
    if (!field) continue;
    const [, key = '', value = ''] = field;
    if (/^(mistake|style)$/i.test(key)) description = value.trim();
    else if (/^caught by$/i.test(key))
      caughtBy = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else {
      const version = /(\d+)\.(\d+)/.exec(value);
      if (version) requires = [Number(version[1]), Number(version[2])];
    }
  }
  return { description, caughtBy, ...(requires ? { requires } : {}) };
}

function entriesIn(dir: string, kind: CorpusKind): CorpusEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      return { kind, name: name.replace(/\.py$/, ''), file, ...parseHeader(readFileSync(file, 'utf8')) };
    });
}

export function loadCorpus(exercise: Exercise): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  if (existsSync(exercise.stubFile))
    entries.push({
      kind: 'stub',
      name: 'stub',
      file: exercise.stubFile,
      description: 'the stub as shipped',
      caughtBy: [],
    });
  const solution = path.join(exercise.metaDir, 'solution.py');
  if (existsSync(solution))
    entries.push({
      kind: 'solution',
      name: 'solution',
      file: solution,
      ...parseHeader(readFileSync(solution, 'utf8')),
      description: 'the reference solution',
    });
  entries.push(...entriesIn(path.join(exercise.metaDir, 'alternatives'), 'alternative'));
  entries.push(...entriesIn(path.join(exercise.metaDir, 'mistakes'), 'mistake'));
  return entries;
}

export function runsOn(entry: CorpusEntry, version: string): boolean {
  if (!entry.requires) return true;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > entry.requires[0] || (major === entry.requires[0] && minor >= entry.requires[1]);
}
