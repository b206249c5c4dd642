// Fixed intervals and results for the timeline, terminal and HTML reporter tests: a sequential mistake (a staircase),
// a gather solution (stacked bars), threads, and a call that never ended.
import type { TimelineRow } from '../../grader/engine/types.js';
import type { CheckResult, RunResults } from '../../grader/results/types.js';
import { fixedResults } from './fixed-results.js';

const row = (
  label: string,
  start: number,
  end: number | null,
  thread = 'MainThread',
  mainThread = thread === 'MainThread',
): TimelineRow => ({
  helper: 'fetch_item',
  label,
  start,
  end,
  thread,
  mainThread,
});

// Awaited one after another: each call starts when the one before it ends.
export const sequentialRows: TimelineRow[] = [
  row('dalo', 0.02, 0.2),
  row('pozesa', 0.2, 0.33),
  row('vizeto', 0.33, 0.48),
  row('losane', 0.48, 0.67),
  row('tovimi', 0.67, 0.78),
];

// Gathered: every call starts at once; they end in their own order.
export const gatheredRows: TimelineRow[] = [
  row('samito', 0.016, 0.137),
  row('mirupo', 0.016, 0.179),
  row('rumi', 0.016, 0.199),
  row('sakapo', 0.016, 0.117),
  row('mine', 0.016, 0.158),
];

// to_thread: each call on a worker thread of its own, all at once.
export const threadRows: TimelineRow[] = [0, 1, 2].map((i) => ({
  helper: 'fetch_url',
  label: `page-${i}`,
  start: 0.01 + i * 0.002,
  end: 0.25 + i * 0.03,
  thread: `ThreadPoolExecutor-0_${i}`,
  mainThread: false,
}));

// A call still running when the run was stopped.
export const openRows: TimelineRow[] = [row('first', 0, 0.2), row('stuck', 0.2, null)];

const check = (
  id: string,
  task: number,
  title: string,
  status: 'pass' | 'fail',
  intervals: TimelineRow[],
  message?: string,
): CheckResult => ({
  id,
  task,
  title,
  status,
  points: status === 'pass' ? 3 : 0,
  maxPoints: 3,
  ...(message ? { message } : {}),
  durationMs: 800,
  evidence: { intervals, peakConcurrency: status === 'pass' ? intervals.length : 1 },
});

// The fixed results plus a gather exercise: the sequential mistake fails, the gathered version passes.
export function resultsWithTimelines(): RunResults {
  const base = fixedResults();
  return {
    ...base,
    score: { points: 6, maxPoints: 17 },
    exercises: [
      ...base.exercises,
      {
        id: '03-gather',
        title: 'Gather <many> & more',
        file: 'exercises/03-gather/gather.py',
        status: 'fail',
        started: true,
        points: 3,
        maxPoints: 9,
        durationMs: 2000,
        checks: [
          check(
            'fetch-all-gathered',
            2,
            'fetch_all fetches every item at once',
            'fail',
            sequentialRows,
            'These 5 `fetch_item` calls ran one after another (0.02-0.20, 0.20-0.33, 0.33-0.48, 0.48-0.67, 0.67-0.78 s). <script>alert("x")</script>',
          ),
          check('safely-concurrent', 3, 'fetch_all_safely fetches every item at once', 'pass', gatheredRows),
          check('threads', 4, 'fetch_all runs in worker threads', 'fail', threadRows, 'Only 3 of 4 ran.'),
        ],
      },
    ],
  };
}
