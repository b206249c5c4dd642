// The student edition of the kit (`npm run release -- DIR`): what learners clone. Stubs, lessons, hints, the grader and
// the learner's workflow; never a reference solution, an alternative or a labelled mistake; its own tamper manifest;
// and a README written for learners. .meta/stub.py stays: "not started" and `reset` compare the learner's file with it.
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from '../../grader/engine/course.js';
import { buildManifest, digest, MANIFEST_NAME } from '../../grader/integrity/manifest.js';
import { POLICY_FILE } from '../../grader/policy/grading-policy.js';
import { SCHEMAS } from '../../grader/results/validators.js';
import { pruneLockfile, type Lockfile, type LockPackage } from './lockfile.js';
import { renderStudentReadme } from './student-readme.js';

// Copied as they are (when present).
const ROOT_FILES = [
  '.gitignore',
  POLICY_FILE,
  'LICENSE',
  'bin/asyncio-lab.js',
  'scripts/build-validators.ts',
  '.github/workflows/grade.yml',
  'exercises/registry.ts',
];
// Copied whole, less what only maintainers use: the course's maintainer check reads the solutions and mistakes.
const ROOT_DIRS = ['grader'];
const NOT_SHIPPED_DIRS = new Set(['grader/maintainer']);
// Never copied from anywhere: caches, learners' backups, editors' leftovers.
const JUNK = /(^|\/)(__pycache__|node_modules|\.DS_Store)(\/|$)|\.pyc$|\.backup-[^/]*$/;
// The npm scripts a learner uses; the others (test, bench, manifest, release) are the maintainers'.
const LEARNER_SCRIPTS = ['build', 'prepare', 'grade', 'list', 'hint', 'watch', 'typecheck'];
// The tools a learner's `npm ci` needs to build the grader; the test runner and the workflow linter stay behind.
const LEARNER_DEV_DEPENDENCIES = ['@types/node', '@types/tmp', '@types/yargs', 'typescript'];

export interface Edition {
  // Kit-relative paths written, sorted.
  files: string[];
}

// Writes the student edition of the kit at `kit` into `out` (which must not exist or be empty).
export function writeStudentEdition(kit: string, course: Exercise[], out: string): Edition {
  const files: string[] = [];
  const copy = (relative: string, to = relative): void => {
    const target = path.join(out, to);
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(path.join(kit, relative), target);
    files.push(to);
  };
  const write = (relative: string, text: string): void => {
    const target = path.join(out, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    files.push(relative);
  };

  mkdirSync(out, { recursive: true });
  for (const file of ROOT_FILES) if (isFile(path.join(kit, file))) copy(file);
  for (const dir of ROOT_DIRS)
    for (const file of walk(kit, dir)) if (![...NOT_SHIPPED_DIRS].some((d) => file.startsWith(`${d}/`))) copy(file);
  for (const exercise of course) {
    const dir = path.relative(kit, exercise.dir).split(path.sep).join('/');
    const learner = `${dir}/${exercise.meta.file}`;
    for (const file of walk(kit, dir)) {
      // The learner's file is shipped as the stub, whatever the teacher's copy holds now; .meta/ keeps only the stub.
      if (file === learner || (file.startsWith(`${dir}/.meta/`) && file !== `${dir}/.meta/stub.py`)) continue;
      copy(file);
    }
    copy(`${dir}/.meta/stub.py`, learner);
  }

  const pkg = JSON.parse(readFileSync(path.join(kit, 'package.json'), 'utf8')) as LockPackage & {
    scripts?: Record<string, string>;
    description?: string;
  };
  const learnerPackage = {
    ...pkg,
    description: `${pkg.description ?? ''} The learners' edition.`.trim(),
    scripts: Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter(([name]) => LEARNER_SCRIPTS.includes(name))),
    devDependencies: Object.fromEntries(
      Object.entries(pkg.devDependencies ?? {}).filter(([name]) => LEARNER_DEV_DEPENDENCIES.includes(name)),
    ),
  };
  write('package.json', `${JSON.stringify(learnerPackage, null, 2)}\n`);
  const lock = JSON.parse(readFileSync(path.join(kit, 'package-lock.json'), 'utf8')) as Lockfile;
  write('package-lock.json', `${JSON.stringify(pruneLockfile(lock, learnerPackage), null, 2)}\n`);
  for (const name of ['tsconfig.json', 'tsconfig.build.json']) {
    const config = JSON.parse(readFileSync(path.join(kit, name), 'utf8')) as { include?: string[] };
    write(
      name,
      `${JSON.stringify({ ...config, include: ['grader/**/*.ts', 'exercises/**/*.ts', 'scripts/**/*.ts'] }, null, 2)}\n`,
    );
  }
  write('README.md', renderStudentReadme(course));
  // Its own tamper manifest, of the files as the edition ships them and of the dist/ its `npm install` builds: the
  // same compiler on the same sources, so the kit's own build of each of them (`npm run release` builds it first).
  const manifest = buildManifest(out);
  for (const file of builtFiles(kit, files)) manifest.files[file] = digest(path.join(kit, file));
  manifest.files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => a.localeCompare(b)));
  write(MANIFEST_NAME, `${JSON.stringify(manifest, null, 2)}\n`);
  return { files: [...new Set(files)].sort() };
}

// What building the edition puts in dist/: a .js per shipped .ts, and the schemas' validators.
function builtFiles(kit: string, shipped: string[]): string[] {
  const sources = new Set(shipped.filter((f) => f.endsWith('.ts')));
  const validators = new Set(SCHEMAS.map((name) => `dist/grader/results/generated/${name}.cjs`));
  return walk(kit, 'dist').filter(
    (file) =>
      validators.has(file) || (file.endsWith('.js') && sources.has(`${file.slice('dist/'.length, -'.js'.length)}.ts`)),
  );
}

// Every file under `relative` (kit-relative, forward slashes), links never followed, junk left out.
function walk(kit: string, relative: string): string[] {
  const full = path.join(kit, relative);
  if (!existsSync(full)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(full).sort()) {
    const child = `${relative}/${entry}`;
    if (JUNK.test(child)) continue;
    const stat = lstatSync(path.join(kit, child));
    if (stat.isDirectory()) found.push(...walk(kit, child));
    else if (stat.isFile()) found.push(child);
  }
  return found;
}

function isFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}
