// Fixed results for reporter tests: one exercise with a pass, a fail at a learner line, a fail without a line,
// and one exercise not started. Paths are kit-relative, as a learner would read them.
import type { RunResults } from '../../grader/results/types.js';

export function fixedResults(overrides: Partial<RunResults> = {}): RunResults {
  return {
    schemaVersion: 1,
    kit: { name: 'asyncio-lab', version: '0.1.0' },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 2345.6,
    seed: 42,
    python: { version: '3.12.1', implementation: 'CPython', executable: '/usr/bin/python3' },
    platform: { os: 'linux', arch: 'x64', node: 'v20.0.0' },
    status: 'fail',
    score: { points: 3, maxPoints: 8 },
    exercises: [
      {
        id: '01-runners',
        title: 'Runners',
        file: 'exercises/01-runners/runners.py',
        status: 'fail',
        started: true,
        points: 3,
        maxPoints: 6,
        durationMs: 1200,
        checks: [
          { id: 'a', task: 1, title: 'makes a coroutine', status: 'pass', points: 1, maxPoints: 1, durationMs: 100 },
          {
            id: 'b',
            task: 1,
            title: 'waits without blocking',
            status: 'fail',
            points: 0,
            maxPoints: 2,
            message:
              'The event loop was blocked for 0.28 s at exercises/01-runners/runners.py:8 (`time.sleep(delay)`).\nUse await asyncio.sleep.',
            location: { file: 'exercises/01-runners/runners.py', line: 8 },
            durationMs: 300,
          },
          {
            id: 'c',
            task: 2,
            title: 'main | awaits',
            status: 'fail',
            points: 0,
            maxPoints: 1,
            message: '`main` returned None, but it should return 7.',
            durationMs: 100,
          },
          { id: 'd', task: 3, title: 'runs', status: 'pass', points: 2, maxPoints: 2, durationMs: 100 },
        ],
      },
      {
        id: '02-coroutines',
        title: 'Coroutines',
        file: 'exercises/02-coroutines/coroutines.py',
        status: 'fail',
        started: false,
        points: 0,
        maxPoints: 2,
        durationMs: 1,
        checks: [
          {
            id: 'e',
            task: 1,
            title: 'creates',
            status: 'fail',
            points: 0,
            maxPoints: 2,
            message: 'Not started: exercises/02-coroutines/coroutines.py is still the stub as shipped.',
            durationMs: 0,
          },
        ],
      },
    ],
    ...overrides,
  };
}
