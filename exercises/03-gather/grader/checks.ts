// Exercise 03-gather: asyncio.gather runs awaitables together and keeps argument order; return_exceptions; a semaphore
// bounds concurrency.
// Every probe calls its function several times in one run: the random inputs, and the edge cases the docstring
// implies (empty, one, zero, repeats, a limit at or above the number of items), each in a fresh event loop.
import { check, defineExercise, fail, pass, probe, Stop } from '../../../grader/engine/define.js';
import type { Observed } from '../../../grader/engine/observed.js';
import { spansToRows, type Evidence, type Location, type Verdict } from '../../../grader/engine/types.js';
import {
  closed,
  handoffWaits,
  makespan,
  peakConcurrency,
  ranOneAfterAnother,
  slowOutsideCalls,
} from '../../../grader/evidence/intervals.js';
import * as common from '../../../grader/messages.js';
import type { Random } from '../../../grader/random.js';
import type { CallRecord, EncodedValue, Json, LearnerFrame, Span } from '../../../grader/run/observations.js';
import { asText } from '../../../grader/text/as-text.js';
import { boundedMakespan, callDifference, inFlightAtFirstEnd, parseStep } from './evidence.js';
import * as say from './messages.js';

const DEADLINE = 10;

// ---- inputs ---------------------------------------------------------------------

function factorialOf(n: number): number {
  let total = 1;
  for (let i = 2; i <= n; i++) total *= i;
  return total;
}

function uniqueWords(rng: Random, count: number, avoid: readonly string[] = []): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const word = rng.word();
    if (!avoid.includes(word)) words.add(word);
  }
  return [...words];
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// Delays from `choices` handed out so that the first item is never the first to finish:
// the order the calls finish in always differs from the order of the inputs.
function scrambled(rng: Random, keys: string[], choices: number[]): Record<string, number> {
  let ranks = rng.shuffle(keys.map((_, i) => i));
  while (ranks[0] === 0) ranks = rng.shuffle(ranks);
  const sorted = [...choices].sort((a, b) => a - b);
  return Object.fromEntries(keys.map((key, i) => [key, sorted[ranks[i] ?? 0] ?? 0.1]));
}

// `count` delays from `low` to `high`, evenly spread.
function spread(count: number, low: number, high: number): number[] {
  return Array.from({ length: count }, (_, i) => round2(count === 1 ? low : low + ((high - low) * i) / (count - 1)));
}

interface Timing {
  concurrent: number;
  sequential: number;
  cutoff: number;
}

// Concurrent: about the slowest call; sequential: the sum. The cut-off is their geometric middle.
function timing(delays: number[]): Timing {
  const concurrent = Math.max(0, ...delays);
  const sequential = delays.reduce((a, b) => a + b, 0);
  return { concurrent, sequential, cutoff: Math.sqrt(concurrent * sequential) };
}

// ---- probes -----------------------------------------------------------------------

// Each step of a factorial waits this long at the witness.
const STEP_SECONDS = 0.01;
const STEP_TWIN = { factorial_step: { factory: 'factorial_step' } };

interface FactorialCase {
  id: string;
  name: string;
  number: number;
  value: number;
}

// Task 1a: factorial(name, number) with factorial_step replaced by a fast twin: a random number, 0 and 1, and the
// first number again under another name (a value kept from the first call shows there).
const factorialProbe = probe('factorial', (rng) => {
  const [first = 'A', second = 'B', third = 'C', fourth = 'D'] = rng.shuffle(['A', 'B', 'C', 'D', 'E', 'F']);
  const number = rng.int(4, 8);
  const cases: FactorialCase[] = [
    { id: 'factorial', name: first, number, value: factorialOf(number) },
    { id: 'factorial-zero', name: second, number: 0, value: 1 },
    { id: 'factorial-one', name: third, number: 1, value: 1 },
    { id: 'factorial-again', name: fourth, number, value: factorialOf(number) },
  ];
  return {
    steps: [
      { op: 'import' },
      ...cases.map((c) => ({
        op: 'call' as const,
        id: c.id,
        function: 'factorial',
        args: [c.name, c.number],
        inLoop: true,
        twins: STEP_TWIN,
      })),
    ],
    expect: { cases },
    waits: { factorial_step: { '*': STEP_SECONDS } },
    deadlineSeconds: DEADLINE,
  };
});

interface FactorialsCase {
  id: string;
  args: number[];
  labels: string[];
  values: number[];
  delays: Record<string, number>;
  timing: Timing;
  outsideLimit?: number;
}

function factorialsCase(
  id: string,
  args: number[],
  delays: Record<string, number>,
  outsideLimit?: number,
): FactorialsCase {
  const names = ['A', 'B', 'C'];
  return {
    id,
    args,
    labels: names.map((name, i) => `${name}(${args[i] ?? 0})`),
    values: args.map(factorialOf),
    delays,
    timing: timing(Object.values(delays)),
    ...(outsideLimit !== undefined ? { outsideLimit } : {}),
  };
}

// A short call beside a long one: a fixed wait long enough for the long call's slowest (`longest`) leaves the short
// call's calls done long before it returns. Three quarters of that gap is far above what a busy machine adds.
function fixedWaitShows(longest: number, short: number): number {
  return 0.75 * (longest - short);
}

