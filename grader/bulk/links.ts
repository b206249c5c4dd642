// A submission is graded from its own bytes only: a symbolic link anywhere in it (a folder linked to a
// classmate's, a file linked to the teacher's solution) refuses the whole submission.
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Folders never read for grading (and never copied), whatever they hold.
const IGNORED = new Set(['node_modules', '.git']);
// A submission deeper or larger than this is not a course exercise; the walk stops there.
const MAX_ENTRIES = 20_000;

// The first link found (relative to `root`, forward slashes), or null when there is none.
export function findLink(root: string): string | null {
  const stack = [root];
  let seen = 0;
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) return null;
      const full = path.join(dir, entry);
      let stat;
      try {
        stat = lstatSync(full);
      } catch {
        continue;
      }
      if (stat.isSymbolicLink()) return path.relative(root, full).split(path.sep).join('/');
      if (stat.isDirectory() && !IGNORED.has(entry)) stack.push(full);
    }
  }
  return null;
}
