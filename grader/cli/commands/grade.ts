// `npm run grade`: find Python, grade the chosen exercises in one session, hand each result to the reporters,
// write the results document once every learner process is gone and the grader is known to be unchanged.
import path from 'node:path';
import { findExercise, loadCourse } from '../../engine/course.js';
import { gradeCourse } from '../../engine/grade.js';
import { checkIntegrity } from '../../integrity/manifest.js';
import { changedSince, fingerprint, graderChangedDuringRun, preloadForRun } from '../../integrity/run-guard.js';
import { defaultResultsPath, kitRoot, kitVersion } from '../../paths.js';
import { findPython } from '../../python/find-python.js';
import { newSeed } from '../../random.js';
import { wantsGithub } from '../../reporters/github-choice.js';
import type { Reporter } from '../../reporters/reporter.js';
import { chooseStyle } from '../../reporters/style.js';
import { createTerminalReporter } from '../../reporters/terminal.js';
import { writeResults } from '../../results/write.js';
import { RunSession } from '../../run/session.js';
import { requestedIsolation } from '../../sandbox/isolation.js';
import type { Command } from '../argv.js';
import type { Io } from '../main.js';

type GradeCommand = Extract<Command, { kind: 'grade' }>;

// Exit 0 when every graded check passes, else 1 (the verdicts themselves are in the results document).
export async function grade(command: GradeCommand, io: Io): Promise<number> {
  if (command.submissions !== undefined) return (await import('./bulk.js')).gradeSubmissions(command, io);
  const course = loadCourse();
  const chosen = command.exercises.length > 0 ? command.exercises.map((name) => findExercise(course, name)) : course;
  const python = await findPython(command.python, io.env);
  const github = wantsGithub(command.reporter, io.env);
  await preloadForRun({ github });
  const reporters = await chooseReporters(command, io, github);
  const integrity = checkIntegrity(kitRoot);
  const before = fingerprint(kitRoot);
  const session = await RunSession.open({ python, isolation: requestedIsolation(io.env, command.noSandbox) });
  for (const reporter of reporters) reporter.start?.({ kitVersion: kitVersion(), python, integrity, isolation: session.isolation });
  let graded;
  try {
    graded = await gradeCourse(chosen, {
      python,
      seed: command.seed ?? newSeed(),
      session,
      ...(command.file !== undefined ? { file: path.resolve(command.file) } : {}),
      onExercise: (result) => {
        for (const reporter of reporters) reporter.exercise?.(result);
      },
    });
  } finally {
    await session.close();
  }
  // Every learner process is gone: what the grader's files are now is what they stay.
  const changed = changedSince(kitRoot, before);
  const results = changed.length > 0 ? graderChangedDuringRun({ ...graded, integrity }, changed) : { ...graded, integrity };
  // With --format gradescope, --json names Gradescope's file and the kit's own document goes to its usual place.
  const resultsPath = path.resolve(command.format === 'gradescope' ? defaultResultsPath : (command.json ?? defaultResultsPath));
  // The default document is the learner's latest grade of every exercise (list, hint and solution read it):
  // grading some of their own files replaces only those exercises in it.
  const own = resultsPath === path.resolve(defaultResultsPath) && command.file === undefined && chosen.length < course.length;
  const { mergeResults } = await import('../../learner/merge-results.js');
  const { readLastResults } = await import('../../learner/last-results.js');
  writeResults(resultsPath, own ? mergeResults(readLastResults()?.results ?? null, results, course.map((e) => e.meta.id)) : results);
  for (const reporter of reporters) await reporter.finish({ results, resultsPath });
  const checks = results.exercises.flatMap((e) => e.checks);
  return checks.every((c) => c.status === 'pass') ? 0 : 1;
}

async function chooseReporters(command: GradeCommand, io: Io, github: boolean): Promise<Reporter[]> {
  const reporters = [createTerminalReporter(io.stdout, chooseStyle(io.stdout, io.env), { workflowCommands: github ? 'paused' : 'on' })];
  if (github) reporters.push((await import('../../reporters/github.js')).createGithubReporter());
  if (command.format === 'gradescope' && command.json !== undefined) {
    reporters.push((await import('../../reporters/gradescope.js')).createGradescopeReporter(path.resolve(command.json)));
  }
  if (command.html !== undefined) {
    reporters.push((await import('../../reporters/html.js')).createHtmlReporter(path.resolve(command.html), io.stdout, command.html));
  }
  return reporters;
}