// Task 1b: factorials(a, b, c) with factorial replaced by a twin. The first call's delays differ per name (a fixed
// sleep shorter than the slowest finds a task unfinished); the second call is short, with a repeated number and
// 0 or 1, so a fixed sleep long enough for the first call shows there as time spent after its calls were done.
const factorialsProbe = probe('factorials', (rng) => {
  let args = rng.shuffle([2, 3, 4, 5, 6, 7, 8, 9]).slice(0, 3);
  while ((args[0] ?? 0) < (args[1] ?? 0) && (args[1] ?? 0) < (args[2] ?? 0)) args = rng.shuffle(args);
  const repeated = rng.int(2, 7);
  const cases = [
    factorialsCase('factorials', args, scrambled(rng, ['A', 'B', 'C'], [0.14, 0.24, 0.34])),
    factorialsCase(
      'factorials-short',
      rng.shuffle([repeated, repeated, rng.int(0, 1)]),
      scrambled(rng, ['A', 'B', 'C'], [0.05, 0.06, 0.07]),
      fixedWaitShows(0.34, 0.07),
    ),
  ];
  return {
    steps: [
      { op: 'import' },
      ...cases.map((c) => ({
        op: 'call' as const,
        id: c.id,
        function: 'factorials',
        args: c.args,
        inLoop: true,
        twins: { factorial: { factory: 'factorial' } },
        // The witness holds each factorial by its name: "B(5)" waits as long as B.
        waits: { factorial: { '*': 0.1, ...c.delays } },
      })),
    ],
    expect: { cases },
    deadlineSeconds: DEADLINE,
  };
});

interface ItemsCase {
  id: string;
  items: string[];
  delays: Record<string, number>;
  timing: Timing;
  // Judged for "every call in flight at once" (the others only for their results, calls and time).
  allAtOnce: boolean;
  failing: string[];
  // Fail when this much time goes by outside the calls (see fixedWaitShows).
  outsideLimit?: number;
}

function itemsCase(
  id: string,
  items: string[],
  delays: Record<string, number>,
  allAtOnce: boolean,
  failing: string[] = [],
): ItemsCase {
  return { id, items, delays, timing: timing(items.map((item) => delays[item] ?? 0)), allAtOnce, failing };
}

// With repeats of earlier entries put back at random places.
function withRepeats(rng: Random, items: string[], repeats: number): string[] {
  const out = [...items];
  for (let i = 0; i < repeats; i++) {
    const repeat = items[rng.int(0, items.length - 2)] as string;
    out.splice(rng.int(out.indexOf(repeat) + 1, out.length), 0, repeat);
  }
  return out;
}

function itemSteps(
  cases: ItemsCase[],
  fn: string,
  extra: (c: ItemsCase) => Json[] = () => [],
): {
  op: 'call';
  id: string;
  function: string;
  args: Json[];
  inLoop: true;
  twins: Record<string, { factory: string; config: Json }>;
  waits: Record<string, Record<string, number>>;
}[] {
  return cases.map((c) => ({
    op: 'call',
    id: c.id,
    function: fn,
    args: [c.items, ...extra(c)],
    inLoop: true,
    twins: { fetch_item: { factory: 'fetch_item', config: { failing: c.failing } } },
    waits: { fetch_item: { '*': 0.1, ...c.delays } },
  }));
}

// Task 2: fetch_all(items). Five items finishing out of order; twelve with repeats, all in flight together, the
// slowest at 0.34 s; four short ones, where a fixed sleep long enough for the twelve shows; one item; none.
const fetchAllProbe = probe('fetch-all', (rng) => {
  const items = uniqueWords(rng, 5);
  const many = uniqueWords(rng, 10, items);
  const manyItems = withRepeats(rng, many, 2);
  const short = uniqueWords(rng, 4, [...items, ...many]);
  const one = uniqueWords(rng, 1, [...items, ...many, ...short]);
  const cases = [
    itemsCase('fetch_all', items, scrambled(rng, items, spread(5, 0.1, 0.18)), true),
    itemsCase(
      'fetch_all-many',
      manyItems,
      Object.fromEntries(rng.shuffle(many).map((item, i) => [item, spread(10, 0.1, 0.34)[i] ?? 0.2])),
      true,
    ),
    {
      ...itemsCase('fetch_all-short', short, scrambled(rng, short, [0.05, 0.06, 0.06, 0.07]), false),
      outsideLimit: fixedWaitShows(0.34, 0.07),
    },
    itemsCase('fetch_all-one', one, { [one[0] ?? '']: 0.05 }, false),
    itemsCase('fetch_all-empty', [], {}, false),
  ];
  return { steps: [{ op: 'import' }, ...itemSteps(cases, 'fetch_all')], expect: { cases }, deadlineSeconds: DEADLINE };
});

