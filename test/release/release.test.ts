// `npm run release -- DIR`, as a teacher runs it and as a learner then uses it: the README's set-up commands on a clean
// clone of the student edition grade every exercise as not started; nothing in it is a reference solution, an
// alternative or a labelled mistake (every shipped .py is graded as every exercise: an exercise's own stub, graded as a
// learner's file is, passes no check; any other file passes no check that an empty file or a trivial asyncio program
// does not pass too); its manifest is its own; `solution` says where solutions come from; and the teacher's full
// kit grades a learner's copy of it with every check.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPool } from '../../grader/bulk/pool.js';
import { loadCourse } from '../../grader/engine/course.js';
import { gradeExercise } from '../../grader/engine/grade.js';
import { loadCorpus } from '../../grader/maintainer/corpus.js';
import { kitRoot } from '../../grader/paths.js';
import type { RunResults } from '../../grader/results/types.js';
import { runCliProcess } from '../helpers/cli-process.js';
import { testPython } from '../helpers/python.js';

const course = loadCourse();
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-release-'));
const edition = path.join(work, 'student');
const clone = path.join(work, 'clone');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const normalise = (text: string): string => text.replace(/\r\n/g, '\n').trim();

// Every file of a folder, kit-relative, leaving out what installing and building add.
function filesOf(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (['node_modules', 'dist', '.git', '.asyncio-lab'].includes(entry.name)) return [];
    return entry.isDirectory() ? filesOf(root, relative) : [relative];
  });
}

let release: { exitCode: number; stdout: string; stderr: string };
const setUp: { command: string; exitCode: number; output: string }[] = [];
let graded: { exitCode: number; stdout: string; stderr: string };

beforeAll(async () => {
  // As `npm run release -- student` typed in `work`: npm starts the script in the kit's root and says where it was
  // typed.
  const run = await execa(process.execPath, [path.join(kitRoot, 'dist', 'scripts', 'release.js'), 'student'], {
    cwd: kitRoot,
    env: { INIT_CWD: work, npm_lifecycle_event: 'release' },
    reject: false,
  });
  release = { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
  if (release.exitCode !== 0) return;
  // A clean clone, as a learner gets it.
  const git = (args: string[], cwd: string) =>
    execa('git', args, {
      cwd,
      env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
    });
  await git(['init', '-q'], edition);
  await git(['add', '-A'], edition);
  await git(['commit', '-qm', 'the student edition'], edition);
  await git(['clone', '-q', edition, clone], work);
  // The README's set-up commands, as written (the packages come from npm's cache when it has them).
  const readme = readFileSync(path.join(clone, 'README.md'), 'utf8');
  const block = /## Set up[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const python = await testPython();
  for (const line of block
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)) {
    const result = await execa(line, {
      shell: true,
      cwd: clone,
      env: {
        PYTHON: python.executable,
        NO_COLOR: '1',
        GITHUB_ACTIONS: undefined,
        INIT_CWD: undefined,
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      },
      reject: false,
      all: true,
    });
    setUp.push({ command: line, exitCode: result.exitCode ?? -1, output: String(result.all) });
  }
  graded = await runCliProcess(['--json', 'out.json'], { cwd: clone, bin: path.join(clone, 'bin', 'asyncio-lab.js') });
}, 600_000);

