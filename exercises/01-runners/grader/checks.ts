// Exercise 01-runners: asyncio.run as the entry point, await inside coroutines, a script guard.
import { check, defineExercise, fail, pass, probe } from '../../../grader/engine/define.js';
import type { Observed } from '../../../grader/engine/observed.js';
import * as say from '../../../grader/messages.js';
import type { EncodedValue, Json } from '../../../grader/run/observations.js';

const DEADLINE = 5;

// Task 1: wait_and_return(value, delay), awaited with the loop's heartbeat watching.
const coroutineProbe = probe('coroutine', (rng) => {
  const value = `${rng.word()}-${rng.int(100, 999)}`;
  // Long enough that a blocked loop (a gap of `delay`) stands far above scheduling noise (a few ms).
  const delay = rng.int(20, 30) / 100;
  return {
    steps: [{ op: 'import' }, { op: 'call', id: 'wait', function: 'wait_and_return', args: [value, delay], inLoop: true }],
    expect: { value, delay },
    deadlineSeconds: DEADLINE,
  };
});

// Task 2: main(value, delay) with wait_and_return replaced by an instrumented twin.
const mainProbe = probe('main', (rng) => {
  const value = rng.int(1000, 9999);
  const delay = 0.05;
  return {
    steps: [
      { op: 'import' },
      { op: 'call', id: 'main', function: 'main', args: [value, delay], inLoop: true, twins: { wait_and_return: { factory: 'wait_and_return' } } },
    ],
    expect: { value },
    waits: { wait_and_return: { '*': delay } },
    deadlineSeconds: DEADLINE,
  };
});

// Task 3: run_and_return(value, delay) from plain code, with both coroutines replaced by twins.
const runnerProbe = probe('runner', (rng) => {
  const value = [rng.word(), rng.int(10, 99)];
  const delay = 0.05;
  return {
    steps: [
      { op: 'import' },
      {
        op: 'call',
        id: 'run',
        function: 'run_and_return',
        args: [value, delay],
        twins: { main: { factory: 'main' }, wait_and_return: { factory: 'wait_and_return' } },
      },
    ],
    expect: { value },
    waits: { main: { '*': delay }, wait_and_return: { '*': delay } },
    deadlineSeconds: DEADLINE,
  };
});

// Task 4: import the file, then run it as __main__.
const scriptProbe = probe('script', () => ({
  steps: [{ op: 'import' }, { op: 'script' }],
  expect: {},
  deadlineSeconds: DEADLINE,
}));

function sameValue(actual: EncodedValue | undefined, expected: Json): boolean {
  return actual?.kind === 'value' && JSON.stringify(actual.value) === JSON.stringify(expected);
}

function show(value: Json): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

// What Python's print() shows for a recorded value.
function printed(value: EncodedValue): string {
  return value.kind === 'value' && typeof value.value === 'string' ? value.value : value.repr;
}

function nestedRun(run: Observed, id: string) {
  const call = run.call(id);
  return call.asyncioRuns?.find((r) => r.nested) ?? null;
}

