// Classifying a run that could not be judged, from recorded outcomes (the hostile suite covers the same with real
// Python).
import { describe, expect, it } from 'vitest';
import { killedFromOutside, runProblem } from '../../grader/engine/run-problems.js';
import type { Observation } from '../../grader/run/observations.js';
import type { ProbeRun } from '../../grader/run/run-probe.js';

const hello: Observation = {
  kind: 'hello',
  python: '3.11.7',
  implementation: 'cpython',
  executable: '/py',
  limits: {},
};
const imported: Observation = {
  kind: 'import',
  module: 'm',
  ok: true,
  seconds: 0,
  stdout: { text: '', chars: 0 },
  neverAwaited: [],
  loopErrors: [],
  asyncioRuns: [],
};
const done: Observation = { kind: 'done' };

function run(observations: Observation[], process: Partial<ProbeRun['process']> = {}, stderr = ''): ProbeRun {
  return {
    observations,
    process: {
      exitCode: 0,
      signal: undefined,
      timedOut: false,
      outputFlood: false,
      leftovers: 0,
      durationMs: 10,
      ...process,
    },
    stdout: { text: '', bytes: 0, truncated: false },
    stderr: { text: stderr, bytes: stderr.length, truncated: false },
  };
}

describe('runProblem', () => {
  it('a complete run has no problem', () => {
    expect(runProblem(run([hello, imported, done]), 'f.py')).toBeNull();
  });

  it('a run that never said hello means the harness did not start', () => {
    expect(runProblem(run([], { exitCode: 1 }, 'boom'), 'f.py')?.message).toMatch(
      /could not start its Python harness.*bug in the grader.*boom/s,
    );
  });

  it('a flood wins over the deadline it may also have reached', () => {
    const deadline: Observation = { kind: 'deadline', seconds: 5, phase: 'call', where: null };
    expect(runProblem(run([hello, imported, deadline], { outputFlood: true }), 'f.py')?.message).toMatch(
      /printed more than/,
    );
  });

  it('a deadline names the phase and the learner line', () => {
    const deadline: Observation = {
      kind: 'deadline',
      seconds: 5,
      phase: 'import',
      where: { line: 3, function: '<module>', code: 'while True:' },
    };
    const verdict = runProblem(run([hello, deadline]), 'f.py');
    expect(verdict?.status).toBe('error');
    expect(verdict?.message).toMatch(/Importing your file was still running after 5\.00 s.*f\.py:3 \(`while True:`\)/s);
    expect(verdict?.location).toEqual({ file: 'f.py', line: 3 });
  });

  it('a run killed from outside without a record is a timeout too', () => {
    expect(runProblem(run([hello, imported], { timedOut: true, durationMs: 8000 }), 'f.py')?.message).toMatch(
      /still running after 8\.00 s/,
    );
  });

  it('a run that ended before "done" without a cause reports how it ended and what Python said', () => {
    const verdict = runProblem(run([hello, imported], { exitCode: undefined, signal: 'SIGKILL' }, 'Killed'), 'f.py');
    expect(verdict?.message).toMatch(/was killed by SIGKILL.*not by the grader.*Killed/s);
    expect(verdict?.message).not.toMatch(/too much memory/);
    expect(runProblem(run([hello, imported], { exitCode: undefined, signal: 'SIGSEGV' }), 'f.py')?.message).toMatch(
      /^Python crashed \(SIGSEGV\)/,
    );
  });

  it('only a signal the grader did not send counts as a kill from outside', () => {
    const killed = { exitCode: undefined, signal: 'SIGKILL' };
    expect(killedFromOutside(run([hello, imported], killed))).toBe(true);
    expect(killedFromOutside(run([hello, imported], { ...killed, timedOut: true }))).toBe(false);
    expect(killedFromOutside(run([hello, imported], { ...killed, outputFlood: true }))).toBe(false);
    expect(
      killedFromOutside(run([hello, imported, { kind: 'deadline', seconds: 5, phase: 'call', where: null }], killed)),
    ).toBe(false);
    expect(killedFromOutside(run([hello, imported], { exitCode: 1 }))).toBe(false);
  });

  it('leftover processes make an otherwise complete run an error', () => {
    expect(runProblem(run([hello, imported, done], { leftovers: 2 }), 'f.py')?.message).toMatch(
      /left 2 processes running/,
    );
  });
});
