// `npm run release -- DIR`: writes the student edition of this kit to DIR (see scripts/release/edition.ts), the copy a
// teacher publishes for learners. DIR is read from where the command was typed, and must be new or empty.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadCourse } from '../grader/engine/course.js';
import { EnvironmentError, UsageError } from '../grader/errors.js';
import * as say from '../grader/messages.js';
import { invocationDir, kitRoot, outputPath } from '../grader/paths.js';
import { writeStudentEdition } from './release/edition.js';

function main(args: string[]): number {
  try {
    const [dir, ...extra] = args;
    if (dir === undefined || dir === '' || extra.length > 0 || dir.startsWith('-'))
      throw new UsageError(say.releaseUsage());
    const out = path.resolve(invocationDir(), dir);
    if (existsSync(out) && readdirSync(out).length > 0)
      throw new EnvironmentError(say.releaseNotEmpty(outputPath(out)));
    if (out === kitRoot || kitRoot.startsWith(`${out}${path.sep}`))
      throw new EnvironmentError(say.releaseNotEmpty(outputPath(out)));
    const course = loadCourse();
    const edition = writeStudentEdition(kitRoot, course, out);
    process.stdout.write(
      `${say.releaseWritten(
        outputPath(out),
        edition.files.length,
        course.map((e) => e.meta.id),
      )}\n`,
    );
    return 0;
  } catch (cause) {
    if (cause instanceof UsageError || cause instanceof EnvironmentError) {
      process.stderr.write(`${cause.message}\n`);
      return 2;
    }
    process.stderr.write(`${say.graderBug(cause)}\n`);
    return 3;
  }
}

process.exitCode = main(process.argv.slice(2));
