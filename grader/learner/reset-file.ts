// Putting a learner's file back as shipped without ever losing their work: their version is copied to a backup
// next to it first (named by the time, never overwritten), and only then is the stub copied over it.
import { constants, copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// What reset did, so the command can say it in words.
export type ResetOutcome =
  { kind: 'reset'; backup: string } | { kind: 'already-shipped' } | { kind: 'restored-missing' };

// "gather.backup-2026-11-25T18-30-00.py": sorts by time and shows up next to gather.py in any file list.
export function backupPath(learnerFile: string, now: Date, attempt = 0): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const ext = path.extname(learnerFile);
  const base = learnerFile.slice(0, learnerFile.length - ext.length);
  return `${base}.backup-${stamp}${attempt > 0 ? `-${attempt + 1}` : ''}${ext}`;
}

function sameText(a: string, b: string): boolean {
  const read = (file: string): string => readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  return read(a) === read(b);
}

// What reset would do to this file, without doing it (to ask before changing anything).
export function planReset(learnerFile: string, stubFile: string): ResetOutcome['kind'] {
  if (!existsSync(learnerFile)) return 'restored-missing';
  return sameText(learnerFile, stubFile) ? 'already-shipped' : 'reset';
}

// The backup name reset will use: the first free one for this moment. Reset asks with this name and then writes
// exactly this name (pass it to resetToStub), so the file the question promised is the file that appears.
export function freeBackupPath(learnerFile: string, now: Date = new Date()): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const candidate = backupPath(learnerFile, now, attempt);
    if (!existsSync(candidate)) return candidate;
  }
  throw new Error(`too many backups of ${learnerFile} at ${now.toISOString()}`);
}

// Backup first, then the stub: if copying the backup fails, the learner's file is untouched.
// `backup`: the name promised to the learner; it is used unless a file of that name appeared in the meantime.
export function resetToStub(
  learnerFile: string,
  stubFile: string,
  backup: string = freeBackupPath(learnerFile),
): ResetOutcome {
  const plan = planReset(learnerFile, stubFile);
  if (plan === 'already-shipped') return { kind: plan };
  if (plan === 'restored-missing') {
    copyFileSync(stubFile, learnerFile);
    return { kind: plan };
  }
  const kept = keepBackup(learnerFile, backup);
  copyFileSync(stubFile, learnerFile);
  return { kind: 'reset', backup: kept };
}

// Copies the learner's file to the backup name, never over an existing file (COPYFILE_EXCL); if that name was taken
// since it was chosen, to the next free one.
function keepBackup(learnerFile: string, backup: string): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const candidate = attempt === 0 ? backup : freeBackupPath(learnerFile);
    try {
      copyFileSync(learnerFile, candidate, constants.COPYFILE_EXCL);
      return candidate;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
    }
  }
  throw new Error(`too many backups of ${learnerFile}`);
}
