// Grades one learner's submission with the kit's own graders (never the submission's), one exercise at a time.
import path from 'node:path';
import { allChecks, type Exercise } from '../engine/course.js';
import { gradeCourse, type GradeOptions } from '../engine/grade.js';
import * as say from '../messages.js';
import { combineRuns, emptyResults, sameVerdictForEveryCheck } from '../results/assemble.js';
import type { ExerciseResult, RunResults } from '../results/types.js';
import { locateFile } from './locate.js';

// What the bulk command needs to write a submission's results and its gradebook row.
export interface SubmissionOutcome {
  results: RunResults;
  // Exercises with no file in the submission (not begun, or not handed in): a gap, not an error.
  missing: string[];
  // Set when the submission as a whole could not be graded (nothing found, a crash of the grader).
  error?: string;
}

// The grade of one folder; it throws only on a bug, which the caller turns into that row's error.
export async function gradeSubmission(dir: string, course: Exercise[], options: Omit<GradeOptions, 'file' | 'onExercise' | 'fileMissing'>): Promise<SubmissionOutcome> {
  const located = course.map((exercise) => ({ exercise, where: locateFile(dir, exercise) }));
  const runs: RunResults[] = [];
  for (const { exercise, where } of located) {
    if ('link' in where) {
      const refused = emptyResults(options);
      runs.push({ ...refused, exercises: [linkRefused(exercise, where.link, dir)] });
      continue;
    }
    // A missing file is graded too: the engine turns it into a clear "no such file" error for that exercise.
    const file = 'file' in where ? where.file : path.join(dir, exercise.meta.file);
    runs.push(await gradeCourse([exercise], { ...options, file, fileMissing: (_shown, missing) => say.submissionLacks(missing.meta.file) }));
  }
  const [first, ...rest] = runs;
  if (!first) throw new Error('the course has no exercises');
  const results = combineRuns([first, ...rest]);
  const missing = located.filter(({ where }) => 'missing' in where).map(({ exercise }) => exercise.meta.id);
  const nothing = missing.length === located.length;
  return { results, missing, ...(nothing ? { error: say.submissionEmpty() } : {}) };
}

function linkRefused(exercise: Exercise, link: string, dir: string): ExerciseResult {
  const message = say.submissionLink(path.relative(dir, link).split(path.sep).join('/'));
  const heading = { id: exercise.meta.id, title: exercise.meta.title, file: exercise.meta.file, counts: exercise.counts };
  return sameVerdictForEveryCheck(heading, allChecks(exercise.meta), { status: 'error', message }, { started: false, durationMs: 0, wholeExercise: true });
}
