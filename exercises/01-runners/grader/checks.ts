// Exercise 01-runners: asyncio.run as the entry point, await inside coroutines, a script guard.
import { check, defineExercise, fail, pass, probe } from '../../../grader/engine/define.js';
import type { CompletedCall, Observed } from '../../../grader/engine/observed.js';
import type { Verdict } from '../../../grader/engine/types.js';
import { firstPrint, runArgument, runEntry, scriptGuards, tasksOf } from '../../../grader/evidence/in-process.js';
import { blockingStall } from '../../../grader/evidence/stalls.js';
import * as say from '../../../grader/messages.js';
import type { Random } from '../../../grader/random.js';
import type { CallRecord, EncodedValue, Json, Span } from '../../../grader/run/observations.js';
import * as tell from './messages.js';

const DEADLINE = 5;
// A gap of this share of the wait, seen from outside the learner's process, is a block whatever the process says.
const PROVEN_SHARE = 0.75;
// The functions of the tasks: an exception raised inside one of them is that task's to report, not the guard's.
const TASK_FUNCTIONS = new Set(['wait_and_return', 'main', 'run_and_return']);
// The script's own call, as the stub asks for it.
const SCRIPT_VALUE = 'hello, asyncio';
const SCRIPT_DELAY = 0.1;

interface Call {
  id: string;
  value: Json;
  delay: number;
}

// Values of several types, so that a function that changes its value (str(value), a constant) fails every run.
function text(rng: Random): string {
  return `${rng.word()}-${rng.int(100, 999)}`;
}

function unicode(rng: Random): string {
  return `${rng.pick(['zoë', 'ñandú', 'jalapeño', 'crème', 'smörgås', 'łódź'])}-${rng.int(10, 99)}`;
}

function callStep(call: Call, fn: string, extra: object = {}) {
  return { op: 'call' as const, id: call.id, function: fn, args: [call.value, call.delay], ...extra };
}

// Task 1: wait_and_return three times in one run, each from inside a running loop with the heartbeat watching.
// The long wait shows a blocked loop (a gap of `delay` stands far above scheduling noise) and a wait cut short;
// the zero and short waits show a fixed wait: any constant long enough for the long call takes 3x their
// allowance. Three types of value: a str, a list with non-ASCII text, an int.
const coroutineProbe = probe('coroutine', (rng) => {
  const calls: Call[] = [
    { id: 'wait', value: text(rng), delay: rng.int(30, 40) / 100 },
    { id: 'wait-zero', value: [rng.word(), rng.int(10, 99), unicode(rng)], delay: 0 },
    { id: 'wait-short', value: rng.int(1000, 9999), delay: rng.int(2, 4) / 100 },
  ];
  return {
    // One warm worker thread: a learner who waits in a worker thread (to_thread(time.sleep, delay)) is not blocking.
    steps: [
      { op: 'import' as const },
      ...calls.map((c) => callStep(c, 'wait_and_return', { inLoop: true, warmThreads: 1 })),
    ],
    expect: { calls },
    deadlineSeconds: DEADLINE,
    threads: 2,
  };
});

// Task 2: main twice, with wait_and_return replaced by a twin that records its arguments; the first wait is long
// enough that time main spends outside it stands out, the second call shows state kept between calls.
const mainProbe = probe('main', (rng) => {
  const calls: Call[] = [
    { id: 'main', value: rng.int(1000, 9999), delay: rng.int(20, 30) / 100 },
    { id: 'main-2', value: [unicode(rng), rng.int(10, 99)], delay: rng.int(2, 5) / 100 },
  ];
  return {
    steps: [
      { op: 'import' as const },
      ...calls.map((c) =>
        callStep(c, 'main', { inLoop: true, twins: { wait_and_return: { factory: 'wait_and_return' } } }),
      ),
    ],
    expect: { calls },
    // The twin waits, at the witness, the delay main passes it (at most half a second).
    waits: { wait_and_return: { '?': 0.5 } },
    deadlineSeconds: DEADLINE,
  };
});

// Task 3: run_and_return twice from plain code (a second asyncio.run in the same process must work too), with
// both coroutines replaced by twins that record their arguments.
const runnerProbe = probe('runner', (rng) => {
  const calls: Call[] = [
    { id: 'run', value: [rng.word(), rng.int(10, 99)], delay: rng.int(4, 6) / 100 },
    { id: 'run-2', value: unicode(rng), delay: rng.int(2, 3) / 100 },
  ];
  const twins = { main: { factory: 'main' }, wait_and_return: { factory: 'wait_and_return' } };
  return {
    steps: [{ op: 'import' as const }, ...calls.map((c) => callStep(c, 'run_and_return', { twins }))],
    expect: { calls },
    waits: { main: { '?': 0.5 }, wait_and_return: { '?': 0.5 } },
    deadlineSeconds: DEADLINE,
  };
});

