// Exercise 03-gather: asyncio.gather runs awaitables together and keeps argument order; return_exceptions; a semaphore bounds concurrency.
import { check, defineExercise, fail, pass, probe } from '../../../grader/engine/define.js';
import type { CompletedCall, Observed } from '../../../grader/engine/observed.js';
import { spansToRows, type Evidence, type Verdict } from '../../../grader/engine/types.js';
import { closed, peakConcurrency, ranOneAfterAnother, slowOutsideCalls } from '../../../grader/evidence/intervals.js';
import * as say from '../../../grader/messages.js';
import type { Random } from '../../../grader/random.js';
import type { CallRecord, EncodedValue, Json, LearnerFrame, Span } from '../../../grader/run/observations.js';

const DEADLINE = 5;

// ---- inputs ---------------------------------------------------------------------

function factorialOf(n: number): number {
  let total = 1;
  for (let i = 2; i <= n; i++) total *= i;
  return total;
}

function uniqueWords(rng: Random, count: number): string[] {
  const words = new Set<string>();
  while (words.size < count) words.add(rng.word());
  return [...words];
}

// Delays base, base + step, ... handed out so that the first item is never the first to finish:
// the order the fetches finish in always differs from the order of the items.
function scrambledDelays(rng: Random, items: string[], base: number, step: number): Record<string, number> {
  let ranks = rng.shuffle(items.map((_, i) => i));
  while (ranks[0] === 0) ranks = rng.shuffle(ranks);
  return Object.fromEntries(items.map((item, i) => [item, round2(base + step * (ranks[i] ?? 0))]));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// Concurrent: about the slowest call; sequential: the sum. The cut-off is their geometric middle.
function timing(delays: number[]): { concurrent: number; sequential: number; cutoff: number } {
  const concurrent = Math.max(...delays);
  const sequential = delays.reduce((a, b) => a + b, 0);
  return { concurrent, sequential, cutoff: Math.sqrt(concurrent * sequential) };
}

// ---- probes -----------------------------------------------------------------------

// Task 1a: factorial(name, number) with factorial_step replaced by a fast twin.
const factorialProbe = probe('factorial', (rng) => {
  const name = rng.pick(['A', 'B', 'C', 'D', 'E']);
  const number = rng.int(4, 8);
  return {
    steps: [
      { op: 'import' },
      {
        op: 'call',
        id: 'factorial',
        function: 'factorial',
        args: [name, number],
        inLoop: true,
        twins: { factorial_step: { factory: 'factorial_step', config: { delay: 0.01 } } },
      },
    ],
    expect: { name, number, value: factorialOf(number) },
    waits: { factorial_step: { '*': 0.01 } },
    deadlineSeconds: DEADLINE,
  };
});

// Task 1b: factorials(a, b, c) with factorial replaced by a twin; equal delays, so one after another takes 3x as long.
const factorialsProbe = probe('factorials', (rng) => {
  const [a = 2, b = 3, c = 4] = rng.shuffle([2, 3, 4, 5, 6, 7, 8, 9]).slice(0, 3);
  const delay = rng.int(12, 15) / 100;
  const delays = { A: delay, B: delay, C: delay };
  return {
    steps: [
      { op: 'import' },
      {
        op: 'call',
        id: 'factorials',
        function: 'factorials',
        args: [a, b, c],
        inLoop: true,
        twins: { factorial: { factory: 'factorial', config: { delays } } },
      },
    ],
    expect: { args: [a, b, c], values: [a, b, c].map(factorialOf), ...timing([delay, delay, delay]) },
    waits: { factorial: delays },
    deadlineSeconds: DEADLINE,
  };
});

// Task 2: fetch_all(items); the first item never finishes first.
const fetchAllProbe = probe('fetch-all', (rng) => {
  const items = uniqueWords(rng, 5);
  const delays = scrambledDelays(rng, items, rng.int(10, 12) / 100, 0.02);
  return {
    steps: [
      { op: 'import' },
      { op: 'call', id: 'fetch_all', function: 'fetch_all', args: [items], inLoop: true, twins: { fetch_item: { factory: 'fetch_item', config: { delays } } } },
    ],
    expect: { items, values: items.map((item) => `data:${item}`), ...timing(Object.values(delays)) },
    waits: { fetch_item: delays },
    deadlineSeconds: DEADLINE,
  };
});

// Task 3: fetch_all_safely(items) with one item (not the first or last) whose fetch raises LookupError.
const safelyProbe = probe('fetch-all-safely', (rng) => {
  const items = uniqueWords(rng, 5);
  const failingIndex = rng.int(1, items.length - 2);
  items[failingIndex] = `missing-${items[failingIndex] ?? 'item'}`;
  const failing = items[failingIndex] as string;
  const delays = scrambledDelays(rng, items, rng.int(10, 12) / 100, 0.02);
  return {
    steps: [
      { op: 'import' },
      {
        op: 'call',
        id: 'safely',
        function: 'fetch_all_safely',
        args: [items],
        inLoop: true,
        twins: { fetch_item: { factory: 'fetch_item', config: { delays, failing: [failing] } } },
      },
    ],
    expect: { items, failing, failingIndex, ...timing(Object.values(delays)) },
    waits: { fetch_item: delays },
    deadlineSeconds: DEADLINE,
  };
});

// Task 4: fetch_bounded(items, limit). Equal delays make rounds crisp, and n is chosen so that
// limit - 1, limit + 1 and no limit at all each take a different number of rounds.
const boundedProbe = probe('fetch-bounded', (rng) => {
  const { limit, count } = rng.pick([
    { limit: 3, count: 7 },
    { limit: 2, count: 5 },
  ]);
  const items = uniqueWords(rng, count);
  const delay = 0.12;
  const delays = Object.fromEntries(items.map((item) => [item, delay]));
  return {
    steps: [
      { op: 'import' },
      {
        op: 'call',
        id: 'bounded',
        function: 'fetch_bounded',
        args: [items, limit],
        inLoop: true,
        twins: { fetch_item: { factory: 'fetch_item', config: { delays } } },
      },
    ],
    expect: { items, limit, delay, rounds: Math.ceil(count / limit), values: items.map((item) => `data:${item}`) },
    waits: { fetch_item: delays },
    deadlineSeconds: DEADLINE,
  };
});

// ---- reading what happened --------------------------------------------------------

function same(a: Json | undefined, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function listOf(value: EncodedValue): Json[] | null {
  return value.kind === 'value' && Array.isArray(value.value) ? value.value : null;
}

function show(values: Json[]): string {
  return `[${values.map((v) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v))).join(', ')}]`;
}

// The calls of one twin, with those the run stopped counted as lasting to the end.
function callsOf(call: CallRecord, helper: string): (Span & { end: number })[] {
  return closed((call.spans ?? []).filter((s) => s.helper === helper), call.seconds);
}

function evidenceOf(spans: Span[], elapsed: number, extra: Evidence = {}): Evidence {
  return { intervals: spansToRows(spans), peakConcurrency: peakConcurrency(closed(spans, elapsed)), elapsedSeconds: elapsed, ...extra };
}

// A gather-shaped call that came back as a future or a coroutine was never awaited.
function notAwaited(name: string, result: EncodedValue, expected: string): Verdict | null {
  if (result.kind === 'future' || result.kind === 'task' || result.kind === 'awaitable') {
    return fail(say.wrongValue(name, expected, result, 'asyncio.gather(...) hands back a future at once; `await` it to get the list of results.'));
  }
  if (result.kind === 'coroutine') return fail(say.returnedCoroutine(name, 'Await it before returning.'));
  return null;
}

// Results equal to the expected ones, or a verdict naming how they differ.
function orderedResults(name: string, result: EncodedValue, expected: Json[], finished: string[], advice: string): Verdict | null {
  const got = listOf(result);
  if (got && same(got, expected)) return null;
  const wanted = `${show(expected)}, one result per item in the order of \`items\``;
  if (got && got.length === expected.length && same([...got].map(String).sort(), [...expected].map(String).sort())) {
    return fail(say.resultsOutOfOrder(name, show(got), finished, advice), { expected, actual: got });
  }
  return fail(say.wrongValue(name, wanted, result), { expected, actual: got ?? result.repr });
}

// Every call of `helper` must have been in flight at once, and the whole call must beat the cut-off.
function allTogether(
  run: Observed,
  call: CompletedCall | CallRecord,
  helper: string,
  expectedCalls: number,
  times: { concurrent: number; sequential: number; cutoff: number },
  advice: { sequential: string; partial: string; slow: string },
): Verdict {
  const elapsed = call.seconds ?? 0;
  const spans = callsOf(call, helper);
  const evidence = evidenceOf(spans, elapsed, { cutoffSeconds: times.cutoff, sequentialSeconds: times.sequential });
  const peak = evidence.peakConcurrency ?? 0;
  // A loop of awaits that stopped at an exception is still a loop of awaits: say that first.
  const oneByOne = spans.length >= 2 && ranOneAfterAnother(spans);
  if (spans.length !== expectedCalls && !oneByOne) {
    if (call.exception) return fail(say.raised(run.file, call.function, call.exception), { ...run.locate(call.exception.frames.at(-1)), evidence });
    return fail(say.wrongCallCount(call.function, helper, spans.length, expectedCalls), { evidence });
  }
  if (peak < expectedCalls) {
    if (oneByOne) {
      const where = awaitedAt(spans, call.function);
      return fail(say.awaitedOneByOne(run.file, where, spans, helper, advice.sequential), { ...run.locate(where), evidence });
    }
    return fail(say.notAllInFlight(spans, helper, peak, advice.partial), { evidence });
  }
  if (elapsed > times.cutoff && slowOutsideCalls(elapsed, spans, times.concurrent, times.sequential)) {
    return fail(say.tooSlow(call.function, elapsed, times.cutoff, times.sequential, advice.slow), { evidence });
  }
  return pass(evidence);
}

// Rounds of calls, from the intervals alone: a call that starts only after another has ended is one round
// later than it. Immune to a busy machine, which stretches the rounds but does not add any.
function roundsOf(spans: (Span & { end: number })[], tolerance = 0.005): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((span, i) => {
    const before = sorted.slice(0, i).map((other, j) => (other.end <= span.start + tolerance ? (depth[j] ?? 1) : 0));
    depth.push(1 + Math.max(0, ...before));
  });
  return Math.max(0, ...depth);
}

// Where the function under test itself awaited the calls one by one (a loop of awaits), if it did.
// A helper of the learner's own (run as tasks) also awaits the twin directly, so only `name`'s own frames count.
function awaitedAt(spans: Span[], name: string): LearnerFrame | null {
  const first = spans[0]?.where;
  return first && spans.every((s) => s.where?.function === name) ? first : null;
}

function finishOrder(call: CallRecord, helper: string): string[] {
  return callsOf(call, helper)
    .sort((a, b) => a.end - b.end)
    .map((s) => s.label);
}

// gather(list) raises TypeError at once: the list is one argument, not an awaitable.
function gatheredAList(run: Observed, call: CallRecord): Verdict | null {
  const exc = call.exception;
  // The message differs between versions: "unhashable type: 'list'" or "An asyncio.Future, a coroutine or an awaitable is required".
  if (!exc || exc.type !== 'TypeError' || !/unhashable type: '(list|set|dict)'|awaitable is required/i.test(exc.message)) return null;
  const frame = exc.frames.at(-1);
  // Only when it happened at a gather, or left the fetches it was given never run.
  const unrun = (call.neverAwaited ?? []).some((c) => /fetch_item/.test(c.name));
  if (!unrun && !/gather/.test(frame?.code ?? '')) return null;
  return fail(say.gatherGivenAList(run.file, call.function, frame), run.locate(frame));
}

const TOGETHER = {
  partial: 'Start every call before awaiting any of them: put them all in one asyncio.gather(...).',
  slow: 'Run them together with asyncio.gather, and do nothing slow after they finish.',
};

export default defineExercise({
  checks: {
    'factorial-computes': check(factorialProbe, (run, { name, number, value }) => {
      const call = run.call('factorial');
      if (!call.isCoroutineFunction) return fail(say.notACoroutineFunction('factorial'));
      const done = run.completed('factorial');
      if (done.result.kind === 'coroutine') return fail(say.returnedCoroutine('factorial', 'Await each step: `total = await factorial_step(name, total, i)`.'));
      const expected = `${value} for factorial(${JSON.stringify(name)}, ${number}), that is ${number}!`;
      if (done.result.kind !== 'value' || done.result.value !== value) {
        const advice =
          done.result.value === null
            ? 'The blog post left factorial as `pass`, which returns None: start from total = 1, multiply in 2, 3, ..., number with factorial_step, and return the total.'
            : 'Start from total = 1 and, for i in range(2, number + 1), set total = await factorial_step(name, total, i).';
        return fail(say.wrongValue('factorial', expected, done.result, advice), { expected: value, actual: done.result.repr });
      }
      if (!(done.spans ?? []).some((s) => s.helper === 'factorial_step')) return fail(say.skippedHelper('factorial', 'factorial_step', 'Compute it one step at a time: total = await factorial_step(name, total, i).'));
      return pass();
    }),

    'factorials-gathered': check(factorialsProbe, (run, expect) => {
      const call = run.completed('factorials');
      const wanted = `${show(expect.values)}: the factorials of ${expect.args.join(', ')} in that order`;
      const unawaited = notAwaited('factorials', call.result, wanted);
      if (unawaited) return unawaited;
      const order = orderedResults('factorials', call.result, expect.values, finishOrder(call, 'factorial'), 'asyncio.gather returns results in the order of its arguments: return its list as it is.');
      if (order) return order;
      return allTogether(run, call, 'factorial', 3, expect, {
        ...TOGETHER,
        sequential: 'Pass all three calls to one `await asyncio.gather(...)` so that they run at the same time.',
      });
    }),

    'fetch-all-gathered': check(fetchAllProbe, (run, expect) => {
      const raw = run.call('fetch_all');
      const listed = gatheredAList(run, raw);
      if (listed) return listed;
      const call = run.completed('fetch_all');
      const unawaited = notAwaited('fetch_all', call.result, show(expect.values));
      if (unawaited) return unawaited;
      const order = orderedResults(
        'fetch_all',
        call.result,
        expect.values,
        finishOrder(call, 'fetch_item'),
        'asyncio.gather already returns results in the order of its arguments, whatever order they finish in: return its list as it is. (With as_completed, put each result back at its item\'s index.)',
      );
      if (order) return order;
      return allTogether(run, call, 'fetch_item', expect.items.length, expect, {
        ...TOGETHER,
        sequential: 'Build all the calls first, `fetches = [fetch_item(item) for item in items]`, then run them together: `await asyncio.gather(*fetches)`.',
      });
    }),

    'failure-in-place': check(safelyProbe, (run, { items, failing, failingIndex }) => {
      const raw = run.call('safely');
      const listed = gatheredAList(run, raw);
      if (listed) return listed;
      const exc = raw.exception;
      if (exc?.type === 'LookupError' && exc.message.includes(failing)) {
        const frame = exc.frames.at(-1);
        return fail(say.exceptionLostTheRest(run.file, 'fetch_all_safely', exc, items.length - 1), run.locate(frame));
      }
      const call = run.completed('safely');
      const expected = items.map((item) => (item === failing ? `LookupError("no such item: '${item}'")` : `'data:${item}'`));
      const unawaited = notAwaited('fetch_all_safely', call.result, `[${expected.join(', ')}]`);
      if (unawaited) return unawaited;
      const got = listOf(call.result);
      const wanted = `[${expected.join(', ')}]: one entry per item, the LookupError in the failing item's place`;
      if (!got) return fail(say.wrongValue('fetch_all_safely', wanted, call.result), { actual: call.result.repr });
      const others = items.filter((item) => item !== failing).map((item) => `data:${item}`);
      if (got.length === items.length - 1 && same(got, others)) {
        return fail(say.failedItemVanished('fetch_all_safely', `'${failing}'`, got.length, items.length), { actual: got });
      }
      if (got.length !== items.length) return fail(say.wrongValue('fetch_all_safely', wanted, call.result), { actual: got });
      const inPlace = got[failingIndex] as Json;
      const isException = typeof inPlace === 'object' && inPlace !== null && !Array.isArray(inPlace) && inPlace.kind === 'object' && inPlace.type === 'LookupError';
      const rest = got.filter((_, i) => i !== failingIndex);
      if (!same(rest, others)) {
        return fail(say.wrongValue('fetch_all_safely', wanted, call.result, 'gather returns results in the order of its arguments: keep that order.'), { actual: got });
      }
      if (!isException) {
        const shown: EncodedValue =
          typeof inPlace === 'object' && inPlace !== null && !Array.isArray(inPlace) && typeof inPlace.repr === 'string'
            ? { type: String(inPlace.type), repr: inPlace.repr, kind: 'object' }
            : { type: typeof inPlace, repr: inPlace === null ? 'None' : JSON.stringify(inPlace), kind: 'value', value: inPlace };
        return fail(say.exceptionNotInPlace('fetch_all_safely', `'${failing}'`, failingIndex, shown), { actual: got });
      }
      return pass();
    }),

    'safely-concurrent': check(safelyProbe, (run, expect) => {
      // Judged on the calls that ran, even if the function then raised: a lost result is failure-in-place's business.
      const call = run.call('safely');
      const listed = gatheredAList(run, call);
      if (listed) return listed;
      return allTogether(run, call, 'fetch_item', expect.items.length, expect, {
        ...TOGETHER,
        sequential: 'Build all the fetch_item(...) calls first and run them together: `await asyncio.gather(*fetches, return_exceptions=True)`.',
      });
    }),

    'bounded-in-order': check(boundedProbe, (run, expect) => {
      const call = run.completed('bounded');
      const unawaited = notAwaited('fetch_bounded', call.result, show(expect.values));
      if (unawaited) return unawaited;
      return (
        orderedResults('fetch_bounded', call.result, expect.values, finishOrder(call, 'fetch_item'), 'Gather the guarded fetches: asyncio.gather returns results in the order of its arguments.') ?? pass()
      );
    }),

    'bounded-by-semaphore': check(boundedProbe, (run, { items, limit, delay, rounds }) => {
        const call = run.completed('bounded');
        const elapsed = call.seconds;
        const spans = callsOf(call, 'fetch_item');
        // The clock window: from half a round short of ceil(n/limit) rounds to a whole round past them.
        // The peak already tells a wrong limit apart; the clock catches a round's worth of time lost besides.
        const cutoff = (rounds + 1) * delay;
        const evidence = evidenceOf(spans, elapsed, { cutoffSeconds: cutoff, sequentialSeconds: items.length * delay });
        if (spans.length !== items.length) return fail(say.wrongCallCount('fetch_bounded', 'fetch_item', spans.length, items.length), { evidence });
        const peak = evidence.peakConcurrency ?? 0;
        if (peak > limit) {
          const advice =
            peak === items.length
              ? 'Nothing held them back: make one `semaphore = asyncio.Semaphore(limit)` at the start of fetch_bounded, before any fetch starts, and do each fetch inside `async with semaphore:`. A semaphore that is never used, or a new one made for each item, limits nothing.'
              : peak === limit + 1
                ? 'That is one too many: make the semaphore with exactly `asyncio.Semaphore(limit)`.'
                : 'Make one `asyncio.Semaphore(limit)` for the whole call, and hold it around every fetch_item call.';
          return fail(say.peakAboveLimit(spans, 'fetch_item', peak, limit, advice), { evidence });
        }
        if (peak < limit) {
          const where = ranOneAfterAnother(spans) ? awaitedAt(spans, 'fetch_bounded') : null;
          const advice = where
            ? `They ran one after another: fetch_bounded awaited each fetch before starting the next (the first at ${say.at(run.file, where)}). Start them all together (asyncio.gather) and let the semaphore alone hold back the extra ones.`
            : peak === limit - 1
              ? 'That is one too few: make the semaphore with exactly `asyncio.Semaphore(limit)`, and start every fetch together (asyncio.gather) so that the semaphore alone holds back the extra ones.'
              : 'Make the semaphore with exactly `asyncio.Semaphore(limit)`, and start every fetch together (asyncio.gather) so that the semaphore alone holds back the extra ones.';
          return fail(say.peakBelowLimit(spans, 'fetch_item', peak, limit, advice), { ...run.locate(where), evidence });
        }
        const ran = roundsOf(spans);
        if (ran !== rounds) {
          const advice = 'Start every fetch at once (asyncio.gather) and let the one semaphore alone decide when each runs: a fetch should start the moment another one frees its place.';
          return fail(say.extraRounds('fetch_bounded', spans, ran, items.length, limit, rounds, advice), { evidence });
        }
        const late = elapsed > cutoff && slowOutsideCalls(elapsed, spans, rounds * delay, items.length * delay);
        if (late || elapsed < (rounds - 0.5) * delay) {
          const advice = 'Start all the fetches together and let the semaphore alone decide when each one runs; do nothing slow besides.';
          return fail(say.wrongRounds('fetch_bounded', elapsed, items.length, limit, rounds, delay, advice), { evidence });
        }
        return pass(evidence);
    }),
  },
});