// Task 3: fetch_all_safely(items): one failing item in the middle; the first and the last failing; none failing,
// with a repeat; none at all.
const safelyProbe = probe('fetch-all-safely', (rng) => {
  const items = uniqueWords(rng, 5);
  const failingIndex = rng.int(1, items.length - 2);
  items[failingIndex] = `missing-${items[failingIndex] ?? 'item'}`;
  const edges = uniqueWords(rng, 4, items);
  edges[0] = `missing-${edges[0] ?? 'a'}`;
  edges[3] = `missing-${edges[3] ?? 'b'}`;
  const clean = withRepeats(rng, uniqueWords(rng, 2, [...items, ...edges]), 1);
  const cases = [
    itemsCase('safely', items, scrambled(rng, items, spread(5, 0.1, 0.18)), true, [items[failingIndex]]),
    itemsCase('safely-edges', edges, scrambled(rng, edges, [0.05, 0.06, 0.06, 0.07]), false, [edges[0], edges[3]]),
    itemsCase('safely-clean', clean, Object.fromEntries(clean.map((item) => [item, 0.05])), false),
    itemsCase('safely-empty', [], {}, false),
  ];
  return {
    steps: [{ op: 'import' }, ...itemSteps(cases, 'fetch_all_safely')],
    expect: { cases },
    deadlineSeconds: DEADLINE,
  };
});

interface BoundedCase extends ItemsCase {
  limit: number;
  // Seconds the fetches take with a semaphore: each waiting fetch starts the moment a place frees.
  bounded: number;
}

// Each run of `limit` items in input order holds one slow fetch and the rest quick, so fixed batches leave places
// empty while the slow one finishes, and a semaphore does not.
const QUICK = 0.08;
const SLOW = 0.24;

function boundedCase(rng: Random, id: string, count: number, limit: number, avoid: string[]): BoundedCase {
  const items = uniqueWords(rng, count, avoid);
  const delays: Record<string, number> = {};
  for (let start = 0; start < count; start += limit) {
    const batch = items.slice(start, start + limit);
    const slow = rng.int(0, batch.length - 1);
    batch.forEach((item, i) => (delays[item] = i === slow ? SLOW : QUICK));
  }
  const durations = items.map((item) => delays[item] ?? QUICK);
  const base = itemsCase(id, items, delays, true);
  return { ...base, limit, bounded: boundedMakespan(durations, limit) };
}

// Task 4: fetch_bounded(items, limit) with two different limits (a constant fits at most one of them), a limit at
// or above the number of items, and no items at all.
const boundedProbe = probe('fetch-bounded', (rng) => {
  const first = rng.pick([2, 3]);
  const second = first === 3 ? 4 : rng.pick([3, 4]);
  const a = boundedCase(rng, 'bounded', 2 * first + 1, first, []);
  const b = boundedCase(rng, 'bounded-second', second + 2, second, a.items);
  const wideItems = uniqueWords(rng, 3, [...a.items, ...b.items]);
  const wide: BoundedCase = {
    ...itemsCase('bounded-wide', wideItems, Object.fromEntries(wideItems.map((item) => [item, QUICK])), true),
    limit: 3 + rng.int(0, 2),
    bounded: QUICK,
  };
  const empty: BoundedCase = { ...itemsCase('bounded-empty', [], {}, false), limit: rng.int(2, 4), bounded: 0 };
  const cases = [a, b, wide, empty];
  return {
    steps: [{ op: 'import' }, ...itemSteps(cases, 'fetch_bounded', (c) => [(c as BoundedCase).limit])],
    expect: { cases },
    deadlineSeconds: DEADLINE,
  };
});

// ---- where a failure points ----------------------------------------------------------

// The learner's line when one is known, else the function's `def` line, else the top of the file.
function where(run: Observed, call: CallRecord | undefined, frame?: LearnerFrame | null): { location: Location } {
  return { location: { file: run.file, line: frame?.line ?? call?.defLine ?? 1 } };
}

// Gives a failure that Observed stopped early (a missing function, say) the line of the check's first call.
function located<E>(
  firstCall: string,
  judge: (run: Observed, expect: E) => Verdict,
): (run: Observed, expect: E) => Verdict {
  return (run, expect) => {
    let verdict: Verdict;
    try {
      verdict = judge(run, expect);
    } catch (cause) {
      if (!(cause instanceof Stop)) throw cause;
      verdict = cause.verdict;
    }
    if (verdict.status !== 'fail' || verdict.location) return verdict;
    const call = run.run.observations.find((o): o is CallRecord => o.kind === 'call' && o.id === firstCall);
    return { ...verdict, ...where(run, call) };
  };
}

// ---- reading what happened --------------------------------------------------------

function same(a: Json | undefined, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function listOf(value: EncodedValue | undefined): Json[] | null {
  return value?.kind === 'value' && Array.isArray(value.value) ? value.value : null;
}

function show(values: Json[], limit = 8): string {
  const shown = values.slice(0, limit).map((v) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v)));
  return `[${shown.join(', ')}${values.length > limit ? ', ...' : ''}]`;
}

// The calls of one twin, with those the run stopped counted as lasting to the end.
function callsOf(call: CallRecord, helper: string): (Span & { end: number })[] {
  return closed(
    (call.spans ?? []).filter((s) => s.helper === helper),
    call.seconds,
  );
}

function evidenceOf(spans: Span[], elapsed: number, extra: Evidence = {}): Evidence {
  return {
    intervals: spansToRows(spans),
    peakConcurrency: peakConcurrency(closed(spans, elapsed)),
    elapsedSeconds: elapsed,
    ...extra,
  };
}

