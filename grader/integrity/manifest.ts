// Tamper evidence: sha256 checksums of the grader and every exercise's grader, committed as grader-manifest.json.
// A learner can edit anything in their copy; a graded run compares against the manifest and reports what changed.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IntegrityReport } from '../results/types.js';

// At the kit's root, committed, outside the folders it covers.
export const MANIFEST_NAME = 'grader-manifest.json';

// The committed file's shape.
export interface Manifest {
  algorithm: 'sha256';
  // Kit-relative path (forward slashes) -> hex digest of the file with line endings made \n.
  files: Record<string, string>;
}

// What decides a grade: the grader (its sources and dist/, the JavaScript that actually runs), its entry point, the
// exercises' graders and points, and the learner's CI workflow.
const ROOT_FILES = [
  'bin/asyncio-lab.js',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'exercises/registry.ts',
  '.github/workflows/grade.yml',
];
const ROOT_DIRS = ['grader', 'scripts', 'dist'];
const SKIPPED = new Set(['__pycache__', 'node_modules', '.DS_Store']);

// The files the manifest covers, as they exist now under `root`.
export function guardedFiles(root: string): string[] {
  const found: string[] = [];
  for (const file of ROOT_FILES) if (isFile(path.join(root, file))) found.push(file);
  for (const dir of ROOT_DIRS) walk(root, dir, found);
  const exercises = path.join(root, 'exercises');
  for (const entry of safeList(exercises)) {
    if (!isDir(path.join(exercises, entry))) continue;
    const meta = `exercises/${entry}/exercise.json`;
    if (isFile(path.join(root, meta))) found.push(meta);
    walk(root, `exercises/${entry}/grader`, found);
  }
  return [...new Set(found)].sort();
}

function walk(root: string, relative: string, into: string[]): void {
  for (const entry of safeList(path.join(root, relative))) {
    if (SKIPPED.has(entry) || entry.endsWith('.pyc')) continue;
    const child = `${relative}/${entry}`;
    const full = path.join(root, child);
    if (isDir(full)) walk(root, child, into);
    else if (isFile(full)) into.push(child);
  }
}

// Line endings are normalised so that a Windows checkout (autocrlf) matches the manifest made on Linux.
export function digest(file: string): string {
  const bytes = readFileSync(file);
  const text = bytes.includes(0) ? bytes : Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
  return createHash('sha256').update(text).digest('hex');
}

// What `npm run manifest` writes, and what every check recomputes.
export function buildManifest(root: string): Manifest {
  const files: Record<string, string> = {};
  for (const file of guardedFiles(root)) files[file] = digest(path.join(root, file));
  return { algorithm: 'sha256', files };
}

// Every path that was added, removed or changed since the manifest was made.
export function differences(root: string, manifest: Manifest): string[] {
  const now = buildManifest(root).files;
  const changed = new Set<string>();
  for (const [file, sum] of Object.entries(manifest.files)) if (now[file] !== sum) changed.add(file);
  for (const file of Object.keys(now)) if (!(file in manifest.files)) changed.add(file);
  return [...changed].sort();
}

// Null when there is none or it cannot be read: never an exception during grading.
export function readManifest(root: string): Manifest | null {
  const file = path.join(root, MANIFEST_NAME);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    if (parsed.algorithm !== 'sha256' || typeof parsed.files !== 'object' || parsed.files === null) return null;
    return { algorithm: 'sha256', files: parsed.files };
  } catch {
    return null;
  }
}

// Never throws and never blocks grading: a missing or unreadable manifest is "unchecked", not an error.
export function checkIntegrity(root: string): IntegrityReport {
  try {
    const manifest = readManifest(root);
    if (manifest) {
      const files = differences(root, manifest);
      return { status: files.length > 0 ? 'modified' : 'intact', files };
    }
    // A manifest that is there but cannot be read was damaged, which is itself a change.
    if (existsSync(path.join(root, MANIFEST_NAME))) return { status: 'modified', files: [MANIFEST_NAME] };
    return { status: 'unchecked', files: [] };
  } catch {
    return { status: 'unchecked', files: [] };
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

function isDir(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}
