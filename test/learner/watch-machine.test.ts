// Watch mode without a terminal: the state machine driven by events (keys, saves, grades finishing) and the screen
// drawn from its state. The one real-terminal run is in test/cli/watch.test.ts.
import { describe, expect, it } from 'vitest';
import {
  initialState,
  nextExercise,
  step,
  type Effect,
  type Standing,
  type WatchEvent,
  type WatchState,
} from '../../grader/learner/watch-machine.js';
import { plainStyle } from '../../grader/reporters/style.js';
import { renderWatchScreen, type ScreenContext } from '../../grader/reporters/watch-screen.js';
import { visibleLength } from '../../grader/reporters/wrap.js';
import type { ExerciseResult, RunResults } from '../../grader/results/types.js';

const COURSE: Standing[] = [
  { id: '01-one', points: 0, maxPoints: 4, passed: false },
  { id: '02-two', points: 0, maxPoints: 6, passed: false },
  { id: '03-three', points: 0, maxPoints: 10, passed: false },
];

function result(id: string, status: 'pass' | 'fail', started = true): ExerciseResult {
  const maxPoints = COURSE.find((s) => s.id === id)?.maxPoints ?? 0;
  const points = status === 'pass' ? maxPoints : 1;
  return {
    id,
    title: `Exercise ${id}`,
    file: `exercises/${id}/${id}.py`,
    status,
    started,
    points: started ? points : 0,
    maxPoints,
    durationMs: 5,
    checks: [
      {
        id: 'works',
        task: 1,
        title: 'it works',
        status,
        points: started ? points : 0,
        maxPoints,
        durationMs: 5,
        ...(status === 'fail'
          ? {
              message: started
                ? 'It returned 3, but it should return the sum of its arguments, 5 this time.'
                : 'Not started.',
            }
          : {}),
      },
    ],
  };
}

function run(exercise: ExerciseResult): RunResults {
  return {
    schemaVersion: 1,
    kit: { name: 'asyncio-lab', version: '0.0.0' },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
    seed: 42,
    python: { version: '3.11.7', implementation: 'CPython', executable: '/usr/bin/python3' },
    platform: { os: 'linux', arch: 'x64', node: 'v20' },
    status: exercise.status,
    score: { points: exercise.points, maxPoints: exercise.maxPoints },
    exercises: [exercise],
  };
}

