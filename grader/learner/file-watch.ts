// Tells when a learner's file was saved with new content: watches its folder (editors often save by writing a new
// file and renaming it over the old one, which a watch on the file itself would miss), waits for the burst of
// events one save makes to settle, and ignores saves that leave the content as it was.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

// A running watch: accept() after a grade so the same content does not trigger again; close() when moving on.
export interface FileWatch {
  // The content as last reported (or as first seen), so a later save of the same text is not a change.
  accept(): void;
  close(): void;
}

// The content's hash, so saves that change nothing (editors often write twice) do not start a grade.
export function fingerprint(file: string): string {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing';
}

// Calls onChange once per save with new content; if the folder cannot be watched, it never calls (use manual mode).
export function watchFile(file: string, onChange: () => void, settleMs = 120): FileWatch {
  const name = path.basename(file);
  let last = fingerprint(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const check = (): void => {
    timer = undefined;
    const now = fingerprint(file);
    if (now === last) return;
    last = now;
    onChange();
  };
  try {
    watcher = watch(path.dirname(file), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(check, settleMs);
    });
    watcher.on('error', () => undefined);
  } catch {
    // No change events here (some network drives): the learner grades with the manual key.
  }
  return {
    accept: () => {
      last = fingerprint(file);
    },
    close: () => {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
