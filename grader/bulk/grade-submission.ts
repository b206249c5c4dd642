// Grades one learner's submission with the kit's own graders (never the submission's), in a sandbox of its own:
// its files are copied in, and nothing it runs can reach the kit, the grader or another submission.
import path from 'node:path';
import { allChecks, type Exercise } from '../engine/course.js';
import { gradeCourse, type GradeOptions } from '../engine/grade.js';
import * as say from '../messages.js';
import { combineRuns, runResults, sameVerdictForEveryCheck } from '../results/assemble.js';
import type { RunResults } from '../results/types.js';
import { RunSession } from '../run/session.js';
import type { IsolationRequest } from '../sandbox/isolation.js';
import { findLink } from './links.js';
import { locateFile } from './locate.js';

// What the bulk command needs to write a submission's results and its gradebook row.
export interface SubmissionOutcome {
  results: RunResults;
  // Exercises with no file in the submission (not begun, or not handed in): a gap, not an error.
  missing: string[];
  // Set when the submission as a whole could not be graded (nothing found, a link, a crash of the grader).
  error?: string;
}

export interface SubmissionOptions extends Omit<GradeOptions, 'file' | 'onExercise' | 'session' | 'fileMissing'> {
  isolation: IsolationRequest;
  // Folders learner code must not read (the class folder, the output folder).
  protect: string[];
}

// The grade of one folder; it throws only on a bug, which the caller turns into that row's error.
export async function gradeSubmission(
  dir: string,
  course: Exercise[],
  options: SubmissionOptions,
): Promise<SubmissionOutcome> {
  const link = findLink(dir);
  if (link !== null) {
    const message = say.submissionLink(link);
    return { results: refused(course, options, message), missing: [], error: message };
  }
  const located = course.map((exercise) => ({ exercise, where: locateFile(dir, exercise) }));
  const session = await RunSession.open({
    python: options.python,
    isolation: options.isolation,
    protect: options.protect,
  });
  const runs: RunResults[] = [];
  try {
    for (const { exercise, where } of located) {
      // A missing file is graded too: the engine turns it into a clear "no such file" error for that exercise.
      const file = 'file' in where ? where.file : path.join(dir, exercise.meta.file);
      runs.push(
        await gradeCourse([exercise], {
          ...options,
          file,
          session,
          fileMissing: (_shown, missing) => say.submissionLacks(missing.meta.file),
        }),
      );
    }
  } finally {
    await session.close();
  }
  const [first, ...rest] = runs;
  if (!first) throw new Error('the course has no exercises');
  const results = combineRuns([first, ...rest]);
  const missing = located.filter(({ where }) => 'missing' in where).map(({ exercise }) => exercise.meta.id);
  const nothing = missing.length === located.length;
  return { results, missing, ...(nothing ? { error: say.submissionEmpty() } : {}) };
}

// The results of a submission refused as a whole: every check an error that says why.
function refused(course: Exercise[], options: SubmissionOptions, message: string): RunResults {
  const exercises = course.map((exercise) =>
    sameVerdictForEveryCheck(
      { id: exercise.meta.id, title: exercise.meta.title, file: exercise.meta.file, counts: exercise.counts },
      allChecks(exercise.meta),
      { status: 'error', message },
      { started: false, durationMs: 0, wholeExercise: true },
    ),
  );
  return runResults({ seed: options.seed, python: options.python, startedAt: new Date(), durationMs: 0 }, exercises);
}