// Where the function under test itself awaited the calls one by one (a loop of awaits), if it did.
// A helper of the learner's own (run as tasks) also awaits the twin directly, so only `name`'s own frames count.
function awaitedAt(spans: Span[], name: string): LearnerFrame | null {
  const first = spans[0]?.where;
  return first && spans.every((s) => s.where?.function === name) ? first : null;
}

// An exception a call raised, explained from what was seen; null when it returned.
function raisedVerdict(run: Observed, call: CallRecord): Verdict | null {
  const exc = call.exception;
  if (!exc) return null;
  const frame = exc.frames.at(-1);
  // gather(list) raises TypeError at once: the list is one argument, not an awaitable. The wording differs between
  // versions: "unhashable type: 'list'" or "An asyncio.Future, a coroutine or an awaitable is required".
  if (exc.type === 'TypeError' && /unhashable type: '(list|set|dict)'|awaitable is required/i.test(exc.message)) {
    const unrun = (call.neverAwaited ?? []).length > 0;
    if (unrun || /gather/.test(frame?.code ?? ''))
      return fail(say.gatherGivenAList(run.file, call.function, frame), where(run, call, frame));
  }
  if (exc.type === 'InvalidStateError')
    return fail(say.resultBeforeDone(run.file, call.function, frame), where(run, call, frame));
  const nested = (call.asyncioRuns ?? []).find((r) => r.nested);
  if (nested && exc.type === 'RuntimeError')
    return fail(common.nestedAsyncioRun(run.file, nested.line), where(run, call, nested.line ?? frame));
  if (exc.type === 'RuntimeError' && /different (event )?loop/.test(exc.message))
    return fail(say.boundToAnotherLoop(run.file, call.function, frame), where(run, call, frame));
  const empty = call.argsAfter?.[0]?.value;
  if (Array.isArray(empty) && empty.length === 0 && exc.type === 'ValueError')
    return fail(say.emptyInputFailed(run.file, call.function, exc, frame), where(run, call, frame));
  return fail(common.raised(run.file, call.function, exc), where(run, call, frame));
}

// The call's result, or a verdict when it raised or handed back something unawaited.
function resultOf(run: Observed, id: string, wanted: string): { call: CallRecord; result: EncodedValue } | Verdict {
  const call = run.call(id);
  const raised = raisedVerdict(run, call);
  if (raised) return raised;
  const result = call.result as EncodedValue;
  if (result.kind === 'future' || result.kind === 'task' || result.kind === 'awaitable')
    return fail(say.gatherNotAwaited(call.function, result, wanted), where(run, call));
  if (result.kind === 'coroutine')
    return fail(common.returnedCoroutine(call.function, 'Await it before returning.'), where(run, call));
  return { call, result };
}

function isVerdict(value: { call: CallRecord; result: EncodedValue } | Verdict): value is Verdict {
  return 'status' in value;
}

// The order the calls finished in, as indexes into `labels` (each label matched once, repeats in turn).
function finishOrder(spans: (Span & { end: number })[], labels: string[]): number[] {
  const used = new Set<number>();
  const order: number[] = [];
  for (const span of [...spans].sort((a, b) => a.end - b.end)) {
    const index = labels.findIndex((label, i) => label === span.label && !used.has(i));
    if (index >= 0) {
      used.add(index);
      order.push(index);
    }
  }
  return order;
}

function sortedCopy(values: Json[]): Json[] {
  return [...values].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : asText(a) < asText(b) ? -1 : asText(a) > asText(b) ? 1 : 0,
  );
}

// The whole list contract: the type asked for, one result per input in the input order, nothing lost or kept from
// an earlier call, and the caller's list left as it was. Null when the list is right.
function listVerdict(
  run: Observed,
  call: CallRecord,
  result: EncodedValue,
  expected: Json[],
  c: { items?: string[]; labels: string[] },
  helper: string,
  earlier: boolean,
): Verdict | null {
  const got = listOf(result);
  const name = call.function;
  const details = { expected, ...where(run, call) };
  if (got && result.type !== 'list')
    return fail(say.notAList(name, result, 'asyncio.gather already returns a list: return it as it is.'), {
      ...details,
      actual: result.repr,
    });
  const inputs = c.items;
  const after = call.argsAfter?.[0]?.value;
  if (inputs && after !== undefined && !same(after, inputs)) {
    return fail(
      say.inputChanged(name, 'items', show(inputs, 6), Array.isArray(after) ? show(after, 6) : asText(after)),
      { ...details, actual: after },
    );
  }
  if (got && same(got, expected)) return null;
  if (!got)
    return fail(common.wrongValue(name, `${show(expected)}, one result per input in the order of the inputs`, result), {
      ...details,
      actual: result.repr,
    });
  const multiset = (values: Json[]): string => JSON.stringify(values.map((v) => JSON.stringify(v)).sort());
  if (got.length === expected.length && multiset(got) === multiset(expected)) {
    const spans = callsOf(call, helper);
    const finished = finishOrder(spans, c.labels).map((i) => expected[i] as Json);
    const why =
      finished.length === expected.length && same(got, finished)
        ? say.IN_FINISH_ORDER
        : same(got, sortedCopy(expected))
          ? say.SORTED
          : same(got, [...expected].reverse())
            ? say.REVERSED
            : '';
    const advice =
      why === say.SORTED
        ? "Return gather's list as it is: it is already in the order of the inputs."
        : "asyncio.gather returns results in the order of its arguments, whatever order they finish in: return its list as it is. (With as_completed or wait, put each result back at its input's index.)";
    return fail(say.resultsOutOfOrder(name, show(got), why, advice), { ...details, actual: got });
  }
  if (got.length < expected.length && inputs && new Set(inputs).size < inputs.length) {
    const repeated = [...new Set(inputs.filter((item, i) => inputs.indexOf(item) !== i))];
    return fail(say.duplicatesLost(name, got.length, inputs.length, repeated), { ...details, actual: got });
  }
  if (earlier && got.length > expected.length && expected.every((v) => got.some((g) => same(g, v)))) {
    return fail(say.leakedBetweenCalls(name, got.length, expected.length), { ...details, actual: got });
  }
  return fail(common.wrongValue(name, `${show(expected)}, one result per input in the order of the inputs`, result), {
    ...details,
    actual: got,
  });
}

