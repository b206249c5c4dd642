// Exercise 02-coroutines: a coroutine object is not its result, await waits, create_task starts work at once, nothing
// left behind.
import { check, defineExercise, fail, pass, probe } from '../../../grader/engine/define.js';
import type { CompletedCall, Observed } from '../../../grader/engine/observed.js';
import { spansToRows, type Evidence, type Verdict } from '../../../grader/engine/types.js';
import { firstPrint, tasksOf } from '../../../grader/evidence/in-process.js';
import { closed, peakConcurrency, ranOneAfterAnother, slowOutsideCalls } from '../../../grader/evidence/intervals.js';
import { blockingStall } from '../../../grader/evidence/stalls.js';
import * as say from '../../../grader/messages.js';
import type { Random } from '../../../grader/random.js';
import type { CallRecord, EncodedValue, Json, LearnerFrame, Span } from '../../../grader/run/observations.js';
import * as tell from './messages.js';

const DEADLINE = 5;
// A loop stalled this long on a learner line (the shortest kale wait of task 3) was blocked by that line, not by
// scheduling noise.
const BLOCKED_SECONDS = 0.1;
// A gap this long seen from outside the learner's process is a block whatever the process says (the longest wait
// is well under it).
const PROVEN_SECONDS = 0.25;

// One call of the function under test: its suffixes and the wait of each suffix's kale call.
interface Plan {
  id: string;
  suffixes: string[];
  delays: Record<string, number>;
}

// Distinct suffixes, such as "kalo-42": random per run, so nothing can be hard-coded.
function suffixesFor(rng: Random, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) seen.add(`${rng.word()}-${rng.int(10, 99)}`);
  return [...seen];
}

function unicode(rng: Random): string {
  return `${rng.pick(['zoë', 'ñandú', 'crème', 'smörgås', 'łódź', 'jalapeño'])}-${rng.int(10, 99)}`;
}

// Three or four suffixes where the first comes back again later and one is not ASCII: a dict or a set keyed by
// suffix loses a call or a greeting. `waits` (seconds, in order of first appearance) differ, so the calls finish
// in an order that is not the order of the list.
function withRepeat(rng: Random, waits: number[]): { suffixes: string[]; delays: Record<string, number> } {
  const [a = 'a', b = 'b'] = suffixesFor(rng, 2);
  const c = unicode(rng);
  const suffixes = waits.length > 2 ? [a, b, a, c] : [a, c, a];
  const distinct = [...new Set(suffixes)];
  return { suffixes, delays: Object.fromEntries(distinct.map((s, i) => [s, waits[i] ?? 0.02])) };
}