export default defineExercise({
  checks: {
    'makes-a-coroutine': check(coroutineProbe, (run) => {
      const call = run.call('wait');
      if (!call.isCoroutineFunction) return fail(say.notACoroutineFunction('wait_and_return'));
      return pass();
    }),

    'returns-the-value': check(coroutineProbe, (run, { value }) => {
      const call = run.completed('wait');
      if (!sameValue(call.result, value)) {
        return fail(say.wrongValue('wait_and_return', `its \`value\` argument (${show(value)} this time)`, call.result, 'The grader picks a new value on every run.'), {
          expected: value,
          actual: call.result.repr,
        });
      }
      return pass();
    }),

    'waits-without-blocking': check(coroutineProbe, (run, { delay }) => {
      const call = run.completed('wait');
      const beat = call.heartbeat;
      const elapsed = call.seconds;
      const cutoff = delay / 2;
      // A stall counts when the loop's thread was on one of the learner's lines: a busy machine stalls it elsewhere.
      const stall = beat?.stalls.find((s) => s.where !== null && s.duration >= cutoff);
      const evidence = { elapsedSeconds: elapsed, heartbeatMaxGapSeconds: beat?.maxGap ?? 0, cutoffSeconds: cutoff };
      if (beat && stall) {
        return fail(say.blockedLoop(run.file, stall.duration, stall.where, 'Wait with `await asyncio.sleep(delay)`: it lets the loop run other tasks meanwhile; time.sleep stops everything.'), {
          ...run.locate(stall?.where),
          evidence: { ...evidence, stallSeconds: stall.duration },
        });
      }
      // The witness's clock has a few hundredths of a second of play on a busy machine; the harness's own clock
      // (which can only make this stricter) has none.
      const own = call.processSeconds ?? elapsed;
      if (elapsed < delay * 0.6 || own < delay * 0.9) return fail(say.finishedTooSoon('wait_and_return', Math.min(elapsed, own), delay), { evidence });
      return pass(evidence);
    }),

    'main-awaits': check(mainProbe, (run, { value }) => {
      const nested = nestedRun(run, 'main');
      if (nested) return fail(say.nestedAsyncioRun(run.file, nested.line), run.locate(nested.line));
      const call = run.completed('main');
      if (!call.isCoroutineFunction) return fail(say.notACoroutineFunction('main'));
      if (call.result.kind === 'coroutine') {
        return fail(say.returnedCoroutine('main', 'Inside a coroutine, get its result with `await wait_and_return(value, delay)`.'));
      }
      if (!sameValue(call.result, value)) {
        return fail(say.wrongValue('main', `what wait_and_return returns (${show(value)} this time)`, call.result), { expected: value, actual: call.result.repr });
      }
      if (!call.spans?.some((s) => s.end !== null)) {
        return fail('`main` returned the right value without running wait_and_return. Get the value by awaiting wait_and_return(value, delay).');
      }
      return pass();
    }),

    'run-returns-result': check(runnerProbe, (run, { value }) => {
      const call = run.completed('run');
      if (call.result.kind === 'coroutine') {
        return fail(say.returnedCoroutine('run_and_return', 'From plain code, run it with `asyncio.run(main(value, delay))`, which returns its result.'));
      }
      const runs = call.asyncioRuns ?? [];
      if (runs.length === 0) return fail('`run_and_return` did not call asyncio.run. Start the event loop with `asyncio.run(main(value, delay))` and return its result.');
      if (!sameValue(call.result, value)) {
        return fail(say.wrongValue('run_and_return', `what main returns (${show(value)} this time)`, call.result, 'Return the value that asyncio.run gives back.'), {
          expected: value,
          actual: call.result.repr,
        });
      }
      return pass();
    }),

    'import-runs-nothing': check(scriptProbe, (run) => {
      const imported = run.import;
      const ran = imported.asyncioRuns[0];
      if (ran) return fail(say.workAtImport(run.file, 'started the event loop with asyncio.run', ran.line), run.locate(ran.line));
      if (imported.stdout.chars > 0) {
        return fail(say.workAtImport(run.file, `printed ${JSON.stringify(imported.stdout.text.trim().slice(0, 60))}`, null));
      }
      return pass();
    }),

    'script-prints-result': check(scriptProbe, (run) => {
      const script = run.script();
      const ran = script.asyncioRuns.filter((r) => r.phase === 'script' && !r.nested);
      if (ran.length === 0) {
        const what = script.stdout.chars > 0 ? `printed ${JSON.stringify(script.stdout.text.trim().slice(0, 80))} without calling asyncio.run` : 'did not call asyncio.run';
        return fail(say.scriptDidNothing(run.file, what));
      }
      const result = ran.find((r) => r.result)?.result;
      // If the program itself raised, the checks of the task at fault say so; this check is about the guard.
      if (!result) return pass();
      if (!script.stdout.text.includes(printed(result))) {
        return fail(say.scriptDidNothing(run.file, `ran main but did not print its result (${result.repr})`));
      }
      return pass();
    }),
  },
});