// Task 4: import the file, then run it as __main__.
const scriptProbe = probe('script', () => ({
  steps: [{ op: 'import' }, { op: 'script' }],
  expect: {},
  deadlineSeconds: DEADLINE,
}));

// ---- reading the evidence ----------------------------------------------------------------------

// A twin's span, with the arguments the learner's code passed it.
type TwinSpan = Span & { args?: Json[] };

function twinSpans(call: CallRecord, helper: string): TwinSpan[] {
  return (call.spans ?? []).filter((s) => s.helper === helper);
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// The Python type name of a JSON value the grader passed in.
function typeOf(value: Json): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return Array.isArray(value) ? 'list' : 'dict';
}

function sameValue(actual: EncodedValue | undefined, expected: Json): boolean {
  return actual?.kind === 'value' && actual.type === typeOf(expected) && same(actual.value, expected);
}

// The time the call itself took, without the harness's set-up of the loop.
function ownSeconds(call: CompletedCall): number {
  return call.awaitSeconds ?? call.seconds;
}

function nestedRun(call: CallRecord) {
  return call.asyncioRuns?.find((r) => r.nested) ?? null;
}

// Judges what a function returned against the value it was given, in the words of `what`; null when right.
function judgeValue(
  run: Observed,
  call: CompletedCall,
  name: string,
  expected: Json,
  earlier: Json[],
  what: string,
): Verdict | null {
  const result = call.result;
  if (sameValue(result, expected)) return null;
  const details = { expected, actual: result.repr, ...run.locateIn(call) };
  if (result.kind === 'value' && result.value === null && expected !== null) {
    const printed = call.stdout?.text.includes(typeof expected === 'string' ? expected : tell.show(expected)) ?? false;
    return fail(printed ? tell.printedNotReturned(name, what) : tell.returnedNothing(name, what), details);
  }
  if (result.kind === 'value' && earlier.some((e) => same(result.value, e) && !same(e, expected)))
    return fail(tell.valueFromEarlierCall(name, result, expected), details);
  if (result.kind === 'value' && result.type !== typeOf(expected)) {
    return fail(
      tell.valueChangedType(name, result, expected, `Return ${what}, unchanged, whatever its type.`),
      details,
    );
  }
  return fail(
    say.wrongValue(
      name,
      `${what} (${tell.show(expected)} this time)`,
      result,
      'The grader picks new values on every run.',
    ),
    details,
  );
}

// ---- task 1 ---------------------------------------------------------------------------------------

function judgeWaits(run: Observed, calls: Call[]): Verdict {
  const timed: { call: Call; record: CompletedCall; seconds: number }[] = [];
  for (const c of calls) {
    const record = run.completed(c.id);
    const seconds = ownSeconds(record);
    const beat = record.heartbeat;
    // A stall counts when the loop's thread was on one of the learner's lines (a busy machine stalls it elsewhere),
    // or when it is long enough to prove a block from outside whatever the process says.
    const stall = blockingStall(beat, Math.max(c.delay / 2, 0.1), Math.max(PROVEN_SHARE * c.delay, 0.15));
    const evidence = { elapsedSeconds: seconds, heartbeatMaxGapSeconds: beat?.maxGap ?? 0, cutoffSeconds: c.delay / 2 };
    if (stall) {
      return fail(say.blockedLoop(run.file, stall.duration, stall.where, tell.NOT_BLOCKING), {
        ...run.locateIn(record, stall.where),
        evidence: { ...evidence, stallSeconds: stall.duration },
      });
    }
    const sleep = (record.neverAwaited ?? []).find((n) => n.name === 'sleep' && n.origin);
    if (sleep && seconds < c.delay * 0.9)
      return fail(tell.sleepNotAwaited(run.file, sleep.origin), { ...run.locateIn(record, sleep.origin), evidence });
    timed.push({ call: c, record, seconds });
  }
  const [long, ...short] = timed;
  if (!long) return pass();
  // The harness's clock (precise, and only ever stricter) and the witness's (a few hundredths of a second of play on
  // a busy machine, but out of the learner's reach).
  const early = timed.find((t) => t.seconds < t.call.delay * 0.9 || t.record.seconds < t.call.delay * 0.6);
  // Any fixed wait long enough for the long call takes at least 0.27 s; a short call is allowed its delay plus
  // 0.09 s, 3x less. A busy machine stretches a call by milliseconds, not by a long call's wait.
  const late = short.filter((t) => t.seconds > t.call.delay + 0.09);
  // The same wait whatever the delay (every call within a third of the others) is a constant in place of `delay`.
  const fixed = timed.every((t) => Math.abs(t.seconds - long.seconds) <= long.seconds / 3) && long.seconds >= 0.05;
  const at = (t: (typeof timed)[number] | undefined) => (t ? run.locateIn(t.record) : {});
  if ((early || late.length > 0) && fixed) {
    return fail(tell.fixedWait(timed.map((t) => ({ delay: t.call.delay, seconds: t.seconds }))), {
      ...at(early ?? late[0]),
      evidence: { elapsedSeconds: long.seconds },
    });
  }
  if (early)
    return fail(tell.finishedTooSoon(early.seconds, early.call.delay), {
      ...at(early),
      evidence: { elapsedSeconds: early.seconds, cutoffSeconds: early.call.delay * 0.9 },
    });
  const first = late[0];
  if (first)
    return fail(tell.waitedTooLong(first.seconds, first.call.delay), {
      ...at(first),
      evidence: { elapsedSeconds: first.seconds, cutoffSeconds: first.call.delay + 0.09 },
    });
  return pass({
    elapsedSeconds: long.seconds,
    heartbeatMaxGapSeconds: long.record.heartbeat?.maxGap ?? 0,
    cutoffSeconds: long.call.delay / 2,
  });
}