function greetings(suffixes: readonly string[]): string[] {
  return suffixes.map((s) => `hello ${s}`);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function planOf(fn: string, plans: Plan[]) {
  return {
    steps: [
      { op: 'import' as const },
      ...plans.map((p) => ({
        op: 'call' as const,
        id: p.id,
        function: fn,
        args: [p.suffixes],
        inLoop: true,
        twins: { kale: { factory: 'kale' } },
        waits: { kale: p.delays },
      })),
    ],
    expect: { plans },
    deadlineSeconds: DEADLINE,
  };
}

// Task 1: main(suffixes) prints; short waits, the first suffix's longest so the calls finish out of order; then a
// list with a repeated suffix (a second call shows state kept between calls), then an empty list.
const mainProbe = probe('main', (rng) => {
  const suffixes = suffixesFor(rng, rng.int(2, 4));
  const waits = rng
    .shuffle([2, 3, 4, 5])
    .slice(0, suffixes.length)
    .sort((a, b) => b - a);
  return planOf('main', [
    { id: 'main', suffixes, delays: Object.fromEntries(suffixes.map((s, i) => [s, (waits[i] ?? 2) / 100])) },
    { id: 'main-repeat', ...withRepeat(rng, [0.04, 0.02]) },
    { id: 'main-empty', suffixes: [], delays: {} },
  ]);
});

// Task 2: four calls of 0.10-0.14 s: one after another about 0.5 s, at once at most 0.14 s (over 3x apart); then a
// repeated suffix and an empty list.
const oneByOneProbe = probe('one-by-one', (rng) => {
  const suffixes = suffixesFor(rng, 4);
  return planOf('greet_one_by_one', [
    { id: 'one', suffixes, delays: Object.fromEntries(suffixes.map((s) => [s, rng.int(10, 14) / 100])) },
    { id: 'one-repeat', ...withRepeat(rng, [0.03, 0.02]) },
    { id: 'one-empty', suffixes: [], delays: {} },
  ]);
});

// Task 3: five or six distinct waits, 0.02 s apart in 0.10-0.22 s; the first suffix waits longest, so the order in
// which the calls finish is never the order of the suffixes (nor their sorted or reversed order). At once: the
// longest wait (at most 0.22 s); one after another: the sum (at least 3.3x the longest). Then a repeated suffix, a
// single one, and an empty list.
const atOnceProbe = probe('at-once', (rng) => {
  const suffixes = suffixesFor(rng, rng.int(5, 6));
  let delays: Record<string, number> = {};
  for (let attempt = 0; attempt < 20; attempt++) {
    const waits = rng
      .shuffle([10, 12, 14, 16, 18, 20, 22])
      .slice(0, suffixes.length)
      .sort((a, b) => b - a);
    const [longest = 22, ...rest] = waits;
    const order = [longest, ...rng.shuffle(rest)];
    delays = Object.fromEntries(suffixes.map((s, i) => [s, (order[i] ?? 10) / 100]));
    const finished = [...suffixes].sort((a, b) => (delays[a] ?? 0) - (delays[b] ?? 0));
    const sorted = [...suffixes].sort();
    const reversed = [...suffixes].reverse();
    if (finished.join() !== sorted.join() && finished.join() !== reversed.join()) break;
  }
  return planOf('greet_all_at_once', [
    { id: 'atonce', suffixes, delays },
    { id: 'atonce-repeat', ...withRepeat(rng, [0.06, 0.02, 0.04]) },
    { id: 'atonce-one', suffixes: suffixesFor(rng, 1), delays: {} },
    { id: 'atonce-empty', suffixes: [], delays: {} },
  ]);
});

// Task 4: first the host's call is short and every guest's long, so returning after the host leaves the guests
// pending; then the host's is the longest (the first greeting to finish is a guest's) and the host's suffix
// comes back as a guest; then a host with no guests.
const hostProbe = probe('host', (rng) => {
  const suffixes = suffixesFor(rng, rng.int(3, 4));
  const [h = 'h', g = 'g'] = suffixesFor(rng, 2);
  const u = unicode(rng);
  const lone = suffixesFor(rng, 1);
  return planOf('host_greeting', [
    {
      id: 'host',
      suffixes,
      delays: Object.fromEntries(suffixes.map((s, i) => [s, i === 0 ? 0.02 : rng.int(12, 16) / 100])),
    },
    { id: 'host-last', suffixes: [h, g, h, u], delays: { [h]: 0.12, [g]: 0.03, [u]: 0.05 } },
    { id: 'host-alone', suffixes: lone, delays: {} },
  ]);
});

// ---- reading the evidence ------------------------------------------------------------------------

// A kale twin's span, with the learner line that called kale(suffix).
type KaleSpan = Span & { made?: LearnerFrame | null };

function kaleSpans(call: CallRecord): KaleSpan[] {
  return (call.spans ?? []).filter((s) => s.helper === 'kale');
}

function finishedSpans(call: CallRecord): KaleSpan[] {
  return kaleSpans(call).filter((s) => s.end !== null && !s.raised);
}

function listItems(value: EncodedValue): Json[] | null {
  return value.kind === 'value' && Array.isArray(value.value) ? value.value : null;
}

function itemKind(item: Json): string | null {
  return item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item.kind === 'string'
    ? item.kind
    : null;
}

function sameList(items: readonly Json[], expected: readonly string[]): boolean {
  return items.length === expected.length && items.every((item, i) => item === expected[i]);
}

function sorted(items: readonly string[]): string[] {
  return [...items].sort();
}

function sameMembers(items: readonly Json[], expected: readonly string[]): boolean {
  return (
    items.length === expected.length &&
    items.every((i) => typeof i === 'string') &&
    sameList(sorted(items), sorted(expected))
  );
}

function timeline(call: CallRecord, extra: Evidence = {}): Evidence {
  const spans = kaleSpans(call);
  const seconds = call.seconds ?? 0;
  return {
    intervals: spansToRows(spans),
    peakConcurrency: peakConcurrency(closed(spans, seconds)),
    elapsedSeconds: seconds,
    ...extra,
  };
}

// Greetings in the order their kale calls finished.
function completionOrder(call: CallRecord): string[] {
  return finishedSpans(call)
    .sort((a, b) => (a.end ?? 0) - (b.end ?? 0))
    .map((s) => `hello ${s.label}`);
}

// An exception whose cause the evidence names, explained; null for any other (the generic message then applies).
function explainException(run: Observed, record: CallRecord, name: string, plan: Plan): Verdict | null {
  const exc = record.exception;
  if (!exc) return null;
  const frame = exc.frames.at(-1);
  const where = run.locateIn(record, frame);
  const nested = record.asyncioRuns?.find((r) => r.nested);
  if (nested) return fail(say.nestedAsyncioRun(run.file, nested.line), run.locateIn(record, nested.line));
  if (exc.type === 'InvalidStateError') return fail(tell.resultBeforeDone(run.file, name, exc), where);
  if (exc.type === 'ValueError' && /empty/i.test(exc.message) && /\bwait\(/.test(frame?.code ?? ''))
    return fail(tell.waitGivenNothing(run.file, name, exc, plan.suffixes), where);
  if (exc.type === 'TypeError' && /unhashable type: 'list'/.test(exc.message) && /gather\(/.test(frame?.code ?? ''))
    return fail(tell.gatherGivenAList(run.file, name, exc), where);
  return null;
}

// The call's record once it returned; an exception with a known cause is explained.
function completed(run: Observed, plan: Plan, name: string): CompletedCall | Verdict {
  const record = run.call(plan.id);
  return explainException(run, record, name, plan) ?? run.completed(plan.id);
}

function isVerdict(value: CompletedCall | Verdict): value is Verdict {
  return 'status' in value;
}

// Judges a returned list of greetings: type, items, order, repeats, and what an earlier call left in it.
function judgeGreetingList(
  run: Observed,
  call: CompletedCall,
  name: string,
  plan: Plan,
  earlier: Plan[],
  advice: { coroutine: string; task: string; order: string },
): Verdict | null {
  const expected = greetings(plan.suffixes);
  const result = call.result;
  const details = { expected, actual: result.repr, ...run.locateIn(call) };
  if (result.kind === 'coroutine') {
    const made = call.neverAwaited?.[0]?.origin;
    return fail(say.returnedCoroutine(name, advice.coroutine), { ...details, ...run.locateIn(call, made) });
  }
  const items = listItems(result);
  if (!items) return fail(tell.wrongGreetings(name, plan.suffixes, expected, result), details);
  const coroutines = items.filter((i) => itemKind(i) === 'coroutine').length;
  if (coroutines > 0)
    return fail(tell.listOfUnfinished(name, 'coroutine objects', coroutines, items.length, advice.coroutine), {
      ...details,
      ...run.locateIn(call, call.neverAwaited?.[0]?.origin),
    });
  const tasks = items.filter((i) => itemKind(i) === 'task').length;
  if (tasks > 0)
    return fail(tell.listOfUnfinished(name, 'Task objects', tasks, items.length, advice.task), {
      ...details,
      ...run.locateIn(call, tasksOf(call)[0]?.created),
    });
  if (sameList(items, expected)) return result.type === 'list' ? null : fail(tell.notAList(name, result), details);
  const stale = earlier.flatMap((p) => greetings(p.suffixes)).filter((g) => !expected.includes(g) && items.includes(g));
  if (stale.length > 0)
    return fail(tell.leakedFromEarlierCall(name, plan.suffixes, items.length, [...new Set(stale)]), details);
  const distinct = new Set(expected);
  if (
    distinct.size < expected.length &&
    items.length < expected.length &&
    items.every((i) => typeof i === 'string' && distinct.has(i)) &&
    new Set(items).size === distinct.size
  ) {
    return fail(tell.duplicatesDropped(name, plan.suffixes, items.length), details);
  }
  if (sameMembers(items, expected)) {
    const got = items as string[];
    const why = sameList(got, sorted(expected))
      ? tell.ORDER_SORTED
      : sameList(got, completionOrder(call))
        ? tell.ORDER_BY_COMPLETION
        : sameList(got, [...expected].reverse())
          ? tell.ORDER_REVERSED
          : '';
    return fail(tell.wrongOrder(name, expected, got, why, advice.order), details);
  }
  return fail(tell.wrongGreetings(name, plan.suffixes, expected, result), details);
}

// The caller's list must be as it was.
function judgeInput(run: Observed, call: CallRecord, name: string, plan: Plan): Verdict | null {
  const after = call.argsAfter?.[0];
  if (!after || (after.kind === 'value' && sameList(listItems(after) ?? [], plan.suffixes) && after.type === 'list'))
    return null;
  return fail(tell.changedInput(name, plan.suffixes, after), run.locateIn(call));
}

// kale must run to its end exactly once for each item of `suffixes`, repeats included.
function judgeKaleCalls(run: Observed, call: CallRecord, name: string, plan: Plan): Verdict | null {
  const done = finishedSpans(call);
  const counts = new Map<string, number>();
  for (const s of done) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  const wanted = new Map<string, number>();
  for (const s of plan.suffixes) wanted.set(s, (wanted.get(s) ?? 0) + 1);
  const missing = [...wanted.keys()].filter((s) => !counts.has(s));
  const evidence = { evidence: timeline(call) };
  if (missing.length > 0)
    return fail(tell.helperSkipped(name, 'kale', missing, plan.suffixes.length), {
      ...run.locateIn(call),
      ...evidence,
    });
  if (done.length > plan.suffixes.length) {
    const extra = done.find((s, i) => done.findIndex((t) => t.label === s.label) !== i);
    return fail(tell.extraCalls(name, 'kale', done.length, plan.suffixes), {
      ...run.locateIn(call, extra?.where ?? extra?.made),
      ...evidence,
    });
  }
  if ([...wanted].some(([s, n]) => (counts.get(s) ?? 0) < n))
    return fail(tell.sharedCalls(name, 'kale', done.length, plan.suffixes), {
      ...run.locateIn(call, done[0]?.made),
      ...evidence,
    });
  return null;
}

// Coroutines never awaited and tasks left running, cancelled or never awaited fail the check that owns the call.
// A helper call's end and the call's end reach the witness on two connections; this much apart is the same moment.
const OUTLIVED_SLACK = 0.02;

function leftBehind(run: Observed, call: CompletedCall, plan: Plan, evidence?: Evidence): Verdict | null {
  const extra = evidence ? { evidence } : {};
  const ledger = tasksOf(call);
  const cancelled = ledger.filter((t) => t.cancelledAt);
  if (cancelled.length > 0)
    return fail(tell.tasksCancelled(run.file, call.function, cancelled), {
      ...run.locateIn(call, cancelled[0]?.cancelledAt),
      ...extra,
    });
  const pending = call.pendingTasks ?? [];
  if (pending.length > 0)
    return fail(tell.tasksLeftRunning(run.file, call.function, pending), {
      ...run.locateIn(call, pending[0]?.origin),
      ...extra,
    });
  // From outside the process: a helper call the witness saw end after the call returned, or never, was left running
  // (whatever the process says of its tasks).
  const outlived = kaleSpans(call).filter((s) => s.end === null || s.end > call.seconds + OUTLIVED_SLACK);
  if (outlived.length > 0)
    return fail(tell.callsOutlivedReturn(call.function, outlived), { ...run.locateIn(call), ...extra });
  const never = call.neverAwaited ?? [];
  if (never.length > 0)
    return fail(tell.coroutinesNeverAwaited(run.file, call.function, never), {
      ...run.locateIn(call, never[0]?.origin),
      ...extra,
    });
  const unawaited = ledger.filter((t) => !t.awaited && t.state !== 'pending');
  if (unawaited.length > 0) {
    const repeats = plan.suffixes.length - new Set(plan.suffixes).size;
    if (repeats > 0 && unawaited.length === repeats && unawaited.every((t) => t.name === 'kale')) {
      return fail(tell.taskPerDistinctSuffix(run.file, call.function, unawaited, plan.suffixes), {
        ...run.locateIn(call, unawaited[0]?.created),
        ...extra,
      });
    }
    const lastEnd = Math.max(0, ...kaleSpans(call).map((s) => s.end ?? 0));
    return fail(tell.tasksNotAwaited(run.file, call.function, unawaited, call.awaitSeconds ?? call.seconds, lastEnd), {
      ...run.locateIn(call, unawaited[0]?.created),
      ...extra,
    });
  }
  return null;
}

// ---- the judges ------------------------------------------------------------------------------------

function judgeMainCall(run: Observed, plan: Plan): Verdict | null {
  const got = completed(run, plan, 'main');
  if (isVerdict(got)) return got;
  const call = got;
  const lines = (call.stdout?.text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const printedAt = run.locateIn(call, firstPrint(call.stdout));
  const coroutine = lines.find((l) => l.includes('<coroutine object'));
  if (coroutine) {
    const origin = call.neverAwaited?.[0]?.origin ?? null;
    return fail(
      tell.printedUnfinished(
        run.file,
        'main',
        'a coroutine object',
        coroutine,
        origin,
        'Await it to get its greeting: `greeting = await kale(suffix)`, then print that.',
      ),
      run.locateIn(call, origin ?? firstPrint(call.stdout)),
    );
  }
  const task = lines.find((l) => /<Task\b/.test(l));
  if (task) {
    const origin = call.pendingTasks?.[0]?.origin ?? tasksOf(call)[0]?.created ?? null;
    // A task's repr names the file by its absolute path: keep only what the learner needs to recognise it.
    const shown = task.replace(/ running at [^>]*/g, '');
    return fail(
      tell.printedUnfinished(
        run.file,
        'main',
        'an asyncio Task',
        shown,
        origin,
        'A task is a handle on work in progress: await it (`greeting = await task`) and print what the await gives back.',
      ),
      run.locateIn(call, origin ?? firstPrint(call.stdout)),
    );
  }
  const expected = greetings(plan.suffixes);
  if (!sameList(lines, expected)) {
    const why =
      lines.length > 1 && sameMembers(lines, expected) && sameList(lines, completionOrder(call))
        ? tell.PRINTED_IN_COMPLETION_ORDER
        : lines.length === 1 && lines[0]?.startsWith('[') && expected.length > 1
          ? tell.PRINTED_A_LIST
          : '';
    return fail(tell.printedWrong('main', plan.suffixes, expected, lines, why), {
      expected,
      actual: lines,
      ...printedAt,
    });
  }
  return judgeKaleCalls(run, call, 'main', plan) ?? leftBehind(run, call, plan);
}

function judgeOneByOneCall(run: Observed, plan: Plan, earlier: Plan[]): Verdict | null {
  const got = completed(run, plan, 'greet_one_by_one');
  if (isVerdict(got)) return got;
  const call = got;
  const wrong = judgeGreetingList(run, call, 'greet_one_by_one', plan, earlier, {
    coroutine:
      'Calling kale(suffix) only makes a coroutine; `await kale(suffix)` runs it and gives its greeting. Append what the await gives back.',
    task: 'Await each call and keep what the await gives back: `greetings.append(await kale(suffix))`.',
    order: 'Await the calls in the order of `suffixes` and append each greeting as you get it.',
  });
  if (wrong) return wrong;
  const spans = kaleSpans(call);
  const evidence = timeline(call, { sequentialSeconds: sum(plan.suffixes.map((s) => plan.delays[s] ?? 0)) });
  const peak = evidence.peakConcurrency ?? 0;
  if (spans.length > 1 && (peak > 1 || !ranOneAfterAnother(closed(spans, call.seconds)))) {
    const where = tasksOf(call)[0]?.created ?? spans[0]?.made;
    return fail(
      tell.ranTogether(
        spans,
        'kale',
        peak,
        'In this task each call must finish before the next one starts: use `await kale(suffix)` inside the loop, with no tasks and no gather. Running them at once is task 3.',
      ),
      { ...run.locateIn(call, where), evidence },
    );
  }
  return (
    judgeKaleCalls(run, call, 'greet_one_by_one', plan) ??
    judgeInput(run, call, 'greet_one_by_one', plan) ??
    leftBehind(run, call, plan, evidence)
  );
}

function judgeAtOnceCall(run: Observed, plan: Plan, earlier: Plan[]): Verdict | null {
  const got = completed(run, plan, 'greet_all_at_once');
  if (isVerdict(got)) return got;
  const call = got;
  const wrong = judgeGreetingList(run, call, 'greet_all_at_once', plan, earlier, {
    coroutine:
      'Wrap each call in a task, `asyncio.create_task(kale(suffix))`, then `await` every task to get its greeting.',
    task: 'A task is a handle on a call in progress, not its greeting: `await task` gives the greeting.',
    order:
      "Keep the tasks in a list in the order of `suffixes`, and await them in that list's order: a task that already finished just hands over its greeting.",
  });
  return (
    wrong ??
    judgeKaleCalls(run, call, 'greet_all_at_once', plan) ??
    judgeInput(run, call, 'greet_all_at_once', plan) ??
    leftBehind(run, call, plan)
  );
}

function judgeOverlap(run: Observed, plan: Plan): Verdict {
  const record = run.call(plan.id);
  const n = plan.suffixes.length;
  const waits = plan.suffixes.map((s) => plan.delays[s] ?? 0);
  const concurrent = Math.max(...waits);
  const sequential = sum(waits);
  const cutoff = Math.sqrt(concurrent * sequential);
  const beat = record.heartbeat;
  const evidence = timeline(record, {
    cutoffSeconds: cutoff,
    sequentialSeconds: sequential,
    heartbeatMaxGapSeconds: beat?.maxGap ?? 0,
  });
  // A stall counts when the loop's thread was on one of the learner's lines: a busy machine stalls it elsewhere.
  const stall = blockingStall(beat, BLOCKED_SECONDS, PROVEN_SECONDS);
  if (beat && stall) {
    return fail(
      say.blockedLoop(
        run.file,
        stall.duration,
        stall.where,
        'While the loop is blocked your tasks cannot run either. To wait for them, `await` them; time.sleep stops everything.',
      ),
      {
        ...run.locateIn(record, stall.where),
        evidence: { ...evidence, stallSeconds: stall.duration },
      },
    );
  }
  const got = completed(run, plan, 'greet_all_at_once');
  if (isVerdict(got)) return got;
  const call = got;
  const spans = kaleSpans(call);
  const peak = evidence.peakConcurrency ?? 0;
  if (spans.length === 0)
    return fail(tell.helperSkipped('greet_all_at_once', 'kale', plan.suffixes, n), { ...run.locateIn(call), evidence });
  if (peak < n) {
    if (peak <= 1 && ranOneAfterAnother(closed(spans, call.seconds))) {
      const direct = spans.find((s) => s.where);
      if (direct) {
        return fail(
          tell.coroutinesAwaitedInTurn(
            run.file,
            spans,
            direct.made ?? null,
            direct.where ?? null,
            call.seconds,
            concurrent,
          ),
          { ...run.locateIn(call, direct.where), evidence },
        );
      }
      const created = tasksOf(call).find((t) => t.name === 'kale')?.created ?? null;
      return fail(tell.tasksAwaitedInTurn(run.file, spans, created, call.seconds, concurrent), {
        ...run.locateIn(call, created),
        evidence,
      });
    }
    const created = tasksOf(call)[0]?.created ?? spans[0]?.made;
    return fail(
      tell.notAllTogether(
        spans,
        'kale',
        peak,
        n,
        'Create every task before you await any of them, and wait for no other call in between.',
      ),
      { ...run.locateIn(call, created), evidence },
    );
  }
  if (call.seconds > cutoff && slowOutsideCalls(call.seconds, closed(spans, call.seconds), concurrent, sequential)) {
    return fail(
      say.tooSlow(
        'greet_all_at_once',
        call.seconds,
        cutoff,
        sequential,
        'All the calls overlapped, but something else made it slow: wait only by awaiting the tasks.',
      ),
      { ...run.locateIn(call), evidence },
    );
  }
  // Every call must have started; whether each ran to its end and gave its greeting is the order check's to judge.
  const missing = plan.suffixes.filter((s) => !spans.some((span) => span.label === s));
  if (missing.length > 0)
    return fail(tell.helperSkipped('greet_all_at_once', 'kale', missing, n), { ...run.locateIn(call), evidence });
  return pass(evidence);
}

function judgeHostCall(run: Observed, plan: Plan): Verdict | null {
  const got = completed(run, plan, 'host_greeting');
  if (isVerdict(got)) return got;
  const call = got;
  const evidence = timeline(call);
  const left = leftBehind(run, call, plan, evidence);
  if (left) return left;
  const host = `hello ${plan.suffixes[0] ?? ''}`;
  const result = call.result;
  if (result.kind === 'coroutine')
    return fail(
      say.returnedCoroutine('host_greeting', "Return the host's greeting: what `await` gives back, not the coroutine."),
      { ...run.locateIn(call), evidence },
    );
  if (result.kind === 'task')
    return fail(
      say.wrongValue(
        'host_greeting',
        `the host's greeting ('${host}' this time)`,
        result,
        'Await the task and return what the await gives back.',
      ),
      { ...run.locateIn(call), evidence },
    );
  if (!(result.kind === 'value' && result.value === host)) {
    return fail(tell.notTheHost('host_greeting', plan.suffixes, host, result, completionOrder(call)), {
      expected: host,
      actual: result.repr,
      ...run.locateIn(call),
      evidence,
    });
  }
  return (
    judgeKaleCalls(run, call, 'host_greeting', plan) ??
    judgeInput(run, call, 'host_greeting', plan) ??
    judgeGuestsTogether(run, call, plan, evidence)
  );
}

// "Greet every suffix at once": with three guests or more, the guests' waits (each longer than the host's) overlap.
function judgeGuestsTogether(run: Observed, call: CompletedCall, plan: Plan, evidence: Evidence): Verdict | null {
  const host = plan.suffixes[0];
  const guests = kaleSpans(call).filter((s) => s.label !== host);
  if (plan.suffixes.length < 3 || new Set(guests.map((s) => s.label)).size < 2) return null;
  if (peakConcurrency(closed(guests, call.seconds)) > 1) return null;
  const where = guests.find((s) => s.where)?.where ?? null;
  return fail(tell.guestsInTurn(guests, where, run.file), { ...run.locateIn(call, where), evidence });
}

// Runs `judge` over the probe's calls in order and returns the first failure.
function firstFailure(plans: Plan[], judge: (plan: Plan, earlier: Plan[]) => Verdict | null): Verdict | null {
  for (const [i, plan] of plans.entries()) {
    const verdict = judge(plan, plans.slice(0, i));
    if (verdict) return verdict;
  }
  return null;
}

export default defineExercise({
  checks: {
    'main-prints-greetings': check(
      mainProbe,
      (run, { plans }) => firstFailure(plans, (plan) => judgeMainCall(run, plan)) ?? pass(),
    ),

    'one-by-one': check(oneByOneProbe, (run, { plans }) => {
      const verdict = firstFailure(plans, (plan, earlier) => judgeOneByOneCall(run, plan, earlier));
      if (verdict) return verdict;
      const first = plans[0];
      return pass(first ? timeline(run.call(first.id)) : undefined);
    }),

    'at-once-in-order': check(
      atOnceProbe,
      (run, { plans }) => firstFailure(plans, (plan, earlier) => judgeAtOnceCall(run, plan, earlier)) ?? pass(),
    ),

    'at-once-overlaps': check(atOnceProbe, (run, { plans }) => {
      const first = plans[0];
      return first ? judgeOverlap(run, first) : pass();
    }),

    'leaves-nothing-behind': check(
      hostProbe,
      (run, { plans }) => firstFailure(plans, (plan) => judgeHostCall(run, plan)) ?? pass(),
    ),
  },
});
