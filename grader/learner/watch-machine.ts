// Watch mode's logic as a state machine: events in (a key, a save, a grade finished), a new state and the effects to
// carry out (grade, cancel, watch a file, fetch a hint) out. No terminal, no files, no clock: the watch command runs
// the effects and draws the screen from the state; tests drive the machine with events alone.
import type { ExerciseResult, RunResults } from '../results/types.js';

// Where the learner stands on one exercise, kept up to date as grades come in (the progress bar, and where n goes).
export interface Standing {
  id: string;
  points: number;
  maxPoints: number;
  passed: boolean;
}

// The main part of the screen: a grade under way, the last verdict, or a grader failure.
export type Body =
  | { kind: 'grading' }
  | { kind: 'verdict'; result: ExerciseResult; run: RunResults; at: string }
  | { kind: 'bug'; message: string };

// Shown under the verdict on request (h, l), until the next grade starts.
export interface Panel {
  kind: 'hint' | 'list';
  text: string;
}

// One line above the footer about what just happened.
export type Notice =
  { kind: 'cancelled'; exercise: string } | { kind: 'passed'; exercise: string; next: string | null };

export interface WatchState {
  course: Standing[];
  current: string;
  // Grade only when r is pressed (no change events where the files are).
  manual: boolean;
  // Keys can be pressed (stdin is a terminal).
  keys: boolean;
  body: Body;
  panel: Panel | null;
  notice: Notice | null;
  // The generation of the grade in flight, if any; each grade gets a new one, so a stale result is recognised.
  running: number | null;
  generation: number;
  quitting: boolean;
}

export type WatchEvent =
  | { kind: 'start' }
  | { kind: 'key'; key: string }
  // The learner saved this exercise's file with new content.
  | { kind: 'saved'; exercise: string }
  | { kind: 'graded'; generation: number; result: ExerciseResult; run: RunResults; at: string }
  | { kind: 'failed'; generation: number; message: string }
  // The text asked for with a hint or list effect.
  | { kind: 'shown'; panel: Panel };

export type Effect =
  | { kind: 'grade'; exercise: string; generation: number }
  | { kind: 'cancel'; generation: number }
  // Watch this exercise's file for saves (and stop watching the previous one).
  | { kind: 'follow'; exercise: string }
  | { kind: 'hint'; exercise: string }
  | { kind: 'list' }
  | { kind: 'quit' };

export interface Step {
  state: WatchState;
  effects: Effect[];
}

export function initialState(
  course: Standing[],
  current: string,
  options: { manual: boolean; keys: boolean },
): WatchState {
  return {
    course,
    current,
    manual: options.manual,
    keys: options.keys,
    body: { kind: 'grading' },
    panel: null,
    notice: null,
    running: null,
    generation: 0,
    quitting: false,
  };
}

// The next exercise for n, and after a pass: the first one after `from` not passed yet (wrapping round), else simply
// the one after it; null for "after a pass" when every exercise has passed.
export function nextExercise(course: Standing[], from: string, pendingOnly: boolean): string | null {
  const at = course.findIndex((s) => s.id === from);
  for (let step = 1; step < course.length; step++) {
    const candidate = course[(at + step) % course.length];
    if (candidate && !candidate.passed) return candidate.id;
  }
  if (pendingOnly) return null;
  return course[(at + 1) % course.length]?.id ?? from;
}

// Cancels the grade in flight (if any) and starts a new one of `exercise`.
function regrade(state: WatchState, exercise: string, notice: Notice | null): Step {
  const generation = state.generation + 1;
  const effects: Effect[] = state.running !== null ? [{ kind: 'cancel', generation: state.running }] : [];
  effects.push({ kind: 'grade', exercise, generation });
  return {
    state: {
      ...state,
      current: exercise,
      body: { kind: 'grading' },
      panel: null,
      notice,
      running: generation,
      generation,
    },
    effects,
  };
}

export function step(state: WatchState, event: WatchEvent): Step {
  if (state.quitting) return { state, effects: [] };
  switch (event.kind) {
    case 'start': {
      const started = regrade(state, state.current, null);
      return { state: started.state, effects: [{ kind: 'follow', exercise: state.current }, ...started.effects] };
    }
    case 'saved': {
      if (event.exercise !== state.current || state.manual) return { state, effects: [] };
      return regrade(
        state,
        state.current,
        state.running !== null ? { kind: 'cancelled', exercise: state.current } : null,
      );
    }
    case 'graded': {
      if (event.generation !== state.running) return { state, effects: [] };
      const passed = event.result.status === 'pass' && event.result.started;
      const course = state.course.map((s) =>
        s.id === event.result.id ? { ...s, points: event.result.points, maxPoints: event.result.maxPoints, passed } : s,
      );
      const notice: Notice | null = passed
        ? { kind: 'passed', exercise: event.result.id, next: nextExercise(course, event.result.id, true) }
        : null;
      return {
        state: {
          ...state,
          course,
          body: { kind: 'verdict', result: event.result, run: event.run, at: event.at },
          notice,
          running: null,
        },
        effects: [],
      };
    }
    case 'failed': {
      if (event.generation !== state.running) return { state, effects: [] };
      return { state: { ...state, body: { kind: 'bug', message: event.message }, running: null }, effects: [] };
    }
    case 'shown':
      return { state: { ...state, panel: event.panel }, effects: [] };
    case 'key':
      return onKey(state, event.key);
  }
}

function onKey(state: WatchState, key: string): Step {
  switch (key) {
    case 'q': {
      const effects: Effect[] = state.running !== null ? [{ kind: 'cancel', generation: state.running }] : [];
      return { state: { ...state, quitting: true, running: null }, effects: [...effects, { kind: 'quit' }] };
    }
    case 'r':
      return regrade(state, state.current, null);
    case 'n': {
      const next = nextExercise(state.course, state.current, false) ?? state.current;
      const moved = regrade(state, next, null);
      return { state: moved.state, effects: [{ kind: 'follow', exercise: next }, ...moved.effects] };
    }
    case 'h':
      return { state, effects: [{ kind: 'hint', exercise: state.current }] };
    case 'l':
      // l again puts the list away.
      if (state.panel?.kind === 'list') return { state: { ...state, panel: null }, effects: [] };
      return { state, effects: [{ kind: 'list' }] };
    default:
      return { state, effects: [] };
  }
}
