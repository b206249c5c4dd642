// The learner's saved results document is read back through its schema: a document that is broken, from an older
// kit, or edited by hand counts as no grade at all, never as a grade it does not prove.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLastResults } from '../../grader/learner/last-results.js';
import { fixedResults } from '../reporters/fixed-results.js';

const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-saved-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const saved = (name: string, data: unknown): string => {
  const file = path.join(work, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
};

describe('readLastResults', () => {
  it('reads a document that matches the schema', () => {
    expect(readLastResults(saved('ok.json', fixedResults()))?.results.score).toEqual({ points: 3, maxPoints: 8 });
  });

  it('ignores one that does not: unparsable, a wrong shape, or a hand-made pass', () => {
    expect(readLastResults(saved('broken.json', '{ nope'))).toBeNull();
    expect(readLastResults(saved('shape.json', { exercises: [] }))).toBeNull();
    const forged = fixedResults();
    forged.exercises[0] = { ...forged.exercises[0]!, status: 'passed' as never };
    expect(readLastResults(saved('forged.json', forged))).toBeNull();
    expect(readLastResults(path.join(work, 'none.json'))).toBeNull();
  });
});
