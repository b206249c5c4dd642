// `npm run watch` (and `grade --watch`): one screen, redrawn as things happen, for the first exercise not yet passed;
// it is graded again a moment after each save (a stale run is cancelled), and n moves on once it passes.
// Keys: h hint, l list, n next, r grade now, q quit. The logic is the state machine in learner/watch-machine.ts;
// this file carries out its effects (grading, watching files, reading keys) and draws the screen.
import path from 'node:path';
import { findExercise, loadCourse, type Exercise } from '../../engine/course.js';
import { gradeCourse, GradingCancelled } from '../../engine/grade.js';
import { EnvironmentError } from '../../errors.js';
import { watchFile, type FileWatch } from '../../learner/file-watch.js';
import { recordSeen } from '../../learner/hints-seen.js';
import { readKeys, type KeyReader } from '../../learner/keys.js';
import { readLastResults } from '../../learner/last-results.js';
import { nextHint } from '../../learner/next-hint.js';
import { currentExercise } from '../../learner/next-step.js';
import { courseProgress } from '../../learner/progress.js';
import { initialState, step, type Effect, type WatchEvent, type WatchState } from '../../learner/watch-machine.js';
import * as say from '../../messages.js';
import { replaceExercises } from '../../results/assemble.js';
import { RunSession } from '../../run/session.js';
import { requestedIsolation } from '../../sandbox/isolation.js';
import { defaultResultsPath, displayPath, kitVersion } from '../../paths.js';
import { findPython } from '../../python/find-python.js';
import { newSeed } from '../../random.js';
import { renderHint } from '../../reporters/hint-text.js';
import { chooseStyle, plainStyle } from '../../reporters/style.js';
import { renderHeader } from '../../reporters/terminal.js';
import { CLEAR_SCREEN, renderWatchScreen } from '../../reporters/watch-screen.js';
import { terminalWidth } from '../../reporters/wrap.js';
import { writeResults } from '../../results/write.js';
import type { Io } from '../main.js';
import { commandLine } from '../usage.js';
import { renderList } from './list.js';

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

// Runs until q (or Ctrl-C); stdin gives the keys when it is a terminal, otherwise only saves are followed.
export async function watch(command: WatchCommand, io: Io, stdin: NodeJS.ReadStream = process.stdin): Promise<number> {
  const course = loadCourse();
  const byId = new Map(course.map((e) => [e.meta.id, e]));
  const exercise = (id: string): Exercise => byId.get(id) ?? (course[0] as Exercise);
  if (command.manual && !stdin.isTTY) throw new EnvironmentError(say.watchManualNeedsTerminal());
  const python = await findPython(command.python, io.env);
  const style = chooseStyle(io.stdout, io.env);
  const progress = courseProgress();
  const start: Exercise =
    command.exercise !== undefined
      ? findExercise(course, command.exercise, { example: (n) => commandLine('watch', n) })
      : (currentExercise(progress)?.exercise ?? (course[0] as Exercise));
  const standings = progress.map((p) => ({
    id: p.exercise.meta.id,
    points: p.points,
    maxPoints: p.maxPoints,
    passed: p.status === 'done',
  }));
  let state: WatchState = initialState(standings, start.meta.id, {
    manual: Boolean(command.manual),
    keys: Boolean(stdin.isTTY),
  });

  // A terminal gets one screen, cleared and redrawn; a pipe or a log gets each screen after the last.
  const redraw = io.stdout.isTTY === true;
  let drawn = '';
  const draw = (): void => {
    const screen = renderWatchScreen(state, {
      style,
      width: terminalWidth(io.stdout, io.env),
      header: renderHeader(kitVersion(), python, plainStyle),
      file: (id) => displayPath(exercise(id).learnerFile),
      lesson: (id) => displayPath(path.join(exercise(id).dir, 'README.md')),
    });
    if (screen === drawn) return;
    drawn = screen;
    io.stdout.write(redraw ? `${CLEAR_SCREEN}${screen}` : `${screen}\n`);
  };

  // One sandbox for the whole session: each save is graded without starting a new one.
  let opened: Promise<RunSession> | undefined;
  const sandbox = async (): Promise<RunSession> => {
    const current = opened ? await opened : undefined;
    // Learner code may have ended the sandbox's processes: the next save gets a new one.
    if (current && !current.usable) {
      await current.close();
      opened = undefined;
    }
    opened ??= RunSession.open({ python, isolation: requestedIsolation(io.env) });
    return opened;
  };
  let fileWatch: FileWatch | undefined;
  let keys: KeyReader | undefined;
  const runs = new Map<number, AbortController>();
  // One grading at a time: each waits for the one before it (cancelled or not) to be gone before it starts.
  let lastRun: Promise<void> = Promise.resolve();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const dispatch = (event: WatchEvent): void => {
    const next = step(state, event);
    state = next.state;
    draw();
    for (const effect of next.effects) perform(effect);
  };

  const gradeInTurn = (id: string, generation: number): void => {
    const controller = new AbortController();
    runs.set(generation, controller);
    const previous = lastRun;
    lastRun = (async () => {
      await previous;
      try {
        if (controller.signal.aborted) return;
        const session = await sandbox();
        // Every save is graded from a fresh copy of the file.
        session.restage();
        const results = await gradeCourse([exercise(id)], {
          python,
          seed: command.seed ?? newSeed(),
          signal: controller.signal,
          session,
        });
        const result = results.exercises[0];
        if (!result || controller.signal.aborted) return;
        writeResults(
          defaultResultsPath,
          replaceExercises(
            readLastResults()?.results ?? null,
            results,
            course.map((e) => e.meta.id),
          ),
        );
        dispatch({ kind: 'graded', generation, result, run: results, at: new Date().toTimeString().slice(0, 8) });
      } catch (cause) {
        if (!(cause instanceof GradingCancelled))
          dispatch({ kind: 'failed', generation, message: say.graderBug(cause) });
      } finally {
        runs.delete(generation);
      }
    })();
  };

  const perform = (effect: Effect): void => {
    switch (effect.kind) {
      case 'grade':
        gradeInTurn(effect.exercise, effect.generation);
        return;
      case 'cancel':
        runs.get(effect.generation)?.abort();
        return;
      case 'follow':
        fileWatch?.close();
        fileWatch = state.manual
          ? undefined
          : watchFile(exercise(effect.exercise).learnerFile, () =>
              dispatch({ kind: 'saved', exercise: effect.exercise }),
            );
        return;
      case 'hint': {
        const shown = exercise(effect.exercise);
        const next = nextHint(shown, undefined, readLastResults());
        if (!next) return;
        if (next.hints.length > 0) recordSeen(shown.meta.id, next.task.number, next.shown);
        dispatch({
          kind: 'shown',
          panel: { kind: 'hint', text: renderHint(next, style, terminalWidth(io.stdout, io.env), 'key') },
        });
        return;
      }
      case 'list':
        dispatch({
          kind: 'shown',
          panel: { kind: 'list', text: renderList(courseProgress(), style, terminalWidth(io.stdout, io.env), false) },
        });
        return;
      case 'quit':
        void (async () => {
          await lastRun;
          fileWatch?.close();
          keys?.close();
          if (opened) await (await opened).close();
          finish();
        })();
        return;
    }
  };

  if (state.keys) keys = readKeys(stdin, (key) => dispatch({ kind: 'key', key }));
  // A resized terminal gets the screen folded to its new width.
  const resized = (): void => draw();
  if (redraw) io.stdout.on('resize', resized);
  dispatch({ kind: 'start' });
  await finished;
  io.stdout.off('resize', resized);
  return 0;
}