describe('npm run release -- DIR', () => {
  it('writes the edition where the command was typed, and says what it wrote', () => {
    expect(release.exitCode, release.stderr).toBe(0);
    expect(release.stdout).toMatch(/^Wrote the student edition to .*student: \d+ files, exercises 01-runners/);
    expect(existsSync(path.join(work, 'student', 'README.md'))).toBe(true);
  });

  it('refuses a folder that is not empty', async () => {
    const run = await execa(process.execPath, [path.join(kitRoot, 'dist', 'scripts', 'release.js'), edition], {
      cwd: work,
      reject: false,
    });
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr)).toMatch(
      /is not empty \(or holds this kit\): the student edition goes to a new or empty folder/,
    );
  });

  it("on a clean clone, the README's set-up commands work and every exercise shows as not started", () => {
    expect(setUp.map((s) => s.command)).toEqual(['npm install', 'npm run grade']);
    for (const step of setUp) expect(step.exitCode, `${step.command}\n${step.output}`).toBe(0);
    const gradeOutput = setUp[1]?.output ?? '';
    for (const exercise of course) expect(gradeOutput).toMatch(new RegExp(`○ ${exercise.meta.id} {2}not started`));
    expect(gradeOutput).toMatch(new RegExp(`${course.length} not started`));
    expect(graded.exitCode).toBe(0);
    const results = JSON.parse(readFileSync(path.join(clone, 'out.json'), 'utf8')) as RunResults;
    expect(results.exercises.every((e) => !e.started && e.status === 'fail')).toBe(true);
    // Its own manifest: the edition's grader is intact as shipped.
    expect(results.integrity).toEqual({ status: 'intact', files: [] });
    expect(gradeOutput).not.toMatch(/grader's own files differ/);
  });

  it("ships stubs, lessons, hints, the grader and the workflow, and none of the maintainers' tools", () => {
    const files = filesOf(edition);
    for (const exercise of course) {
      const dir = `exercises/${exercise.meta.id}`;
      for (const file of [
        exercise.meta.file,
        'README.md',
        'hints.md',
        'exercise.json',
        'grader/checks.ts',
        '.meta/stub.py',
      ])
        expect(files).toContain(`${dir}/${file}`);
      expect(readFileSync(path.join(edition, dir, exercise.meta.file), 'utf8')).toBe(
        readFileSync(exercise.stubFile, 'utf8'),
      );
    }
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/grade.yml',
        'grading-policy.json',
        'grader-manifest.json',
        'package-lock.json',
      ]),
    );
    expect(files.filter((f) => f.startsWith('grader/python/') && f.endsWith('.py')).length).toBeGreaterThan(0);
    for (const gone of [
      'test/',
      'bench/',
      'docs/',
      'examples/',
      '.ci/',
      '.github/workflows/ci.yml',
      'scripts/write-manifest.ts',
      'scripts/release',
      'grader/maintainer/',
    ]) {
      expect(
        files.filter((f) => f.startsWith(gone)),
        gone,
      ).toEqual([]);
    }
    const pkg = JSON.parse(readFileSync(path.join(edition, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.scripts).sort()).toEqual([
      'build',
      'grade',
      'hint',
      'list',
      'prepare',
      'typecheck',
      'watch',
    ]);
    expect(Object.keys(pkg.devDependencies)).not.toContain('vitest');
  });

  it('holds no reference solution, alternative or labelled mistake, not even under another name', () => {
    const files = filesOf(edition);
    expect(files.filter((f) => f.includes('/.meta/') && !f.endsWith('/.meta/stub.py'))).toEqual([]);
    const shipped = new Set(
      files.map((f) =>
        createHash('sha256')
          .update(normalise(readFileSync(path.join(edition, f), 'utf8')))
          .digest('hex'),
      ),
    );
    const corpus = course.flatMap((e) => loadCorpus(e)).filter((entry) => entry.kind !== 'stub');
    expect(corpus.length).toBeGreaterThan(course.length);
    for (const entry of corpus) {
      const digest = createHash('sha256')
        .update(normalise(readFileSync(entry.file, 'utf8')))
        .digest('hex');
      expect(shipped.has(digest), entry.file).toBe(false);
    }
    for (const file of files.filter((f) => f.endsWith('.py'))) {
      expect(readFileSync(path.join(edition, file), 'utf8'), file).not.toMatch(/^# (Mistake|Caught by|Style):/m);
    }
  });

  it('grades every shipped .py as every exercise: a stub passes no check, any other file none that solves nothing passes', async () => {
    const python = await testPython();
    // What a file that solves nothing can pass: an empty file, and a trivial asyncio program with a script guard.
    const empty = path.join(work, 'empty.py');
    const trivial = path.join(work, 'trivial.py');
    writeFileSync(empty, '');
    writeFileSync(
      trivial,
      'import asyncio\n\n\nasync def main():\n    return 0\n\n\nif __name__ == "__main__":\n    print(asyncio.run(main()))\n',
    );
    const byContent = new Map<string, string>();
    for (const file of filesOf(edition).filter((f) => f.endsWith('.py')))
      byContent.set(normalise(readFileSync(path.join(edition, file), 'utf8')), file);
    const pyFiles = [...byContent.values()];
    const baselines = [empty, trivial];
    const jobs = course.flatMap((exercise) =>
      [...baselines, ...pyFiles.map((f) => path.join(edition, f))].map((file) => ({ exercise, file })),
    );
    const isStubOf = (file: string, exercise: (typeof course)[number]): boolean =>
      normalise(readFileSync(file, 'utf8')) === normalise(readFileSync(exercise.stubFile, 'utf8'));
    const passed = await runPool(jobs, 2, async ({ exercise, file }) => {
      // The exercise's own stub is graded as the learner's file is (and is then "not started"); every other file is
      // graded for real, so that a solution saved under any name would show.
      const stub = isStubOf(file, exercise);
      const result = await gradeExercise(exercise, { python, seed: 5, file, gradeUntouched: !stub });
      return {
        exercise: exercise.meta.id,
        file,
        stub,
        passes: result.checks.filter((c) => c.status === 'pass').map((c) => c.id),
      };
    });
    expect(passed.filter((p) => p.stub)).toHaveLength(course.length);
    // The rule catches what it is for: a reference solution passes checks that nothing trivial passes.
    const [firstExercise] = course;
    if (!firstExercise) throw new Error('no exercises');
    const control = await gradeExercise(firstExercise, {
      python,
      seed: 5,
      file: path.join(firstExercise.metaDir, 'solution.py'),
      gradeUntouched: true,
    });
    const firstBaseline = new Set(
      passed.filter((p) => p.exercise === firstExercise.meta.id && baselines.includes(p.file)).flatMap((p) => p.passes),
    );
    expect(control.checks.filter((c) => c.status === 'pass' && !firstBaseline.has(c.id)).length).toBeGreaterThan(0);
    for (const exercise of course) {
      const baseline = new Set(
        passed.filter((p) => p.exercise === exercise.meta.id && baselines.includes(p.file)).flatMap((p) => p.passes),
      );
      for (const { file, passes, stub } of passed.filter(
        (p) => p.exercise === exercise.meta.id && !baselines.includes(p.file),
      )) {
        const unexplained = stub ? passes : passes.filter((id) => !baseline.has(id));
        expect(unexplained, `${path.relative(edition, file)} graded as ${exercise.meta.id}`).toEqual([]);
      }
    }
  }, 600_000);

  it('solution explains where solutions come from', async () => {
    const run = await runCliProcess(['solution', '01'], { cwd: clone, bin: path.join(clone, 'bin', 'asyncio-lab.js') });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /^This copy of the kit has no reference solutions: the learners' edition leaves them out, and your teacher decides when and how to share them/,
    );
  });

  it("is graded with every check by the teacher's full kit: one file, a class of submissions, and Gradescope", async () => {
    const exercise = course[0];
    if (!exercise) throw new Error('no exercises');
    const learnerFile = path.join(clone, 'exercises', exercise.meta.id, exercise.meta.file);
    copyFileSync(path.join(exercise.metaDir, 'solution.py'), learnerFile);
    const checks = exercise.meta.tasks.flatMap((t) => t.checks).length;
    const one = await runCliProcess([exercise.meta.id, '--file', learnerFile, '--json', path.join(work, 'one.json')]);
    expect(one.exitCode, one.stdout).toBe(0);
    const oneResults = JSON.parse(readFileSync(path.join(work, 'one.json'), 'utf8')) as RunResults;
    expect(oneResults.exercises[0]?.checks.filter((c) => c.status === 'pass')).toHaveLength(checks);
    // A class folder holding learners' whole copies of the edition.
    const klass = path.join(work, 'class');
    mkdirSync(klass);
    await execa('git', ['clone', '-q', edition, path.join(klass, 'ada')]);
    copyFileSync(learnerFile, path.join(klass, 'ada', 'exercises', exercise.meta.id, exercise.meta.file));
    const bulk = await runCliProcess([exercise.meta.id, '--submissions', klass, '--out', path.join(work, 'grades')]);
    expect(bulk.exitCode, bulk.stdout).toBe(0);
    expect(readFileSync(path.join(work, 'grades', 'gradebook.csv'), 'utf8')).toMatch(
      new RegExp(`^ada,${oneResults.exercises[0]?.maxPoints},`, 'm'),
    );
    const gradescope = await runCliProcess([
      exercise.meta.id,
      '--file',
      learnerFile,
      '--format',
      'gradescope',
      '--json',
      path.join(work, 'gs.json'),
    ]);
    expect(gradescope.exitCode).toBe(0);
    const gs = JSON.parse(readFileSync(path.join(work, 'gs.json'), 'utf8')) as { tests: { status: string }[] };
    expect(gs.tests.filter((t) => t.status === 'passed')).toHaveLength(checks);
  });
});