interface Advice {
  sequential: string;
  partial: string;
}

// The exact calls asked for, every call in flight at once where that is asked, and no time lost besides.
function together(
  run: Observed,
  call: CallRecord,
  helper: string,
  c: { labels: string[]; timing: Timing; allAtOnce: boolean; outsideLimit?: number },
  advice: Advice,
): Verdict | null {
  const elapsed = call.seconds ?? 0;
  const spans = callsOf(call, helper);
  const { timing: t } = c;
  const evidence = evidenceOf(spans, elapsed, { cutoffSeconds: t.cutoff, sequentialSeconds: t.sequential });
  // A loop of awaits that stopped at an exception is still a loop of awaits: say that first.
  if (c.labels.length >= 2 && spans.length >= 2 && ranOneAfterAnother(spans)) {
    const at = awaitedAt(spans, call.function);
    return fail(say.awaitedOneByOne(run.file, at, spans, helper, advice.sequential), {
      ...where(run, call, at),
      evidence,
    });
  }
  const { missing, extra } = callDifference(
    c.labels,
    spans.map((s) => s.label),
  );
  if (missing.length || extra.length) {
    const raised = raisedVerdict(run, call);
    if (raised && spans.length < c.labels.length) return { ...raised, evidence };
    return fail(say.callsNotAsked(call.function, helper, c.labels.length, spans.length, missing, extra), {
      ...where(run, call),
      evidence,
    });
  }
  const peak = evidence.peakConcurrency ?? 0;
  if (c.allAtOnce && peak < spans.length)
    return fail(say.notAllInFlight(spans, helper, peak, advice.partial), { ...where(run, call), evidence });
  const outside = elapsed - makespan(spans);
  // The calls judged for running all at once are judged on the clock too, with the margin of a sequential run; a
  // short call only for a fixed wait; the others (one call, edge cases) not at all.
  const slow = c.allAtOnce
    ? c.labels.length >= 2 && elapsed > t.cutoff && slowOutsideCalls(elapsed, spans, t.concurrent, t.sequential)
    : c.outsideLimit !== undefined && outside >= c.outsideLimit;
  if (slow) return fail(say.slowOutside(call.function, elapsed, spans, outside), { ...where(run, call), evidence });
  return null;
}

const PARTIAL =
  'Start every call before awaiting any of them, all in one asyncio.gather(...), with nothing that limits how many run at once (no semaphore, pool or batches here).';

// ---- task 1a: factorial ------------------------------------------------------------

