// Where a learner stands on each exercise (status and points), from the file on disk and the last grade:
// what list shows and where watch mode starts.
import { existsSync } from 'node:fs';
import { isUntouched, loadCourse, type Exercise } from '../engine/course.js';
import { maxPointsOf } from '../results/assemble.js';
import { lastGrade, readLastResults, type LastResults } from './last-results.js';

// One exercise's standing; `missing` and `changed` say the last grade no longer describes the file.
export interface ExerciseProgress {
  exercise: Exercise;
  status: 'missing' | 'not-started' | 'changed' | 'done' | 'in-progress' | 'cannot-run';
  points: number;
  maxPoints: number;
}

// Where the learner stands on each exercise, from the file on disk and the last grade (shared with watch mode).
export function courseProgress(last: LastResults | null = readLastResults()): ExerciseProgress[] {
  return loadCourse().map((exercise) => {
    const maxPoints = maxPointsOf(exercise.meta);
    const file = exercise.learnerFile;
    if (!existsSync(file)) return { exercise, status: 'missing', points: 0, maxPoints };
    if (isUntouched(exercise, file)) return { exercise, status: 'not-started', points: 0, maxPoints };
    const state = lastGrade(exercise, last);
    if (state.kind === 'never') return { exercise, status: 'changed', points: 0, maxPoints };
    const points = state.result.points;
    if (state.kind === 'changed') return { exercise, status: 'changed', points, maxPoints };
    const status =
      state.result.status === 'pass' ? 'done' : state.result.status === 'error' ? 'cannot-run' : 'in-progress';
    return { exercise, status, points, maxPoints };
  });
}

// "[██████····]": filled in proportion, readable without colour.
export function progressBar(fraction: number, width = 30): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'█'.repeat(filled)}${'·'.repeat(width - filled)}]`;
}
