// The course's size as the registry and each exercise.json say, so tests follow the course when exercises, checks,
// points or hints are added, instead of hard-coding "4 exercises, 44 points".
import { allChecks, findExercise, loadCourse, readHints } from '../../grader/engine/course.js';
import { progressBar } from '../../grader/learner/progress.js';

export const course = loadCourse();

export function maxPoints(id: string): number {
  return allChecks(findExercise(course, id).meta).reduce((sum, c) => sum + c.points, 0);
}

export const totalPoints = course.reduce((sum, e) => sum + maxPoints(e.meta.id), 0);

// The points an exercise scores when exactly these checks fail (a labelled mistake's "Caught by").
export function pointsWithout(id: string, failing: string[]): number {
  return allChecks(findExercise(course, id).meta).reduce((sum, c) => sum + (failing.includes(c.id) ? 0 : c.points), 0);
}

export function hintCount(id: string, task: number): number {
  return readHints(findExercise(course, id)).get(task)?.length ?? 0;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The list's and watch mode's progress line, bar included, as a pattern.
export function progressPattern(done: number, points: number): RegExp {
  return new RegExp(
    `${escape(progressBar(points / totalPoints))} ${done} of ${course.length} exercises done · ${points}/${totalPoints} points`,
  );
}