function judgeFactorial(
  run: Observed,
  c: FactorialCase,
  first: { shown: string; stepped: boolean } | null,
): Verdict | null {
  const call = run.call(c.id);
  const shown = `factorial(${JSON.stringify(c.name)}, ${c.number})`;
  if (!call.isCoroutineFunction) return fail(common.notACoroutineFunction('factorial'), where(run, call));
  const unawaited = (call.neverAwaited ?? []).find((n) => /factorial_step/.test(n.name));
  const exc = call.exception;
  if (exc?.type === 'RecursionError')
    return fail(say.recursionNeverEnds(run.file, shown, exc.frames.at(-1)), where(run, call, exc.frames.at(-1)));
  if (unawaited && (exc?.type === 'TypeError' || call.result?.kind === 'coroutine'))
    return fail(say.stepNotAwaited(run.file, shown, unawaited.origin), where(run, call, unawaited.origin));
  const raised = raisedVerdict(run, call);
  if (raised) return raised;
  const result = call.result as EncodedValue;
  if (result.kind === 'coroutine')
    return fail(
      common.returnedCoroutine('factorial', 'Await each step: `total = await factorial_step(name, total, i)`.'),
      where(run, call),
    );
  if (result.kind !== 'value' || result.value !== c.value) {
    const advice =
      result.value === null ? say.FACTORIAL_PASS : c.number === 0 ? say.FACTORIAL_OF_ZERO : say.FACTORIAL_FROM_ONE;
    return fail(say.factorialWrong(shown, c.value, result, advice), {
      expected: c.value,
      actual: result.repr,
      ...where(run, call),
    });
  }
  const spans = callsOf(call, 'factorial_step');
  if (spans.length === 0 && c.number >= 2) {
    if (first?.stepped) return fail(say.keptBetweenCalls(shown, first.shown, 'factorial_step'), where(run, call));
    return fail(
      say.skippedHelper(
        shown,
        'factorial_step',
        'Compute it one step at a time: total = await factorial_step(name, total, i).',
      ),
      where(run, call),
    );
  }
  const steps = spans.map((span) => ({ span, ...parseStep(span.label) }));
  const renamed = steps.find((s) => s.name !== c.name);
  if (renamed)
    return fail(
      say.stepWrongName(run.file, shown, renamed.name, c.name, renamed.span.where),
      where(run, call, renamed.span.where),
    );
  const firstWhere = spans[0]?.where;
  if (spans.length >= 2 && !ranOneAfterAnother(spans))
    return fail(say.stepsTogether(shown, spans), {
      ...where(run, call, firstWhere),
      evidence: evidenceOf(spans, call.seconds ?? 0),
    });
  let total = 1;
  for (const step of [...steps].sort((a, b) => a.span.start - b.span.start)) {
    if (step.total !== total) {
      const fromNumber = total === 1 && step.total === c.number;
      return fail(
        say.stepsUnchained(
          run.file,
          shown,
          `${JSON.stringify(step.name)}, ${step.total ?? '?'}, ${step.i ?? '?'}`,
          step.total ?? 0,
          total,
          fromNumber,
          step.span.where,
        ),
        where(run, call, step.span.where),
      );
    }
    total *= step.i ?? 1;
  }
  const wanted = Array.from({ length: Math.max(0, c.number - 1) }, (_, i) => String(i + 2));
  const { missing, extra } = callDifference(
    wanted,
    steps.map((s) => String(s.i)),
  );
  if (missing.length || extra.length)
    return fail(say.stepsNotAsked(run.file, shown, extra, missing, firstWhere), where(run, call, firstWhere));
  return null;
}

// ---- task 4: fetch_bounded -----------------------------------------------------------

// Below this, a place that stood empty after a fetch ended is the scheduler's doing; batches leave one empty for
// the rest of the batch's slowest fetch (SLOW - QUICK), twice as long, at least twice in every probe's call.
const EMPTY_PLACE = 0.08;

function judgeBounded(run: Observed, call: CallRecord, c: BoundedCase): { verdict: Verdict | null; peak: number } {
  const elapsed = call.seconds ?? 0;
  const spans = callsOf(call, 'fetch_item');
  const sequential = c.items.reduce((sum, item) => sum + (c.delays[item] ?? 0), 0);
  const evidence = evidenceOf(spans, elapsed, { cutoffSeconds: c.bounded, sequentialSeconds: sequential });
  const peak = evidence.peakConcurrency ?? 0;
  const verdict = (message: string, frame?: LearnerFrame | null): { verdict: Verdict; peak: number } => ({
    verdict: fail(message, { ...where(run, call, frame), evidence }),
    peak,
  });
  const { missing, extra } = callDifference(
    c.items,
    spans.map((s) => s.label),
  );
  if (missing.length || extra.length) {
    const raised = raisedVerdict(run, call);
    if (raised) return { verdict: { ...raised, evidence }, peak };
    return verdict(say.callsNotAsked('fetch_bounded', 'fetch_item', c.items.length, spans.length, missing, extra));
  }
  const expectedPeak = Math.min(c.limit, c.items.length);
  if (peak > c.limit) {
    const initial = inFlightAtFirstEnd(spans);
    const advice =
      peak === c.items.length && initial === peak
        ? say.NOTHING_HELD_BACK
        : initial === c.limit
          ? say.limitGrew(c.limit, initial, peak)
          : initial === c.limit + 1
            ? say.ONE_TOO_MANY
            : say.EXACTLY_LIMIT;
    return verdict(say.peakAboveLimit(spans, 'fetch_item', peak, c.limit, advice));
  }
  if (peak < expectedPeak) {
    if (c.limit >= c.items.length) return verdict(say.allAtOnceExpected(spans, 'fetch_item', peak, c.limit));
    const at = ranOneAfterAnother(spans) ? awaitedAt(spans, 'fetch_bounded') : null;
    const advice = at
      ? `They ran one after another: fetch_bounded awaited each fetch before starting the next (the first at ${common.at(run.file, at)}). ${say.START_TOGETHER}`
      : peak === c.limit - 1
        ? say.ONE_TOO_FEW
        : say.EXACTLY_LIMIT;
    return verdict(say.peakBelowLimit(spans, 'fetch_item', peak, c.limit, advice), at);
  }
  const waits = handoffWaits(spans, c.limit);
  const late = waits.filter((w) => w >= EMPTY_PLACE);
  if (late.length >= 2 && late.reduce((a, b) => a + b, 0) >= 2.5 * EMPTY_PLACE) {
    return verdict(say.batches('fetch_bounded', spans, c.limit, waits));
  }
  // The clock only where waiting work makes a sequential run much longer than a bounded one.
  if (c.limit < c.items.length && elapsed > c.bounded && slowOutsideCalls(elapsed, spans, c.bounded, sequential)) {
    return verdict(say.slowBounded('fetch_bounded', elapsed, c.bounded, elapsed - makespan(spans)));
  }
  return { verdict: null, peak };
}

