// `npm run new-exercise -- NN-name`: the maintainer command that scaffolds an exercise (see
// grader/maintainer/scaffold.ts).
import { kitRoot } from '../grader/paths.js';
import { ScaffoldError, scaffoldExercise } from '../grader/maintainer/scaffold.js';

const [name, ...extra] = process.argv.slice(2);
if (name === undefined || extra.length > 0) {
  process.stderr.write(
    'Name the new exercise: two digits, a dash, then lowercase words joined by dashes.\nExample: npm run new-exercise -- 05-api-calls\n',
  );
  process.exit(2);
}
try {
  const made = scaffoldExercise(kitRoot, name);
  process.stdout.write(
    [
      `Scaffolded ${made.id}:`,
      ...made.files.map((file) => `  ${file}`),
      '',
      'Next: write the lesson, the stub, the hints, the solution and the checks in place of every FILL IN',
      '(docs/authoring.md says how), then run npm run check-course until it finds nothing, npm run manifest,',
      `and npm test -- test/course/${made.id}.test.ts.`,
      '',
    ].join('\n'),
  );
} catch (cause) {
  if (!(cause instanceof ScaffoldError)) throw cause;
  process.stderr.write(`${cause.message}\n`);
  process.exit(2);
}
