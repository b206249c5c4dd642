// `npm run check-course`: the maintainer check of the whole course (like rustlings' `dev check`), also run by npm test.
// Prints each problem with how to fix it; exit 1 if there is any.
import { loadCourse } from '../grader/engine/course.js';
import { checkExercise, checkRegistry } from '../grader/maintainer/check-course.js';

const problems = checkRegistry();
try {
  for (const exercise of loadCourse()) problems.push(...(await checkExercise(exercise)));
} catch (cause) {
  // A registry line without its folder cannot be loaded; checkRegistry has said so already.
  if (problems.length === 0) problems.push(cause instanceof Error ? cause.message : String(cause));
}
if (problems.length === 0) {
  process.stdout.write('The course is consistent: every exercise is registered, complete and tested.\n');
} else {
  process.stdout.write(
    `${problems.map((p) => `- ${p}`).join('\n')}\n\n${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} to fix.\n`,
  );
  process.exitCode = 1;
}
