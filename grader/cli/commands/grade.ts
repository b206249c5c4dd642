// `npm run grade`: find Python, grade the chosen exercises in one session, hand each result to the reporters,
// write the results documents once every learner process is gone and the grader is known to be unchanged.
import path from 'node:path';
import { findExercise, loadCourse, type Exercise } from '../../engine/course.js';
import { gradeCourse } from '../../engine/grade.js';
import { checkIntegrity } from '../../integrity/manifest.js';
import { changedSince, fingerprint, graderChangedDuringRun, preloadForRun } from '../../integrity/run-guard.js';
import { readLastResults } from '../../learner/last-results.js';
import * as say from '../../messages.js';
import { defaultResultsPath, kitRoot, kitVersion, otherFileResultsPath, outputPath } from '../../paths.js';
import { judgePolicy, readPolicy, type GradingPolicy } from '../../policy/grading-policy.js';
import { findPython } from '../../python/find-python.js';
import { newSeed } from '../../random.js';
import { wantsGithub } from '../../reporters/github-choice.js';
import type { Reporter } from '../../reporters/reporter.js';
import { chooseStyle } from '../../reporters/style.js';
import { createTerminalReporter } from '../../reporters/terminal.js';
import { exitCode, replaceExercises } from '../../results/assemble.js';
import type { RunResults } from '../../results/types.js';
import { writeResults } from '../../results/write.js';
import { RunSession } from '../../run/session.js';
import { requestedIsolation } from '../../sandbox/isolation.js';
import { terminalWidth, wrap } from '../../reporters/wrap.js';
import type { Command } from '../argv.js';
import { commandNames } from '../usage.js';
import type { Io } from '../main.js';

type GradeCommand = Extract<Command, { kind: 'grade' }>;

// The exit code follows exitCode() in results/assemble.ts: 0 while no graded check fails (not started is no failure),
// else 1 (the verdicts themselves are in the results document).
export async function grade(command: GradeCommand, io: Io): Promise<number> {
  if (command.submissions !== undefined) return (await import('./bulk.js')).gradeSubmissions(command, io);
  const course = loadCourse();
  const chosen =
    command.exercises.length > 0
      ? command.exercises.map((name) => findExercise(course, name, { otherNames: commandNames() }))
      : course;
  const python = await findPython(command.python, io.env);
  const github = wantsGithub(command.reporter, io.env);
  await preloadForRun({ github });
  const reporters = await chooseReporters(command, io, github);
  const integrity = checkIntegrity(kitRoot);
  // Read before any learner code runs, like the course's points (loadCourse): a change during the run is not this
  // run's.
  const policy = readPolicy(kitRoot);
  const before = fingerprint(kitRoot);
  const session = await RunSession.open({ python, isolation: requestedIsolation(io.env, command.noSandbox) });
  for (const reporter of reporters)
    reporter.start?.({ kitVersion: kitVersion(), python, integrity, isolation: session.isolation });
  let graded;
  try {
    graded = await gradeCourse(chosen, {
      python,
      seed: command.seed ?? newSeed(),
      session,
      ...(command.file !== undefined ? { file: command.file } : {}),
      ...(command.format === 'gradescope'
        ? { fileMissing: (_shown: string, exercise: Exercise) => say.gradescopeFileMissing(exercise.meta.file) }
        : {}),
      onExercise: (result) => {
        for (const reporter of reporters) reporter.exercise?.(result);
      },
    });
  } finally {
    await session.close();
  }
  // Every learner process is gone: what the grader's files are now is what they stay.
  const changed = changedSince(kitRoot, before);
  const checked =
    changed.length > 0 ? graderChangedDuringRun({ ...graded, integrity }, changed) : { ...graded, integrity };
  const results = { ...checked, policy: judgePolicy(checked, policy) };
  const resultsPath = writeDocuments(command, chosen, course, results, policy);
  for (const reporter of reporters) await reporter.finish({ results, resultsPath });
  if (command.file === undefined && command.format !== 'gradescope')
    io.stdout.write(`\n${wrap(await nextStepAfter(results, course), terminalWidth(io.stdout, io.env))}\n`);
  return exitCode(results);
}

// Where this run's results go, and the learner's latest grades never lost: a run of the learner's own files replaces
// those exercises in the default document (whatever --json says); a run of another file (--file) never touches it.
// --json gets exactly this run. Returns the path the reporters name.
function writeDocuments(
  command: GradeCommand,
  chosen: Exercise[],
  course: Exercise[],
  results: RunResults,
  policy: GradingPolicy,
): string {
  const ownFiles =
    command.file === undefined || chosen.every((e) => path.resolve(e.learnerFile) === path.resolve(command.file ?? ''));
  const json =
    command.json !== undefined && path.resolve(command.json) !== path.resolve(defaultResultsPath)
      ? command.json
      : undefined;
  // With --format gradescope, --json names Gradescope's file (its reporter writes it), not the kit's document.
  const own = json !== undefined && command.format !== 'gradescope' ? json : undefined;
  if (own !== undefined) writeResults(own, results);
  if (ownFiles) {
    const latest = replaceExercises(
      readLastResults()?.results ?? null,
      results,
      course.map((e) => e.meta.id),
    );
    writeResults(defaultResultsPath, { ...latest, policy: judgePolicy(latest, policy) });
    return own ?? defaultResultsPath;
  }
  if (own === undefined) writeResults(otherFileResultsPath, results);
  return own ?? otherFileResultsPath;
}

async function chooseReporters(command: GradeCommand, io: Io, github: boolean): Promise<Reporter[]> {
  const reporters = [
    createTerminalReporter(io.stdout, chooseStyle(io.stdout, io.env), {
      width: terminalWidth(io.stdout, io.env),
      workflowCommands: github ? 'paused' : 'on',
    }),
  ];
  if (github) reporters.push((await import('../../reporters/github.js')).createGithubReporter());
  if (command.format === 'gradescope' && command.json !== undefined) {
    reporters.push(
      (await import('../../reporters/gradescope.js')).createGradescopeReporter(path.resolve(command.json)),
    );
  }
  if (command.html !== undefined) {
    reporters.push(
      (await import('../../reporters/html.js')).createHtmlReporter(command.html, io.stdout, outputPath(command.html)),
    );
  }
  return reporters;
}

// What the learner should do now that these exercises of their own files are graded (the pass screen's next step).
async function nextStepAfter(results: RunResults, course: Exercise[]): Promise<string> {
  const { courseProgress } = await import('../../learner/progress.js');
  const { afterPass, nextStep } = await import('../../learner/next-step.js');
  // Where the learner stands with this grade counted, whichever document it was written to.
  const latest = replaceExercises(
    readLastResults()?.results ?? null,
    results,
    course.map((e) => e.meta.id),
  );
  const progress = courseProgress({ results: latest, at: Date.now() });
  const [only] = results.exercises;
  return results.exercises.length === 1 && only?.status === 'pass' && only.started
    ? afterPass(only.id, progress)
    : nextStep(progress);
}
