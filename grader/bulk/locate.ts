// Finds a learner's file for each exercise in a submission folder: a whole copy of the kit, or just the exercise files.
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from '../engine/course.js';

// A file to grade, nothing found, or a link refused.
export type Located = { file: string } | { missing: true } | { link: string };

const SEARCH_DEPTH = 4;
const NOT_SEARCHED = new Set(['node_modules', '.git', '__pycache__', 'dist', '.meta']);

// The usual places first (a kit copy, a folder per exercise, loose files), then a shallow search by file name.
export function locateFile(submission: string, exercise: Exercise): Located {
  const name = exercise.meta.file;
  const likely = [
    path.join(submission, 'exercises', exercise.meta.id, name),
    path.join(submission, exercise.meta.id, name),
    path.join(submission, name),
  ];
  for (const file of likely) {
    const kind = kindOf(file);
    if (kind === 'file') return { file };
    if (kind === 'link') return { link: file };
  }
  const found = search(submission, name, SEARCH_DEPTH);
  return found ?? { missing: true };
}

// Breadth first, so the shallowest copy wins; links are never followed (a link could point at the teacher's files).
function search(root: string, name: string, depth: number): Located | null {
  let level = [root];
  for (let d = 0; d <= depth && level.length > 0; d += 1) {
    const next: string[] = [];
    for (const dir of level) {
      for (const entry of list(dir)) {
        const full = path.join(dir, entry);
        const kind = kindOf(full);
        if (entry === name && kind === 'file') return { file: full };
        if (entry === name && kind === 'link') return { link: full };
        if (kind === 'dir' && !NOT_SEARCHED.has(entry)) next.push(full);
      }
    }
    level = next;
  }
  return null;
}

function kindOf(file: string): 'file' | 'dir' | 'link' | 'none' {
  try {
    const stat = lstatSync(file);
    if (stat.isSymbolicLink()) return 'link';
    if (stat.isFile()) return 'file';
    if (stat.isDirectory()) return 'dir';
    return 'none';
  } catch {
    return 'none';
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
