// `npm run watch` (and `grade --watch`): grade the first exercise not yet passed, grade it again a moment after each
// save (cancelling a stale run), move on when it passes; keys h hint, l list, n next, r grade now, q quit.
import { findExercise, loadCourse, type Exercise } from '../../engine/course.js';
import { gradeCourse, GradingCancelled } from '../../engine/grade.js';
import { watchFile, type FileWatch } from '../../learner/file-watch.js';
import { readKeys, type KeyReader } from '../../learner/keys.js';
import { readLastResults } from '../../learner/last-results.js';
import { courseProgress } from '../../learner/progress.js';
import { mergeResults } from '../../learner/merge-results.js';
import * as say from '../../messages.js';
import { defaultResultsPath, displayPath, kitVersion } from '../../paths.js';
import { findPython } from '../../python/find-python.js';
import { newSeed } from '../../random.js';
import { chooseStyle } from '../../reporters/style.js';
import { renderExercise, renderHeader, renderSummary } from '../../reporters/terminal.js';
import { writeResults } from '../../results/write.js';
import type { Io } from '../main.js';
import { commandLine } from '../usage.js';

// The parsed `watch` command, or `grade --watch` (see argv.ts).
export interface WatchCommand {
  kind: 'watch';
  // Start with this exercise instead of the first one not yet passed.
  exercise?: string;
  // No change events (network drives, some containers): grade only when the learner presses r.
  manual?: boolean;
  python?: string;
  seed?: number;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

// Runs until q (or Ctrl-C); stdin gives the keys when it is a terminal, otherwise only saves are followed.
export async function watch(command: WatchCommand, io: Io, stdin: NodeJS.ReadStream = process.stdin): Promise<number> {
  const course = loadCourse();
  const python = await findPython(command.python, io.env);
  const style = chooseStyle(io.stdout, io.env);
  const write = (text: string): void => {
    io.stdout.write(text);
  };
  const interactive = Boolean(stdin.isTTY);
  const manual = Boolean(command.manual);
  let current: Exercise = command.exercise !== undefined ? findExercise(course, command.exercise, { example: (n) => commandLine('watch', n) }) : (notPassed(course, -1) ?? (course[0] as Exercise));
  let fileWatch: FileWatch | undefined;
  let keys: KeyReader | undefined;
  let running: Running | undefined;
  let generation = 0;
  let quitting = false;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const footer = (): void => {
    write(`\n${style.dim(say.watchWatching(current.meta.id, displayPath(current.learnerFile)))}\n`);
    if (interactive) write(`${style.dim(say.watchKeys(manual))}\n`);
  };

  const follow = (exercise: Exercise): void => {
    fileWatch?.close();
    current = exercise;
    fileWatch = manual ? undefined : watchFile(exercise.learnerFile, onSave);
  };

  const gradeOnce = async (exercise: Exercise, signal: AbortSignal): Promise<void> => {
    const stamp = new Date().toTimeString().slice(0, 8);
    write(`\n${style.dim(`──── ${stamp} · grading ${exercise.meta.id} ────`)}\n`);
    try {
      const results = await gradeCourse([exercise], { python, seed: command.seed ?? newSeed(), signal });
      const result = results.exercises[0];
      if (!result || signal.aborted) return;
      write(`${renderExercise(result, style)}\n\n${renderSummary(results, null, style)}\n`);
      const merged = mergeResults(readLastResults()?.results ?? null, results, course.map((e) => e.meta.id));
      writeResults(defaultResultsPath, merged);
      if (result.status === 'pass' && result.started) {
        const next = notPassed(course, course.indexOf(exercise));
        write(`\n${style.pass(say.watchPassed(exercise.meta.id, next?.meta.id ?? null))}\n`);
        if (next) {
          follow(next);
          queueMicrotask(() => void startGrade());
          return;
        }
        write(`${say.watchAllDone()}\n`);
      }
      footer();
    } catch (cause) {
      if (cause instanceof GradingCancelled) return;
      write(`${say.graderBug(cause)}\n`);
      footer();
    }
  };

  // One grading at a time: a new request cancels the running one, waits for its processes to go, then starts.
  const startGrade = async (): Promise<void> => {
    const mine = ++generation;
    const previous = running;
    if (previous) {
      previous.controller.abort();
      await previous.done;
    }
    if (mine !== generation || quitting) return;
    const controller = new AbortController();
    const done = gradeOnce(current, controller.signal);
    running = { controller, done };
    await done;
    if (running?.controller === controller) running = undefined;
  };

  function onSave(): void {
    if (running && !running.controller.signal.aborted) write(`\n${style.dim(say.watchCancelled(displayPath(current.learnerFile)))}\n`);
    void startGrade();
  }

  const quit = async (): Promise<void> => {
    if (quitting) return;
    quitting = true;
    running?.controller.abort();
    await running?.done;
    fileWatch?.close();
    keys?.close();
    finish();
  };

  const onKey = (key: string): void => {
    if (quitting) return;
    if (key === 'q') void quit();
    else if (key === 'r') void startGrade();
    else if (key === 'n') {
      follow(course[(course.indexOf(current) + 1) % course.length] as Exercise);
      void startGrade();
    } else if (key === 'h') void runQuietly(async () => (await import('./hint.js')).hint({ kind: 'hint', exercise: current.meta.id }, io));
    else if (key === 'l') void runQuietly(async () => (await import('./list.js')).list(io));
  };

  const runQuietly = async (action: () => Promise<number>): Promise<void> => {
    write('\n');
    try {
      await action();
    } catch (cause) {
      write(`${cause instanceof Error ? cause.message : String(cause)}\n`);
    }
    footer();
  };

  write(`${renderHeader(kitVersion(), python, style)} ${style.dim('· watch mode')}\n`);
  if (!interactive) write(`${style.dim(say.watchNoTerminal())}\n`);
  follow(current);
  if (interactive) keys = readKeys(stdin, onKey);
  void startGrade();
  await finished;
  return 0;
}

// The first exercise after `after` (in course order, wrapping around) that the learner has not passed yet.
function notPassed(course: Exercise[], after: number): Exercise | undefined {
  const progress = courseProgress();
  for (let step = 1; step <= course.length; step++) {
    const index = (after + step) % course.length;
    if (index === after) continue;
    if (progress[index]?.status !== 'done') return course[index];
  }
  return undefined;
}