// ---- task 2 ---------------------------------------------------------------------------------------

function judgeMain(run: Observed, c: Call, earlier: Json[]): Verdict | null {
  const record = run.call(c.id);
  const nested = nestedRun(record);
  if (record.isCoroutineFunction === false)
    return fail(tell.mainIsPlain(run.file, nested?.line ?? null), run.locateIn(record, nested?.line));
  if (nested) return fail(say.nestedAsyncioRun(run.file, nested.line), run.locateIn(record, nested.line));
  const exc = record.exception;
  if (exc?.type === 'InvalidStateError')
    return fail(tell.taskResultTooEarly(run.file, 'main', exc), run.locateIn(record, exc.frames.at(-1)));
  const call = run.completed(c.id);
  if (call.result.kind === 'coroutine') {
    const made = (call.neverAwaited ?? []).find((n) => n.name === 'wait_and_return')?.origin;
    return fail(
      say.returnedCoroutine('main', 'Inside a coroutine, get its result with `await wait_and_return(value, delay)`.'),
      run.locateIn(call, made),
    );
  }
  if (call.result.kind === 'task')
    return fail(tell.returnedTask('main'), run.locateIn(call, tasksOf(call)[0]?.created));
  const spans = twinSpans(call, 'wait_and_return');
  const finished = spans.filter((s) => s.end !== null);
  if (finished.length === 0)
    return fail(
      tell.helperNotRun('main', 'wait_and_return', call.result, sameValue(call.result, c.value)),
      run.locateIn(call),
    );
  const wrongArgs = finished.find((s) => s.args && !same(s.args, [c.value, c.delay]));
  if (wrongArgs?.args)
    return fail(
      tell.helperWrongArguments('main', 'wait_and_return', wrongArgs.args, [c.value, c.delay]),
      run.locateIn(call, wrongArgs.where),
    );
  if (finished.length > 1)
    return fail(
      tell.helperRunTwice('main', 'wait_and_return', finished.length, ownSeconds(call)),
      run.locateIn(call, finished[1]?.where),
    );
  const wrong = judgeValue(run, call, 'main', c.value, earlier, 'what wait_and_return returns');
  if (wrong) return wrong;
  return null;
}

// main's own time beyond its one wait: an extra sleep shows as a second wait's worth (at least 0.2 s). A busy machine
// adds up to a tenth of a second or so between the witness's answer and main's return, so the bar is three quarters
// of a wait, and never under 0.15 s.
function judgeMainTime(run: Observed, c: Call): Verdict | null {
  const call = run.completed(c.id);
  const span = twinSpans(call, 'wait_and_return').find((s) => s.end !== null);
  if (!span || span.end === null) return null;
  // Both on the harness's clock where it timed the wait (a busy machine delays the end of both alike), else the
  // witness's span.
  const timed = call.helperWaits?.find((w) => w.helper === 'wait_and_return');
  const helper = timed ? timed.end - timed.start : span.end - span.start;
  const total = ownSeconds(call);
  const cutoff = Math.max(0.75 * c.delay, 0.15);
  if (total - helper >= cutoff)
    return fail(tell.mainTookLonger(total, helper, c.delay), {
      ...run.locateIn(call),
      evidence: { elapsedSeconds: total, cutoffSeconds: helper + cutoff },
    });
  return null;
}

