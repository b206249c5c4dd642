// `npm run lint:python`: pyright over every Python file of the course: the harness, the helper stand-ins, the stubs,
// and each exercise's reference solution, alternatives and labelled mistakes.
// Pyright never reads folders whose names start with a dot, so `.meta/` is staged under `_meta/` in a temporary
// copy; files headed `# Requires: Python 3.11` are checked as 3.11, the rest as the oldest supported version.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { exercisesDir, kitRoot } from '../grader/paths.js';

const OLDEST = '3.10';
const NEWER = '3.11';
const HARNESS = path.join(kitRoot, 'grader', 'python');

// Stubs and labelled mistakes are wrong on purpose (a stub's TODOs are the learner's to fix); these rules would only
// restate their bugs. Everything else in them (syntax, names, imports, the client they share) is still checked.
const ON_PURPOSE_RULES = {
  reportUnusedCoroutine: 'none',
  reportCallIssue: 'none',
  reportArgumentType: 'none',
  reportAttributeAccessIssue: 'none',
  reportIndexIssue: 'none',
  reportReturnType: 'none',
  reportOptionalMemberAccess: 'none',
  reportOptionalContextManager: 'none',
  reportUndefinedVariable: 'none',
  reportUnusedExcept: 'none',
} as const;

interface Staged {
  staged: string;
  original: string;
}

function pythonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.py'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes('__pycache__'));
}

function needsNewer(file: string): boolean {
  const head = fs.readFileSync(file, 'utf8').split('\n', 5);
  return head.some((line) => line.trim() === `# Requires: Python ${NEWER}`);
}

function onPurpose(file: string): boolean {
  const parts = path.relative(exercisesDir, file).split(path.sep);
  const stub = parts.length === 2 || (parts[1] === '.meta' && parts[2] === 'stub.py');
  return stub || (parts[1] === '.meta' && parts[2] === 'mistakes');
}

function stage(root: string): Staged[] {
  const staged: Staged[] = [];
  const copy = (original: string, into: string): void => {
    const relative = path
      .relative(kitRoot, original)
      .split(path.sep)
      .map((part) => part.replace(/^\./, '_'));
    const target = path.join(root, into, ...relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(original, target);
    staged.push({ staged: target, original });
  };
  for (const file of pythonFiles(HARNESS)) copy(file, 'harness');
  for (const file of pythonFiles(exercisesDir)) {
    const version = needsNewer(file) ? 'newer' : 'oldest';
    copy(file, onPurpose(file) ? `wrong-${version}` : version);
  }
  return staged;
}

// Pyright reads the standard library's stubs under the top-level version only, so each version is its own run.
function config(version: 'oldest' | 'newer'): object {
  const folders = version === 'oldest' ? ['harness', 'oldest', 'wrong-oldest'] : ['newer', 'wrong-newer'];
  const extraPaths = ['harness/grader/python'];
  return {
    include: folders,
    typeCheckingMode: 'standard',
    pythonVersion: version === 'oldest' ? OLDEST : NEWER,
    extraPaths,
    executionEnvironments: [
      { root: `wrong-${version}`, extraPaths, ...ON_PURPOSE_RULES },
      ...folders.filter((f) => !f.startsWith('wrong')).map((root) => ({ root, extraPaths })),
    ],
  };
}

interface Diagnostic {
  file: string;
  severity: string;
  message: string;
  rule?: string;
  range: { start: { line: number; character: number } };
}

type Report = { generalDiagnostics: Diagnostic[]; summary: { filesAnalyzed: number } };

function runPyright(root: string, version: 'oldest' | 'newer'): Report {
  const project = path.join(root, `pyright-${version}.json`);
  fs.writeFileSync(project, JSON.stringify(config(version), null, 2));
  const pyright = createRequire(import.meta.url).resolve('pyright/index.js');
  try {
    const output = execFileSync(process.execPath, [pyright, '--outputjson', '--project', project], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(output) as Report;
  } catch (cause) {
    // Pyright exits 1 when it finds errors; its JSON report is still on stdout.
    const stdout = (cause as { stdout?: unknown }).stdout;
    if (typeof stdout !== 'string' || !stdout.startsWith('{')) throw cause;
    return JSON.parse(stdout) as Report;
  }
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncio-lab-pyright-'));
try {
  const staged = stage(root);
  const reports = [runPyright(root, 'oldest'), runPyright(root, 'newer')];
  const originals = new Map(staged.map((s) => [fs.realpathSync(s.staged), s.original]));
  const errors = reports.flatMap((r) => r.generalDiagnostics).filter((d) => d.severity === 'error');
  for (const d of errors) {
    const original = originals.get(fs.realpathSync(d.file)) ?? d.file;
    const where = `${path.relative(kitRoot, original)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    process.stdout.write(`${where} - ${d.message.split('\n').join('\n    ')}${d.rule ? ` (${d.rule})` : ''}\n`);
  }
  const analyzed = reports.reduce((sum, r) => sum + r.summary.filesAnalyzed, 0);
  if (analyzed < staged.length) {
    process.stdout.write(`pyright analysed ${analyzed} of the ${staged.length} Python files staged.\n`);
    process.exitCode = 1;
  } else if (errors.length > 0) {
    const noun = errors.length === 1 ? 'error' : 'errors';
    process.stdout.write(`\n${errors.length} pyright ${noun} in the course's Python.\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`pyright: ${analyzed} Python files of the course, no errors.\n`);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
