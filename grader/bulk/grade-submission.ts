// Grades one learner's submission with the kit's own graders (never the submission's), one exercise at a time.
import path from 'node:path';
import { allChecks, type Exercise } from '../engine/course.js';
import { gradeCourse, type GradeOptions } from '../engine/grade.js';
import * as say from '../messages.js';
import type { ExerciseResult, RunResults } from '../results/types.js';
import { locateFile } from './locate.js';
import { mergeRuns } from './merge.js';

// What the bulk command needs to write a submission's results and its gradebook row.
export interface SubmissionOutcome {
  results: RunResults;
  // Exercises with no file in the submission (not begun, or not handed in): a gap, not an error.
  missing: string[];
  // Set when the submission as a whole could not be graded (nothing found, a crash of the grader).
  error?: string;
}

// The grade of one folder; it throws only on a bug, which the caller turns into that row's error.
export async function gradeSubmission(dir: string, course: Exercise[], options: Omit<GradeOptions, 'file' | 'onExercise'>): Promise<SubmissionOutcome> {
  const located = course.map((exercise) => ({ exercise, where: locateFile(dir, exercise) }));
  const runs: RunResults[] = [];
  for (const { exercise, where } of located) {
    if ('link' in where) {
      const run = await gradeCourse([], options);
      runs.push({ ...run, exercises: [linkRefused(exercise, where.link, dir)] });
      continue;
    }
    // A missing file is graded too: the engine turns it into a clear "cannot find" error for that exercise.
    const file = 'file' in where ? where.file : path.join(dir, exercise.meta.file);
    runs.push(await gradeCourse([exercise], { ...options, file }));
  }
  const [first, ...rest] = runs;
  if (!first) throw new Error('the course has no exercises');
  const results = mergeRuns([first, ...rest]);
  const missing = located.filter(({ where }) => 'missing' in where).map(({ exercise }) => exercise.meta.id);
  const nothing = missing.length === located.length;
  return { results, missing, ...(nothing ? { error: say.submissionEmpty() } : {}) };
}

function linkRefused(exercise: Exercise, link: string, dir: string): ExerciseResult {
  const message = say.submissionLink(path.relative(dir, link).split(path.sep).join('/'));
  const checks = allChecks(exercise.meta).map((c) => ({
    id: c.id,
    task: c.task,
    title: c.title,
    status: 'error' as const,
    points: 0,
    maxPoints: c.points,
    message,
    durationMs: 0,
  }));
  const maxPoints = checks.reduce((sum, c) => sum + c.maxPoints, 0);
  return { id: exercise.meta.id, title: exercise.meta.title, file: exercise.meta.file, status: 'error', started: false, points: 0, maxPoints, durationMs: 0, message, checks };
}
