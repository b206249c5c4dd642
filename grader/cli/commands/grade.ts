// `npm run grade`: find Python, grade the chosen exercises, hand each result to the reporters, write the results document.
import path from 'node:path';
import { findExercise, loadCourse, type Exercise } from '../../engine/course.js';
import { gradeCourse } from '../../engine/grade.js';
import { checkIntegrity } from '../../integrity/manifest.js';
import { defaultResultsPath, kitRoot, kitVersion } from '../../paths.js';
import { findPython } from '../../python/find-python.js';
import { newSeed } from '../../random.js';
import { wantsGithub } from '../../reporters/github-choice.js';
import type { Reporter } from '../../reporters/reporter.js';
import { chooseStyle } from '../../reporters/style.js';
import { createTerminalReporter } from '../../reporters/terminal.js';
import { terminalWidth, wrap } from '../../reporters/wrap.js';
import type { RunResults } from '../../results/types.js';
import { writeResults } from '../../results/write.js';
import type { Command } from '../argv.js';
import { commandNames } from '../usage.js';
import type { Io } from '../main.js';

type GradeCommand = Extract<Command, { kind: 'grade' }>;

// Exit 0 when every graded check passes, else 1 (the verdicts themselves are in the results document).
export async function grade(command: GradeCommand, io: Io): Promise<number> {
  if (command.submissions !== undefined) return (await import('./bulk.js')).gradeSubmissions(command, io);
  const course = loadCourse();
  const chosen = command.exercises.length > 0 ? command.exercises.map((name) => findExercise(course, name, { otherNames: commandNames() })) : course;
  const python = await findPython(command.python, io.env);
  const reporters = await chooseReporters(command, io);
  const integrity = checkIntegrity(kitRoot);
  for (const reporter of reporters) reporter.start?.({ kitVersion: kitVersion(), python, integrity });
  const graded = await gradeCourse(chosen, {
    python,
    seed: command.seed ?? newSeed(),
    ...(command.file !== undefined ? { file: path.resolve(command.file) } : {}),
    onExercise: (result) => {
      for (const reporter of reporters) reporter.exercise?.(result);
    },
  });
  const results = { ...graded, integrity };
  // With --format gradescope, --json names Gradescope's file and the kit's own document goes to its usual place.
  const resultsPath = path.resolve(command.format === 'gradescope' ? defaultResultsPath : (command.json ?? defaultResultsPath));
  // The default document is the learner's latest grade of every exercise (list, hint and solution read it):
  // grading some of their own files replaces only those exercises in it.
  const own = resultsPath === path.resolve(defaultResultsPath) && command.file === undefined && chosen.length < course.length;
  const { mergeResults } = await import('../../learner/merge-results.js');
  const { readLastResults } = await import('../../learner/last-results.js');
  writeResults(resultsPath, own ? mergeResults(readLastResults()?.results ?? null, results, course.map((e) => e.meta.id)) : results);
  for (const reporter of reporters) await reporter.finish({ results, resultsPath });
  if (command.file === undefined && command.format !== 'gradescope') io.stdout.write(`\n${wrap(await nextStepAfter(results, course), terminalWidth(io.stdout, io.env))}\n`);
  const checks = results.exercises.flatMap((e) => e.checks);
  return checks.every((c) => c.status === 'pass') ? 0 : 1;
}

async function chooseReporters(command: GradeCommand, io: Io): Promise<Reporter[]> {
  const reporters = [createTerminalReporter(io.stdout, chooseStyle(io.stdout, io.env), terminalWidth(io.stdout, io.env))];
  if (wantsGithub(command.reporter, io.env)) reporters.push((await import('../../reporters/github.js')).createGithubReporter());
  if (command.format === 'gradescope' && command.json !== undefined) {
    reporters.push((await import('../../reporters/gradescope.js')).createGradescopeReporter(path.resolve(command.json)));
  }
  if (command.html !== undefined) {
    reporters.push((await import('../../reporters/html.js')).createHtmlReporter(path.resolve(command.html), io.stdout, command.html));
  }
  return reporters;
}

// What the learner should do now that these exercises of their own files are graded (the pass screen's next step).
async function nextStepAfter(results: RunResults, course: Exercise[]): Promise<string> {
  const { mergeResults } = await import('../../learner/merge-results.js');
  const { readLastResults } = await import('../../learner/last-results.js');
  const { courseProgress } = await import('../../learner/progress.js');
  const { afterPass, nextStep } = await import('../../learner/next-step.js');
  // Where the learner stands with this grade counted, whichever document it was written to.
  const latest = mergeResults(readLastResults()?.results ?? null, results, course.map((e) => e.meta.id));
  const progress = courseProgress({ results: latest, at: Date.now() });
  const [only] = results.exercises;
  return results.exercises.length === 1 && only?.status === 'pass' && only.started ? afterPass(only.id, progress) : nextStep(progress);
}
