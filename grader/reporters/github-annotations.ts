// Which failed checks become error annotations on the learner's lines, and with what text.
import * as say from '../messages.js';
import { exerciseState } from '../results/assemble.js';
import { inert } from '../text/inert.js';
import type { RunResults } from '../results/types.js';

// One `::error` line: GitHub shows it on the file and line, in the run and on the pull request.
export interface Annotation {
  title: string;
  message: string;
  file: string;
  line?: number;
}

// One annotation per distinct (file, line, message): a syntax error that fails every check is said once. An exercise
// not
// started gets none: it is no failure.
export function annotationsFor(results: RunResults): Annotation[] {
  const seen = new Set<string>();
  const out: Annotation[] = [];
  for (const exercise of results.exercises) {
    if (exerciseState(exercise) === 'not-started') continue;
    for (const check of exercise.checks) {
      if (check.status === 'pass') continue;
      const message = inert(check.message ?? exercise.message ?? check.title);
      const file = check.location?.file ?? exercise.file;
      const line = check.location?.line;
      const key = `${file}\0${line ?? ''}\0${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        title: inert(say.annotationTitle(exercise.id, check.title)),
        message,
        file: inert(file),
        ...(line !== undefined ? { line } : {}),
      });
    }
  }
  return out;
}
