// Which hints a learner has already read, per exercise and task, so `hint` can show the next one.
// Kept in the git-ignored .asyncio-lab/ folder, so it stays with this learner's checkout and is never submitted.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stateDir } from '../paths.js';

// Exercise id -> task number -> how many of its hints were shown.
export type HintsSeen = Record<string, Record<string, number>>;

// Next to the results document, in the learner's own git-ignored state folder.
export const hintsSeenPath = path.join(stateDir, 'hints-seen.json');

// An unreadable or missing file means nothing was read yet, never an error.
export function readHintsSeen(file: string = hintsSeenPath): HintsSeen {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as HintsSeen) : {};
  } catch {
    return {};
  }
}

// How many hints of a task were shown so far (0 for anything odd in the file).
export function seenCount(seen: HintsSeen, exercise: string, task: number): number {
  const count = seen[exercise]?.[String(task)];
  return typeof count === 'number' && count > 0 ? Math.floor(count) : 0;
}

// Remembers that `count` hints were shown; never forgets ones already read.
export function recordSeen(exercise: string, task: number, count: number, file: string = hintsSeenPath): void {
  const seen = readHintsSeen(file);
  seen[exercise] = { ...(seen[exercise] ?? {}), [String(task)]: Math.max(count, seenCount(seen, exercise, task)) };
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(seen, null, 2)}\n`);
  renameSync(temporary, file);
}