// Feeds events one after another, collecting every effect asked for.
function drive(state: WatchState, events: WatchEvent[]): { state: WatchState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const event of events) {
    const next = step(state, event);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

function graded(generation: number, exercise: ExerciseResult): WatchEvent {
  return { kind: 'graded', generation, result: exercise, run: run(exercise), at: '12:00:00' };
}

const fresh = (options: { manual?: boolean; keys?: boolean } = {}): WatchState =>
  initialState(COURSE, '01-one', { manual: options.manual ?? false, keys: options.keys ?? true });

describe('the watch state machine', () => {
  it('starts by watching the current exercise and grading it', () => {
    const { state, effects } = drive(fresh(), [{ kind: 'start' }]);
    expect(effects).toEqual([
      { kind: 'follow', exercise: '01-one' },
      { kind: 'grade', exercise: '01-one', generation: 1 },
    ]);
    expect(state.body).toEqual({ kind: 'grading' });
    expect(state.running).toBe(1);
  });

  it('a save while a grade runs cancels it and grades the new version; the stale verdict is never shown', () => {
    const started = drive(fresh(), [{ kind: 'start' }]).state;
    const saved = step(started, { kind: 'saved', exercise: '01-one' });
    expect(saved.effects).toEqual([
      { kind: 'cancel', generation: 1 },
      { kind: 'grade', exercise: '01-one', generation: 2 },
    ]);
    expect(saved.state.notice).toEqual({ kind: 'cancelled', exercise: '01-one' });
    const stale = step(saved.state, graded(1, result('01-one', 'fail')));
    expect(stale.state).toBe(saved.state);
    const fresh2 = step(saved.state, graded(2, result('01-one', 'pass')));
    expect(fresh2.state.body).toMatchObject({ kind: 'verdict', result: { status: 'pass' } });
    expect(fresh2.state.running).toBeNull();
  });

  it('a save after the grade finished grades again without a cancel; saves of other files are ignored', () => {
    const idle = drive(fresh(), [{ kind: 'start' }, graded(1, result('01-one', 'fail'))]).state;
    expect(step(idle, { kind: 'saved', exercise: '02-two' }).effects).toEqual([]);
    const saved = step(idle, { kind: 'saved', exercise: '01-one' });
    expect(saved.effects).toEqual([{ kind: 'grade', exercise: '01-one', generation: 2 }]);
    expect(saved.state.notice).toBeNull();
  });

  it('a pass stays on screen with the next step, counts in the progress, and n moves on to the next exercise not passed', () => {
    const passed = drive(fresh(), [{ kind: 'start' }, graded(1, result('01-one', 'pass'))]).state;
    expect(passed.current).toBe('01-one');
    expect(passed.notice).toEqual({ kind: 'passed', exercise: '01-one', next: '02-two' });
    expect(passed.course[0]).toEqual({ id: '01-one', points: 4, maxPoints: 4, passed: true });
    const moved = step(passed, { kind: 'key', key: 'n' });
    expect(moved.effects).toEqual([
      { kind: 'follow', exercise: '02-two' },
      { kind: 'grade', exercise: '02-two', generation: 2 },
    ]);
    expect(moved.state.current).toBe('02-two');
    expect(moved.state.notice).toBeNull();
  });

  it('after the last exercise passes there is no next one to suggest', () => {
    const course = COURSE.map((s) => ({ ...s, passed: s.id !== '03-three' }));
    const state = drive(initialState(course, '03-three', { manual: false, keys: true }), [
      { kind: 'start' },
      graded(1, result('03-three', 'pass')),
    ]).state;
    expect(state.notice).toEqual({ kind: 'passed', exercise: '03-three', next: null });
  });

  it('n skips exercises already passed, wrapping round; with all passed it goes to the next in order', () => {
    const course = COURSE.map((s) => ({ ...s, passed: s.id === '02-two' }));
    expect(nextExercise(course, '01-one', false)).toBe('03-three');
    expect(nextExercise(course, '03-three', false)).toBe('01-one');
    const all = COURSE.map((s) => ({ ...s, passed: true }));
    expect(nextExercise(all, '03-three', false)).toBe('01-one');
    expect(nextExercise(all, '03-three', true)).toBeNull();
  });

  it('r grades now, cancelling a grade in flight', () => {
    const started = drive(fresh(), [{ kind: 'start' }]).state;
    expect(step(started, { kind: 'key', key: 'r' }).effects).toEqual([
      { kind: 'cancel', generation: 1 },
      { kind: 'grade', exercise: '01-one', generation: 2 },
    ]);
  });

  it('h asks for the next hint of the current exercise and shows it in place, until the next grade', () => {
    const idle = drive(fresh(), [{ kind: 'start' }, graded(1, result('01-one', 'fail'))]).state;
    const asked = step(idle, { kind: 'key', key: 'h' });
    expect(asked.effects).toEqual([{ kind: 'hint', exercise: '01-one' }]);
    const shown = step(asked.state, { kind: 'shown', panel: { kind: 'hint', text: 'Try adding.' } });
    expect(shown.state.panel).toEqual({ kind: 'hint', text: 'Try adding.' });
    expect(step(shown.state, { kind: 'saved', exercise: '01-one' }).state.panel).toBeNull();
  });

  it('l shows the list, and l again puts it away', () => {
    const idle = drive(fresh(), [{ kind: 'start' }, graded(1, result('01-one', 'fail'))]).state;
    expect(step(idle, { kind: 'key', key: 'l' }).effects).toEqual([{ kind: 'list' }]);
    const listed = step(idle, { kind: 'shown', panel: { kind: 'list', text: 'the list' } }).state;
    expect(step(listed, { kind: 'key', key: 'l' }).state.panel).toBeNull();
  });

  it('q cancels a grade in flight and quits; nothing happens after that', () => {
    const started = drive(fresh(), [{ kind: 'start' }]).state;
    const quit = step(started, { kind: 'key', key: 'q' });
    expect(quit.effects).toEqual([{ kind: 'cancel', generation: 1 }, { kind: 'quit' }]);
    expect(step(quit.state, { kind: 'saved', exercise: '01-one' }).effects).toEqual([]);
    expect(step(quit.state, { kind: 'key', key: 'r' }).effects).toEqual([]);
  });

  it('in manual mode saves are not followed; r grades', () => {
    const idle = drive(fresh({ manual: true }), [{ kind: 'start' }, graded(1, result('01-one', 'fail'))]).state;
    expect(step(idle, { kind: 'saved', exercise: '01-one' }).effects).toEqual([]);
    expect(step(idle, { kind: 'key', key: 'r' }).effects).toEqual([
      { kind: 'grade', exercise: '01-one', generation: 2 },
    ]);
  });

  it('a grader failure is shown in place of the verdict; other keys do nothing', () => {
    const failed = drive(fresh(), [
      { kind: 'start' },
      { kind: 'failed', generation: 1, message: 'The grader failed: boom.' },
    ]).state;
    expect(failed.body).toEqual({ kind: 'bug', message: 'The grader failed: boom.' });
    expect(step(failed, { kind: 'key', key: 'x' })).toEqual({ state: failed, effects: [] });
  });
});

describe('the watch screen', () => {
  const context = (width?: number): ScreenContext => ({
    style: plainStyle,
    width,
    header: 'asyncio-lab 0.0.0 · CPython 3.11.7',
    file: (id) => `exercises/${id}/${id}.py`,
    lesson: (id) => `exercises/${id}/README.md`,
  });
  const screen = (state: WatchState, width?: number): string => renderWatchScreen(state, context(width));

  it('shows the verdict, then the progress bar, the current exercise, what to do and the keys', () => {
    const state = drive(fresh(), [{ kind: 'start' }, graded(1, result('01-one', 'fail'))]).state;
    const text = screen(state);
    expect(text).toMatch(/^asyncio-lab 0\.0\.0 · CPython 3\.11\.7 · watch mode\n/);
    expect(text).toMatch(/✗ 01-one {2}Exercise 01-one {2}1\/4\n[\s\S]*It returned 3, but it should return the sum/);
    expect(text).toMatch(/Score 1\/4 · 1 check failing · seed 42 · graded at 12:00:00/);
    expect(text).toMatch(
      /\n\[█+·+\] 0 of 3 exercises done · 1\/20 points\nCurrent exercise: 01-one · exercises\/01-one\/01-one\.py\nSave your changes to grade them again\.\nKeys: h hint · l list · n next exercise · r grade now · q quit\n$/,
    );
  });

  it('while grading says so, with the footer still there', () => {
    const text = screen(drive(fresh(), [{ kind: 'start' }]).state);
    expect(text).toMatch(/Grading 01-one…/);
    expect(text).toMatch(/Current exercise: 01-one/);
  });

  it('for an exercise not started yet, points to its lesson and its TODOs', () => {
    const state = drive(fresh(), [{ kind: 'start' }, graded(1, result('01-one', 'fail', false))]).state;
    expect(screen(state)).toMatch(
      /Read the lesson, exercises\/01-one\/README\.md, then replace the TODOs in exercises\/01-one\/01-one\.py: it is graded again every time you save it\./,
    );
  });

  it('in manual mode says to press r after saving, never "save it to grade it again"', () => {
    const state = drive(fresh({ manual: true }), [{ kind: 'start' }, graded(1, result('01-one', 'fail'))]).state;
    const text = screen(state);
    expect(text).toMatch(/Save your changes, then press r to grade them\./);
    expect(text).not.toMatch(/to grade (it|them) again/);
    const notStarted = drive(fresh({ manual: true }), [
      { kind: 'start' },
      graded(1, result('01-one', 'fail', false)),
    ]).state;
    expect(screen(notStarted)).toMatch(
      /replace the TODOs in exercises\/01-one\/01-one\.py: then press r to grade it\./,
    );
  });

  it('without a terminal for keys, shows no keys and says how to stop', () => {
    const state = drive(fresh({ keys: false }), [{ kind: 'start' }, graded(1, result('01-one', 'fail'))]).state;
    const text = screen(state);
    expect(text).not.toMatch(/Keys:/);
    expect(text).toMatch(/Keys need a terminal, so stop with Ctrl-C\./);
  });

  it('after a pass suggests the next step: n for the next exercise, or the reference solution', () => {
    const state = drive(fresh(), [{ kind: 'start' }, graded(1, result('01-one', 'pass'))]).state;
    const text = screen(state);
    expect(text).toMatch(
      /01-one passes! Press n to move on to 02-two, or keep experimenting: saves are still graded\. Compare with the reference solution: npm run grade -- solution 01/,
    );
    expect(text).toMatch(/\[██████·+\] 1 of 3 exercises done · 4\/20 points/);
  });

  it('shows a hint asked for under the verdict, and says a cancelled grade was replaced', () => {
    const idle = drive(fresh(), [
      { kind: 'start' },
      graded(1, result('01-one', 'fail')),
      { kind: 'shown', panel: { kind: 'hint', text: 'HINT TEXT' } },
    ]).state;
    expect(screen(idle)).toMatch(/sum of its arguments, 5 this time\.[\s\S]*\n\nHINT TEXT\n[\s\S]*Current exercise/);
    const cancelled = drive(fresh(), [{ kind: 'start' }, { kind: 'saved', exercise: '01-one' }]).state;
    expect(screen(cancelled)).toMatch(
      /exercises\/01-one\/01-one\.py changed while it was being graded; grading the new version\./,
    );
  });

  it('folds every line to the width at spaces', () => {
    const state = drive(fresh({ manual: true }), [{ kind: 'start' }, graded(1, result('01-one', 'pass'))]).state;
    const text = screen(state, 44);
    for (const line of text.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(44);
    expect(text.replace(/\n/g, ' ')).toMatch(/Compare with the reference solution: npm run grade -- solution 01/);
  });
});
