// Watch mode grades one exercise at a time; the learner's last results document should still hold their latest
// grade of every exercise (list, hint and solution read it), so a new grade replaces only its own exercise.
import { overall } from '../engine/grade.js';
import type { RunResults } from '../results/types.js';

// The previous document with this run's exercises replaced, in course order, score and status recomputed.
export function mergeResults(previous: RunResults | null, latest: RunResults, courseOrder: string[]): RunResults {
  if (!previous) return latest;
  const replaced = new Set(latest.exercises.map((e) => e.id));
  const rank = (id: string): number => {
    const at = courseOrder.indexOf(id);
    return at === -1 ? courseOrder.length : at;
  };
  const exercises = [...previous.exercises.filter((e) => !replaced.has(e.id)), ...latest.exercises].sort((a, b) => rank(a.id) - rank(b.id));
  const points = exercises.reduce((sum, e) => sum + e.points, 0);
  const maxPoints = exercises.reduce((sum, e) => sum + e.maxPoints, 0);
  return { ...latest, exercises, score: { points, maxPoints }, status: overall(exercises.map((e) => e.status)) };
}
