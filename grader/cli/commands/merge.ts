// `npm run grade -- merge SHARD... --out DIR`: the gradebooks of a class graded in slices (--submissions --shard K/N,
// one machine each) joined into the gradebook of the whole class, with every submission's results file beside it.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { GradebookDocument } from '../../bulk/gradebook.js';
import { mergeGradebooks } from '../../bulk/shard.js';
import { EnvironmentError } from '../../errors.js';
import * as say from '../../messages.js';
import { outputPath } from '../../paths.js';
import { isGradebook, validateGradebook } from '../../results/validators.js';
import type { Io } from '../main.js';
import { writeGradebook } from './bulk.js';

// The parsed `merge` command (see argv.ts): absolute paths.
export interface MergeCommand {
  kind: 'merge';
  // Shard output folders, or folders holding them (as a CI job downloads its artifacts).
  shards: string[];
  out: string;
}

const GRADEBOOK = 'gradebook.json';

// Exit 0 with the merged gradebook written; a gap, an overlap or a foreign slice is refused (exit 2) and nothing is
// written.
export function merge(command: MergeCommand, io: Io): number {
  const folders = command.shards.flatMap(shardFolders);
  const out = path.resolve(command.out);
  if (folders.some((folder) => path.resolve(folder) === out))
    throw new EnvironmentError(say.mergeOutIsAShard(outputPath(out)));
  const slices = folders.map((folder) => ({ source: outputPath(folder), folder, document: readGradebook(folder) }));
  const merged = mergeGradebooks(slices);
  if ('problem' in merged) throw new EnvironmentError(merged.problem);
  mkdirSync(out, { recursive: true });
  for (const { folder, document } of slices) {
    for (const row of document.rows) {
      const results = path.join(folder, row.resultsFile);
      if (existsSync(results)) copyFileSync(results, path.join(out, row.resultsFile));
    }
  }
  const gradebook = writeGradebook(out, merged.document);
  io.stdout.write(`${say.mergeFinished(slices.length, merged.document.rows.length, outputPath(gradebook))}\n`);
  return 0;
}

// A shard's folder itself, or the folders inside it that are shards' (sorted), so `merge shards/` takes a download of
// every artifact.
function shardFolders(given: string): string[] {
  if (existsSync(path.join(given, GRADEBOOK))) return [given];
  const inside = isDirectory(given)
    ? readdirSync(given)
        .sort()
        .map((name) => path.join(given, name))
        .filter((dir) => isDirectory(dir) && existsSync(path.join(dir, GRADEBOOK)))
    : [];
  if (inside.length === 0) throw new EnvironmentError(say.mergeNotAGradebook(outputPath(given)));
  return inside;
}

function readGradebook(folder: string): GradebookDocument {
  const file = path.join(folder, GRADEBOOK);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new EnvironmentError(
      say.mergeInvalid(outputPath(file), cause instanceof Error ? cause.message : String(cause)),
    );
  }
  if (isGradebook(data)) return data;
  throw new EnvironmentError(
    say.mergeInvalid(outputPath(file), validateGradebook(data) ?? 'it does not match its schema'),
  );
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
