// Forged evidence of concurrency: learner code that reaches into the harness (a helper's closure, objects found
// with gc, the clocks, the channel) to make a sequential or blocking solution look right. Every verdict of
// concurrency rests on the witness's records and the kernel's account of the loop's thread, so each still fails.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExercise, loadCourse } from '../../grader/engine/course.js';
import { gradeExercise } from '../../grader/engine/grade.js';
import type { ExerciseResult } from '../../grader/results/types.js';
import { bwrapPath } from '../helpers/isolation.js';
import { testPython } from '../helpers/python.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'forgeries');
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-forgery-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function grade(exercise: string, fixture: string, as: string, seed = 11): Promise<ExerciseResult> {
  const file = path.join(work, `${fixture}-${seed}`, as);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, readFileSync(path.join(fixtures, `${fixture}.py`), 'utf8'));
  return gradeExercise(findExercise(loadCourse(), exercise), {
    python: await testPython(),
    seed,
    file,
    gradeUntouched: true,
  });
}

function check(result: ExerciseResult, id: string): { status: string; message: string } {
  const found = result.checks.find((c) => c.id === id);
  return { status: found?.status ?? 'missing', message: found?.message ?? '' };
}

describe.concurrent('forged evidence', () => {
  it("rewriting the recorder in a helper's closure does not make sequential calls overlap", async () => {
    const result = await grade('02', 'closure', 'coroutines.py');
    expect(check(result, 'at-once-overlaps')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/one after another/) as string,
    });
    // The recorded calls themselves are the real ones: one at a time.
    expect(result.checks.find((c) => c.id === 'at-once-overlaps')?.evidence?.peakConcurrency).toBe(1);
  });

  it('silencing the loop watchers found with gc does not hide a blocked loop', async () => {
    const result = await grade('01', 'gc_stalls', 'runners.py');
    expect(check(result, 'waits-without-blocking')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/event loop was blocked/) as string,
    });
  });

  it("ticking the harness's channel from a thread does not hide a blocked loop", async () => {
    const result = await grade('01', 'fake_ticks', 'runners.py');
    expect(check(result, 'waits-without-blocking')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/event loop was blocked/) as string,
    });
  });

  it("slowing the harness's clocks does not make sequential calls fast", async () => {
    const result = await grade('03', 'clock', 'gather.py');
    expect(check(result, 'fetch-all-gathered')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/one after another|one by one/) as string,
    });
  });

  it("headers sent early do not make one-at-a-time requests look simultaneous to exercise 05's API", async () => {
    const result = await grade('05', 'api_headers_early', 'api_calls.py');
    for (const id of ['all-at-once', 'bounded-in-flight', 'paced-within-budget', 'safely-keeps-the-rest'])
      expect(check(result, id).status, id).toBe('fail');
    // Its raw requests also wait on the loop's thread, which may be what is told first.
    expect(check(result, 'all-at-once').message).toMatch(/one after another|event loop was blocked/);
  });

  it("requests made around complete(), without the client's claims, are still judged one after another", async () => {
    const result = await grade('05', 'api_raw_sequential', 'api_calls.py');
    expect(check(result, 'first-cancels')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/one after another/) as string,
    });
    expect(check(result, 'or-nothing-cancels')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/one after another/) as string,
    });
  });

  it('a request left running in a thread nobody cancels is not taken for a cancelled one', async () => {
    const timeout = await grade('05', 'api_timeout_thread', 'api_calls.py');
    expect(check(timeout, 'timeout-gives-up')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/stayed open at the API/) as string,
    });
    const race = await grade('05', 'api_race_thread', 'api_calls.py');
    expect(check(race, 'first-cancels')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/stayed open at the API/) as string,
    });
  });

  it('a sleep on the loop in code compiled under another name is still a blocked loop', async () => {
    const result = await grade('05', 'api_sleep_hidden_line', 'api_calls.py');
    expect(check(result, 'retry-waits')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/event loop was blocked/) as string,
    });
  });

  // The proof is the kernel's: which system call the loop's thread is in, read by the sandbox's zygote (Linux).
  it.runIf(process.platform === 'linux' && bwrapPath())(
    "sleeping in short pieces while a thread ticks the harness's heartbeat is still a blocked loop",
    async () => {
      const result = await grade('05', 'api_sleep_forged_ticks', 'api_calls.py');
      expect(check(result, 'retry-waits')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/event loop was blocked/) as string,
      });
    },
  );

  it.runIf(process.platform === 'linux' && bwrapPath())(
    'a sleep in pieces, or a blocking read, with forged ticks is still a blocked loop',
    async () => {
      for (const fixture of ['sleep_pieces_forged_ticks', 'pipe_read_forged_ticks']) {
        const result = await grade('01', fixture, 'runners.py');
        expect(check(result, 'waits-without-blocking').status, fixture).toBe('fail');
      }
    },
  );

  it.runIf(process.platform === 'linux' && bwrapPath())(
    'an end mark sent early does not hide a fetch run on the loop after it',
    async () => {
      const result = await grade('04', 'early_end_mark', 'threads.py');
      expect(check(result, 'async-runs-in-a-thread').status).toBe('fail');
    },
  );

  it('guests hidden from the harness are still seen running after host_greeting returned', async () => {
    const result = await grade('02', 'host_left_running', 'coroutines.py');
    expect(check(result, 'leaves-nothing-behind')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/still running/) as string,
    });
  });

  it('records written to the harness channel by learner code make the run an error, never a pass', async () => {
    const result = await grade('01', 'channel', 'runners.py');
    for (const c of result.checks) {
      expect(c.status, `${c.id}: ${c.message ?? ''}`).toBe('error');
      expect(c.message).toMatch(/grader's private channel/);
    }
  });
});