// ---- task 3 ---------------------------------------------------------------------------------------

function judgeRunner(run: Observed, c: Call, earlier: Json[]): Verdict | null {
  const record = run.call(c.id);
  if (record.isCoroutineFunction) return fail(tell.runnerIsAsync(), run.locateIn(record));
  const call = run.completed(c.id);
  if (call.result.kind === 'coroutine') {
    const made = (call.neverAwaited ?? []).find((n) => n.name === 'main')?.origin;
    return fail(
      say.returnedCoroutine(
        'run_and_return',
        'From plain code, run it with `asyncio.run(main(value, delay))`, which returns its result.',
      ),
      run.locateIn(call, made),
    );
  }
  const runs = (call.asyncioRuns ?? []).filter((r) => !r.nested);
  const mains = twinSpans(call, 'main').filter((s) => s.end !== null);
  if (runs.length === 0) return fail(tell.ranWithoutAsyncioRun(mains.length > 0), run.locateIn(call));
  const other = runs.find((r) => runArgument(r)?.name && runArgument(r)?.name !== 'main');
  if (other && mains.length === 0)
    return fail(
      tell.ranOtherCoroutine(run.file, other.line, runArgument(other)?.name ?? '?'),
      run.locateIn(call, other.line),
    );
  if (mains.length === 0) return fail(tell.ranWithoutAsyncioRun(false), run.locateIn(call, runs[0]?.line));
  if (mains.length > 1)
    return fail(
      tell.ranMainTwice(run.file, runs[1]?.line ?? null, mains.length),
      run.locateIn(call, runs[1]?.line ?? runs[0]?.line),
    );
  const args = mains[0]?.args;
  if (args && !same(args, [c.value, c.delay]))
    return fail(
      tell.helperWrongArguments('run_and_return', 'main', args, [c.value, c.delay]),
      run.locateIn(call, runs[0]?.line),
    );
  const ran = runs.find((r) => r.result && sameValue(r.result, c.value));
  if (ran?.result && !sameValue(call.result, c.value)) {
    return fail(tell.runResultDropped(run.file, ran.line, ran.result, call.result), {
      expected: c.value,
      actual: call.result.repr,
      ...run.locateIn(call, ran.line),
    });
  }
  return judgeValue(run, call, 'run_and_return', c.value, earlier, 'what main returns');
}

// ---- task 4 ---------------------------------------------------------------------------------------

function judgeImport(run: Observed): Verdict {
  const imported = run.import;
  const ran = imported.asyncioRuns[0];
  if (ran) {
    const top = runEntry(ran);
    const what =
      top && ran.line && top.line !== ran.line.line
        ? `started the event loop with asyncio.run (at ${run.file}:${ran.line.line}, in ${ran.line.function})`
        : 'started the event loop with asyncio.run';
    return fail(tell.workAtImport(run.file, what, top), run.locate(top));
  }
  if (imported.stdout.chars > 0) {
    const line = firstPrint(imported.stdout);
    return fail(
      tell.workAtImport(run.file, `printed ${JSON.stringify(imported.stdout.text.trim().slice(0, 60))}`, line),
      { location: { file: run.file, line: line?.line ?? 1 } },
    );
  }
  return pass();
}

function describeCall(name: string, args: Record<string, EncodedValue> | undefined): string {
  const shown = Object.values(args ?? {}).map((a) => a.repr);
  return `${name}(${shown.join(', ')})`;
}