export default defineExercise({
  checks: {
    'factorial-computes': check(
      factorialProbe,
      located('factorial', (run, { cases }) => {
        let first: { shown: string; stepped: boolean } | null = null;
        for (const c of cases) {
          const verdict = judgeFactorial(run, c, c.id === 'factorial-again' ? first : null);
          if (verdict) return verdict;
          if (c.id === 'factorial')
            first = {
              shown: `factorial(${JSON.stringify(c.name)}, ${c.number})`,
              stepped: callsOf(run.call(c.id), 'factorial_step').length > 0,
            };
        }
        return pass();
      }),
    ),

    'factorials-gathered': check(
      factorialsProbe,
      located('factorials', (run, { cases }) => {
        for (const [index, c] of cases.entries()) {
          const outcome = resultOf(
            run,
            c.id,
            `${show(c.values)}: the factorials of ${c.args.join(', ')} in that order`,
          );
          if (isVerdict(outcome)) return outcome;
          const { call, result } = outcome;
          const calls = callsOf(call, 'factorial').map((s) => s.label);
          const { missing, extra } = callDifference(c.labels, calls);
          if ((missing.length || extra.length) && calls.length === 3) {
            return fail(say.wrongCalls('factorials', 'factorial', c.labels, missing, extra), {
              ...where(run, call),
              evidence: evidenceOf(callsOf(call, 'factorial'), call.seconds ?? 0),
            });
          }
          const listed = listVerdict(run, call, result, c.values, { labels: c.labels }, 'factorial', index > 0);
          if (listed) return listed;
          const timed = together(
            run,
            call,
            'factorial',
            { ...c, allAtOnce: index === 0 },
            {
              sequential: 'Pass all three calls to one `await asyncio.gather(...)` so that they run at the same time.',
              partial: PARTIAL,
            },
          );
          if (timed) return timed;
        }
        const main = run.call('factorials');
        const first = cases[0] as FactorialsCase;
        return pass(
          evidenceOf(callsOf(main, 'factorial'), main.seconds ?? 0, {
            cutoffSeconds: first.timing.cutoff,
            sequentialSeconds: first.timing.sequential,
          }),
        );
      }),
    ),

    'fetch-all-gathered': check(
      fetchAllProbe,
      located('fetch_all', (run, { cases }) => {
        for (const [index, c] of cases.entries()) {
          const expected = c.items.map((item) => `data:${item}`);
          const outcome = resultOf(run, c.id, show(expected));
          if (isVerdict(outcome)) return outcome;
          const { call, result } = outcome;
          const listed = listVerdict(
            run,
            call,
            result,
            expected,
            { items: c.items, labels: c.items },
            'fetch_item',
            index > 0,
          );
          if (listed) return listed;
          const timed = together(
            run,
            call,
            'fetch_item',
            { ...c, labels: c.items },
            {
              sequential:
                'Build all the calls first, `fetches = [fetch_item(item) for item in items]`, then run them together: `await asyncio.gather(*fetches)`.',
              partial: PARTIAL,
            },
          );
          if (timed) return timed;
        }
        return pass(mainEvidence(run, 'fetch_all', cases[0]));
      }),
    ),

    'failure-in-place': check(
      safelyProbe,
      located('safely', (run, { cases }) => {
        for (const [index, c] of cases.entries()) {
          const verdict = judgeSafely(run, c, index > 0);
          if (verdict) return verdict;
        }
        return pass();
      }),
    ),

    'safely-concurrent': check(
      safelyProbe,
      located('safely', (run, { cases }) => {
        // Judged on the calls that ran, even if the function then raised: a lost result is failure-in-place's business.
        for (const c of cases) {
          const call = run.call(c.id);
          if (c.items.length === 0) continue;
          const timed = together(
            run,
            call,
            'fetch_item',
            { ...c, labels: c.items },
            {
              sequential:
                'Build all the fetch_item(...) calls first and run them together: `await asyncio.gather(*fetches, return_exceptions=True)`.',
              partial: PARTIAL,
            },
          );
          if (timed) return timed;
        }
        return pass(mainEvidence(run, 'safely', cases[0]));
      }),
    ),

    'bounded-in-order': check(
      boundedProbe,
      located('bounded', (run, { cases }) => {
        for (const [index, c] of cases.entries()) {
          const expected = c.items.map((item) => `data:${item}`);
          const outcome = resultOf(run, c.id, show(expected));
          if (isVerdict(outcome)) return outcome;
          const listed = listVerdict(
            run,
            outcome.call,
            outcome.result,
            expected,
            { items: c.items, labels: c.items },
            'fetch_item',
            index > 0,
          );
          if (listed) return listed;
        }
        return pass();
      }),
    ),

    'bounded-by-semaphore': check(
      boundedProbe,
      located('bounded', (run, { cases }) => {
        const peaks: { limit: number; count: number; peak: number; verdict: Verdict | null }[] = [];
        for (const c of cases.filter((x) => x.items.length > 0)) {
          const call = run.call(c.id);
          const { verdict, peak } = judgeBounded(run, call, c);
          peaks.push({ limit: c.limit, count: c.items.length, peak, verdict });
        }
        // Two limits below the number of items and the same peak for both, neither one at a time nor everything at
        // once (those have verdicts of their own): the size was not taken from `limit`.
        const [a, b] = peaks;
        if (
          a &&
          b &&
          a.limit !== b.limit &&
          a.peak === b.peak &&
          a.peak > 1 &&
          !(a.peak === a.count && b.peak === b.count) &&
          (a.verdict || b.verdict)
        ) {
          const call = run.call('bounded');
          return fail(say.limitIgnored([a, b].map(({ limit, peak }) => ({ limit, peak }))), {
            ...where(run, call),
            evidence: evidenceOf(callsOf(call, 'fetch_item'), call.seconds ?? 0),
          });
        }
        const failed = peaks.find((p) => p.verdict);
        if (failed?.verdict) return failed.verdict;
        return pass(mainEvidence(run, 'bounded', cases[0]));
      }),
    ),
  },
});

