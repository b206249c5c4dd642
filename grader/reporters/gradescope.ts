// Gradescope's results.json, so a course can run the same grader on Gradescope (see examples/gradescope/).
// One Gradescope test per check; a check that errored counts as failed there, with its message as the output.
import * as say from '../messages.js';
import { exerciseState, isCounted, standing } from '../results/assemble.js';
import { inert } from '../text/inert.js';
import type { RunResults } from '../results/types.js';
import { validateGradescope } from '../results/validators.js';
import { InvalidResultsError, writeAtomically } from '../results/write.js';
import type { Reporter } from './reporter.js';

// One entry of Gradescope's tests[]: one per check.
export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible';
}

// The subset of Gradescope's results.json this kit writes (see grader/schemas/gradescope.schema.json).
export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
  extra_data: { seed: number; python: string; graderModified: boolean };
}

// Pure, so the mapping is tested on fixed results and against the schema. Only the exercises the grading policy counts
// become tests; a not-started exercise's tests say "not started" in their names (Gradescope knows only passed/failed).
export function toGradescope(results: RunResults): GradescopeResults {
  const counted = results.exercises.filter(isCounted);
  const tests: GradescopeTest[] = counted.flatMap((exercise, index) =>
    exercise.checks.map((check, position) => ({
      name: `${exercise.id} · ${check.task}. ${check.title}${exerciseState(exercise) === 'not-started' ? ' (not started)' : ''}`,
      number: `${index + 1}.${position + 1}`,
      score: check.points,
      max_score: check.maxPoints,
      status: check.status === 'pass' ? 'passed' : 'failed',
      output: check.status === 'pass' ? '' : inert(check.message ?? exercise.message ?? ''),
      visibility: 'visible',
    })),
  );
  const modified = results.integrity?.status === 'modified';
  return {
    score: results.score.points,
    execution_time: Math.round(results.durationMs / 100) / 10,
    output: say.gradescopeOutput(
      results.score.points,
      results.score.maxPoints,
      standing({ ...results, exercises: counted }),
      modified,
    ),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    extra_data: {
      seed: results.seed,
      python: `${results.python.implementation} ${results.python.version}`,
      graderModified: modified,
    },
  };
}

// Writes Gradescope's results.json to `file` once the run is over.
export function createGradescopeReporter(file: string): Reporter {
  return {
    finish({ results }) {
      const document = toGradescope(results);
      const problems = validateGradescope(document);
      if (problems) throw new InvalidResultsError(`the Gradescope results do not match their schema: ${problems}`);
      writeAtomically(file, `${JSON.stringify(document, null, 2)}\n`);
    },
  };
}