function judgeScript(run: Observed): Verdict {
  const script = run.script();
  const { guards, lastLine } = scriptGuards(script);
  const guardLine = guards[0]?.line ?? Math.max(lastLine, 1);
  const where = (frame: { line: number } | null | undefined): { location: { file: string; line: number } } => ({
    location: { file: run.file, line: frame?.line ?? guardLine },
  });
  const runs = script.asyncioRuns.filter((r) => r.phase === 'script' && !r.nested);
  const exc = script.exception;
  if (exc) {
    const frame = exc.frames.at(-1);
    // Raised inside a task's function: that task's check says so; this check is about the guard.
    if (frame && TASK_FUNCTIONS.has(frame.function)) return pass();
    const notCoroutine = runs.find((r) => !r.result && runArgument(r)?.value);
    const given = notCoroutine ? runArgument(notCoroutine)?.value : undefined;
    if (notCoroutine && given)
      return fail(tell.runGivenNotACoroutine(run.file, notCoroutine.line, given), where(notCoroutine.line));
    return fail(tell.scriptRaised(run.file, exc), where(frame));
  }
  if (runs.length === 0) {
    const wrongGuard = guards.find((g) => g.compares && g.compares.op === 'Eq' && g.compares.string !== '__main__');
    if (wrongGuard?.compares)
      return fail(
        tell.falseGuard(run.file, wrongGuard.line, wrongGuard.code, wrongGuard.compares.string),
        where({ line: wrongGuard.line }),
      );
    const inverted = guards.find((g) => g.compares && g.compares.op === 'NotEq' && g.compares.string === '__main__');
    if (inverted)
      return fail(tell.invertedGuard(run.file, inverted.line, inverted.code), where({ line: inverted.line }));
    const made = script.neverAwaited.find((n) => n.origin);
    if (made) return fail(tell.coroutineNeverRun(run.file, made.origin, made.name), where(made.origin));
    if (script.stdout.chars > 0) {
      return fail(
        tell.scriptDidNothing(
          run.file,
          `printed ${JSON.stringify(script.stdout.text.trim().slice(0, 80))} without calling asyncio.run`,
        ),
        where(firstPrint(script.stdout)),
      );
    }
    if (guards.length === 0) return fail(tell.noGuard(run.file), where(null));
    return fail(tell.scriptDidNothing(run.file, 'did not call asyncio.run'), where(null));
  }
  const mainRun = runs.find((r) => runArgument(r)?.name === 'main');
  if (!mainRun) {
    const first = runs[0];
    const given = first ? runArgument(first) : null;
    const what = given?.name
      ? describeCall(given.name, given.args)
      : given?.value
        ? `asyncio.run(${given.value.repr})`
        : 'something else';
    return fail(tell.guardRanOther(run.file, first?.line ?? null, what), where(first?.line));
  }
  const args = Object.values(runArgument(mainRun)?.args ?? {});
  const rightArgs = args.length === 2 && sameValue(args[0], SCRIPT_VALUE) && sameValue(args[1], SCRIPT_DELAY);
  if (!rightArgs)
    return fail(
      tell.guardRanOther(run.file, mainRun.line, describeCall('main', runArgument(mainRun)?.args)),
      where(mainRun.line),
    );
  const result = mainRun.result;
  // main's own result is judged by task 2; here only that the script prints what it gave back (or what the run
  // is for, "hello, asyncio", when a main of the learner's prints it itself).
  const shown = script.stdout.text;
  if (result && !shown.includes(printed(result)) && !shown.includes(SCRIPT_VALUE))
    return fail(tell.guardDidNotPrint(run.file, mainRun.line, result), where(mainRun.line));
  return pass();
}

// What Python's print() shows for a recorded value.
function printed(value: EncodedValue): string {
  return value.kind === 'value' && typeof value.value === 'string' ? value.value : value.repr;
}

export default defineExercise({
  checks: {
    'makes-a-coroutine': check(coroutineProbe, (run) => {
      const call = run.call('wait');
      if (call.isCoroutineFunction || call.returned?.kind === 'coroutine') return pass();
      return fail(tell.plainFunction('wait_and_return', call.returned, call.syncSeconds ?? 0), run.locateIn(call));
    }),

    'returns-the-value': check(coroutineProbe, (run, { calls }) => {
      const earlier: Json[] = [];
      for (const c of calls) {
        const wrong = judgeValue(run, run.completed(c.id), 'wait_and_return', c.value, earlier, 'its `value` argument');
        if (wrong) return wrong;
        earlier.push(c.value);
      }
      return pass();
    }),

    'waits-without-blocking': check(coroutineProbe, (run, { calls }) => judgeWaits(run, calls)),

    'main-awaits': check(mainProbe, (run, { calls }) => {
      const earlier: Json[] = [];
      for (const c of calls) {
        const wrong = judgeMain(run, c, earlier);
        if (wrong) return wrong;
        earlier.push(c.value);
      }
      const first = calls[0];
      return (first && judgeMainTime(run, first)) ?? pass();
    }),

    'run-returns-result': check(runnerProbe, (run, { calls }) => {
      const earlier: Json[] = [];
      for (const c of calls) {
        const wrong = judgeRunner(run, c, earlier);
        if (wrong) return wrong;
        earlier.push(c.value);
      }
      return pass();
    }),

    'import-runs-nothing': check(scriptProbe, (run) => judgeImport(run)),

    'script-prints-result': check(scriptProbe, (run) => judgeScript(run)),
  },
});