function mainEvidence(run: Observed, id: string, c: { timing: Timing } | undefined): Evidence {
  const call = run.call(id);
  return evidenceOf(
    callsOf(call, 'fetch_item'),
    call.seconds ?? 0,
    c ? { cutoffSeconds: c.timing.cutoff, sequentialSeconds: c.timing.sequential } : {},
  );
}

// ---- task 3: fetch_all_safely ---------------------------------------------------------

// An exception in a list arrives encoded as { kind: 'object', type, repr }.
function encodedObject(value: Json | undefined): { type: string; repr: string } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value.kind !== 'object') return null;
  return { type: asText(value.type), repr: asText(value.repr) };
}

function judgeSafely(run: Observed, c: ItemsCase, earlier: boolean): Verdict | null {
  const call = run.call(c.id);
  const exc = call.exception;
  if (exc?.type === 'LookupError' && c.failing.some((item) => exc.message.includes(item))) {
    const frame = exc.frames.at(-1);
    return fail(
      say.exceptionLostTheRest(run.file, 'fetch_all_safely', exc, c.items.length - 1, frame),
      where(run, call, frame),
    );
  }
  const shownExpected = c.items.map((item) =>
    c.failing.includes(item) ? `LookupError("no such item: '${item}'")` : `'data:${item}'`,
  );
  const wanted = `[${shownExpected.join(', ')}]: one entry per item, each LookupError in its failing item's place`;
  const outcome = resultOf(run, c.id, wanted);
  if (isVerdict(outcome)) return outcome;
  const { result } = outcome;
  const got = listOf(result);
  const details = where(run, call);
  if (!got) return fail(say.wrongSafeResults('fetch_all_safely', wanted, result), { ...details, actual: result.repr });
  if (result.type !== 'list')
    return fail(
      say.notAList('fetch_all_safely', result, 'asyncio.gather already returns a list: return it as it is.'),
      { ...details, actual: result.repr },
    );
  const after = call.argsAfter?.[0]?.value;
  if (after !== undefined && !same(after, c.items))
    return fail(
      say.inputChanged(
        'fetch_all_safely',
        'items',
        show(c.items, 6),
        Array.isArray(after) ? show(after, 6) : asText(after),
      ),
      { ...details, actual: after },
    );
  const others = c.items.filter((item) => !c.failing.includes(item)).map((item) => `data:${item}`);
  if (c.failing.length && got.length === others.length && same(got, others)) {
    return fail(say.failedItemVanished('fetch_all_safely', c.failing, got.length, c.items.length), {
      ...details,
      actual: got,
    });
  }
  const expectedPlain = c.items.map((item): Json => (c.failing.includes(item) ? null : `data:${item}`));
  if (got.length !== c.items.length) {
    const plain = got.filter((g) => typeof g === 'string');
    if (earlier && got.length > c.items.length)
      return fail(say.leakedBetweenCalls('fetch_all_safely', got.length, c.items.length), { ...details, actual: got });
    if (got.length < c.items.length && new Set(c.items).size < c.items.length && plain.length === got.length) {
      return fail(
        say.duplicatesLost('fetch_all_safely', got.length, c.items.length, [
          ...new Set(c.items.filter((item, i) => c.items.indexOf(item) !== i)),
        ]),
        { ...details, actual: got },
      );
    }
    return fail(say.wrongSafeResults('fetch_all_safely', wanted, result), { ...details, actual: got });
  }
  for (const [i, item] of c.items.entries()) {
    const value = got[i];
    if (!c.failing.includes(item)) {
      if (same(value, expectedPlain[i] as Json)) continue;
      return fail(
        say.wrongSafeResults(
          'fetch_all_safely',
          wanted,
          result,
          'gather returns results in the order of its arguments: keep that order.',
        ),
        { ...details, actual: got },
      );
    }
    const object = encodedObject(value);
    if (object?.type === 'LookupError') {
      if (object.repr === `LookupError("no such item: '${item}'")`) continue;
      return fail(say.exceptionReplaced('fetch_all_safely', item, i, object.repr), { ...details, actual: got });
    }
    const shown: EncodedValue = object
      ? { ...object, kind: 'object' }
      : {
          type: typeof value,
          repr: value === null || value === undefined ? 'None' : JSON.stringify(value),
          kind: 'value',
          value: value ?? null,
        };
    return fail(say.exceptionNotInPlace('fetch_all_safely', item, i, shown), { ...details, actual: got });
  }
  return null;
}
