// Exercise 02-coroutines: a coroutine object is not its result, await waits, create_task starts work at once, nothing left behind.
import { check, defineExercise, fail, pass, probe } from '../../../grader/engine/define.js';
import type { CompletedCall, Observed } from '../../../grader/engine/observed.js';
import { spansToRows, type Evidence, type Verdict } from '../../../grader/engine/types.js';
import { closed, formatSeconds, peakConcurrency, ranOneAfterAnother, slowOutsideCalls } from '../../../grader/evidence/intervals.js';
import * as say from '../../../grader/messages.js';
import type { Random } from '../../../grader/random.js';
import type { EncodedValue, Json, Span } from '../../../grader/run/observations.js';

const DEADLINE = 5;
// A loop stalled this long on a learner line (the shortest kale wait of task 3) was blocked by that line, not by scheduling noise.
const BLOCKED_SECONDS = 0.1;

interface Plan {
  suffixes: string[];
  delays: Record<string, number>;
}

// Distinct suffixes, such as "kalo-42": random per run, so nothing can be hard-coded.
function suffixesFor(rng: Random, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) seen.add(`${rng.word()}-${rng.int(10, 99)}`);
  return [...seen];
}

function kaleTwin(delays: Record<string, number>) {
  return { kale: { factory: 'kale', config: { delays } } };
}

function greetings(suffixes: string[]): string[] {
  return suffixes.map((s) => `hello ${s}`);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

// Task 1: main(suffixes) prints; short waits, since only the printed lines are judged.
const mainProbe = probe('main', (rng) => {
  const suffixes = suffixesFor(rng, rng.int(2, 4));
  const delays = Object.fromEntries(suffixes.map((s) => [s, rng.int(2, 6) / 100]));
  return planOf('main', 'main', { suffixes, delays });
});

// Task 2: four calls of 0.10-0.14 s: one after another about 0.5 s, at once at most 0.14 s (over 3x apart).
const oneByOneProbe = probe('one-by-one', (rng) => {
  const suffixes = suffixesFor(rng, 4);
  const delays = Object.fromEntries(suffixes.map((s) => [s, rng.int(10, 14) / 100]));
  return planOf('one', 'greet_one_by_one', { suffixes, delays });
});

// Task 3: five or six distinct waits, 0.02 s apart in 0.10-0.22 s; the first suffix waits longest, so
// the order in which the calls finish is never the order of the suffixes. At once: the longest wait
// (at most 0.22 s); one after another: the sum (at least 3.3x the longest).
const atOnceProbe = probe('at-once', (rng) => {
  const suffixes = suffixesFor(rng, rng.int(5, 6));
  const waits = rng.shuffle([10, 12, 14, 16, 18, 20, 22]).slice(0, suffixes.length).sort((a, b) => b - a);
  const [longest = 22, ...rest] = waits;
  const order = [longest, ...rng.shuffle(rest)];
  const delays = Object.fromEntries(suffixes.map((s, i) => [s, (order[i] ?? 10) / 100]));
  return planOf('atonce', 'greet_all_at_once', { suffixes, delays });
});

// Task 4: the host's call is short and every guest's is long, so returning after the host alone leaves the guests pending.
const hostProbe = probe('host', (rng) => {
  const suffixes = suffixesFor(rng, rng.int(3, 4));
  const delays = Object.fromEntries(suffixes.map((s, i) => [s, i === 0 ? 0.02 : rng.int(12, 16) / 100]));
  return planOf('host', 'host_greeting', { suffixes, delays });
});

function planOf(id: string, fn: string, plan: Plan) {
  return {
    steps: [{ op: 'import' as const }, { op: 'call' as const, id, function: fn, args: [plan.suffixes], inLoop: true, twins: kaleTwin(plan.delays) }],
    expect: plan,
    waits: { kale: plan.delays },
    deadlineSeconds: DEADLINE,
  };
}

function kaleSpans(call: CompletedCall): Span[] {
  return (call.spans ?? []).filter((s) => s.helper === 'kale');
}

// The items of a returned list, or null when the value is not a list.
function listItems(value: EncodedValue): Json[] | null {
  return value.kind === 'value' && Array.isArray(value.value) ? value.value : null;
}

function itemKind(item: Json): string | null {
  return item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item.kind === 'string' ? item.kind : null;
}

function sameList(items: Json[], expected: string[]): boolean {
  return items.length === expected.length && items.every((item, i) => item === expected[i]);
}

function sameMembers(items: Json[], expected: string[]): boolean {
  if (items.length !== expected.length || !items.every((i) => typeof i === 'string')) return false;
  return JSON.stringify([...(items as string[])].sort()) === JSON.stringify([...expected].sort());
}

// Judges a function that must return the greetings of `suffixes` in order; null when it did.
function judgeGreetingList(call: CompletedCall, name: string, suffixes: string[], advice: { coroutine: string; task: string; order: string }): Verdict | null {
  const expected = greetings(suffixes);
  const result = call.result;
  if (result.kind === 'coroutine') return fail(say.returnedCoroutine(name, advice.coroutine));
  const items = listItems(result);
  if (items) {
    const coroutines = items.filter((i) => itemKind(i) === 'coroutine').length;
    if (coroutines > 0) return fail(say.listOfUnfinished(name, 'coroutine objects', coroutines, items.length, advice.coroutine), { expected, actual: result.repr });
    const tasks = items.filter((i) => itemKind(i) === 'task').length;
    if (tasks > 0) return fail(say.listOfUnfinished(name, 'Task objects', tasks, items.length, advice.task), { expected, actual: result.repr });
    if (sameList(items, expected)) return null;
    if (sameMembers(items, expected)) {
      const finished = [...kaleSpans(call)].filter((s) => s.end !== null).sort((a, b) => (a.end ?? 0) - (b.end ?? 0)).map((s) => `hello ${s.label}`);
      const byCompletion = sameList(items, finished);
      return fail(say.wrongOrder(name, expected, items as string[], byCompletion, advice.order), { expected, actual: items });
    }
  }
  const shown = expected.slice(0, 2).map((g) => `'${g}'`).join(', ');
  return fail(say.wrongValue(name, `a list of ${expected.length} greetings, one for each suffix in order ([${shown}, ...] this time)`, result, 'The grader picks new suffixes on every run.'), {
    expected,
    actual: result.repr,
  });
}

// Coroutines never awaited and tasks left running fail the check that owns the call, naming the learner's line.
function leftBehind(run: Observed, call: CompletedCall, evidence?: Evidence): Verdict | null {
  const extra = evidence ? { evidence } : {};
  const pending = call.pendingTasks ?? [];
  if (pending.length > 0) return fail(say.tasksLeftRunning(run.file, call.function, pending), { ...run.locate(pending[0]?.origin), ...extra });
  const never = call.neverAwaited ?? [];
  if (never.length > 0) return fail(say.coroutinesNeverAwaited(run.file, call.function, never), { ...run.locate(never[0]?.origin), ...extra });
  return null;
}

// Every suffix's kale call ran to its end (a learner who builds greetings by hand never calls kale).
function unfinishedCalls(call: CompletedCall, suffixes: string[]): string[] {
  const done = new Set(kaleSpans(call).filter((s) => s.end !== null && !s.raised).map((s) => s.label));
  return suffixes.filter((s) => !done.has(s));
}

function timeline(call: CompletedCall, extra: Evidence = {}): Evidence {
  const spans = kaleSpans(call);
  return { intervals: spansToRows(spans), peakConcurrency: peakConcurrency(closed(spans, call.seconds)), elapsedSeconds: call.seconds, ...extra };
}

export default defineExercise({
  checks: {
    'main-prints-greetings': check(mainProbe, (run, { suffixes }) => {
      const call = run.completed('main');
      const lines = (call.stdout?.text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
      const never = call.neverAwaited ?? [];
      const coroutine = lines.find((l) => l.includes('<coroutine object'));
      if (coroutine) {
        const origin = never[0]?.origin ?? null;
        return fail(say.printedUnfinished(run.file, 'main', 'a coroutine object', coroutine, origin, 'Await it to get its greeting: `greeting = await kale(suffix)`, then print that.'), run.locate(origin));
      }
      const task = lines.find((l) => /<Task\b/.test(l));
      if (task) {
        const origin = call.pendingTasks?.[0]?.origin ?? null;
        // A task's repr names the file by its absolute path: keep only what the learner needs to recognise it.
        const shown = task.replace(/ running at [^>]*/g, '');
        return fail(say.printedUnfinished(run.file, 'main', 'an asyncio Task', shown, origin, 'A task is a handle on work in progress: await it (`greeting = await task`) and print what the await gives back.'), run.locate(origin));
      }
      const expected = greetings(suffixes);
      if (lines.length !== expected.length || lines.some((l, i) => l !== expected[i])) {
        return fail(say.printedWrong('main', expected, lines), { expected, actual: lines });
      }
      return leftBehind(run, call) ?? pass();
    }),

    'one-by-one': check(oneByOneProbe, (run, { suffixes, delays }) => {
      const call = run.completed('one');
      const wrong = judgeGreetingList(call, 'greet_one_by_one', suffixes, {
        coroutine: 'Calling kale(suffix) only makes a coroutine; `await kale(suffix)` runs it and gives its greeting. Append what the await gives back.',
        task: 'Await each call and keep what the await gives back: `greetings.append(await kale(suffix))`.',
        order: 'Await the calls in the order of `suffixes` and append each greeting as you get it.',
      });
      if (wrong) return wrong;
      const sequential = sum(Object.values(delays));
      const evidence = timeline(call, { sequentialSeconds: sequential });
      const spans = kaleSpans(call);
      const peak = evidence.peakConcurrency ?? 0;
      if (peak > 1 || !ranOneAfterAnother(closed(spans, call.seconds))) {
        return fail(
          say.ranTogether(spans, 'kale', peak, 'In this task each call must finish before the next one starts: use `await kale(suffix)` inside the loop, with no tasks and no gather. Running them at once is task 3.'),
          { evidence },
        );
      }
      const missing = unfinishedCalls(call, suffixes);
      if (missing.length > 0) return fail(say.helperSkipped('greet_one_by_one', 'kale', missing, suffixes.length), { evidence });
      return leftBehind(run, call, evidence) ?? pass(evidence);
    }),

    'at-once-in-order': check(atOnceProbe, (run, { suffixes }) => {
      const call = run.completed('atonce');
      const wrong = judgeGreetingList(call, 'greet_all_at_once', suffixes, {
        coroutine: 'Wrap each call in a task, `asyncio.create_task(kale(suffix))`, then `await` every task to get its greeting.',
        task: 'A task is a handle on a call in progress, not its greeting: `await task` gives the greeting.',
        order: 'Keep the tasks in a list in the order of `suffixes`, and await them in that list\'s order: a task that already finished just hands over its greeting.',
      });
      return wrong ?? leftBehind(run, call) ?? pass();
    }),

    'at-once-overlaps': check(atOnceProbe, (run, { suffixes, delays }) => {
      const call = run.completed('atonce');
      const waits = Object.values(delays);
      const concurrent = Math.max(...waits);
      const sequential = sum(waits);
      const cutoff = Math.sqrt(concurrent * sequential);
      const beat = call.heartbeat;
      const evidence = timeline(call, { cutoffSeconds: cutoff, sequentialSeconds: sequential, heartbeatMaxGapSeconds: beat?.maxGap ?? 0 });
      const spans = kaleSpans(call);
      const n = suffixes.length;
      const peak = evidence.peakConcurrency ?? 0;
      // A stall counts when the loop's thread was on one of the learner's lines: a busy machine stalls it elsewhere.
      const stall = beat?.stalls.find((s) => s.where !== null && s.duration >= BLOCKED_SECONDS);
      if (beat && stall) {
        return fail(
          say.blockedLoop(run.file, stall.duration, stall.where, 'While the loop is blocked your tasks cannot run either. To wait for them, `await` them; time.sleep stops everything.'),
          { ...run.locate(stall.where), evidence: { ...evidence, stallSeconds: stall.duration } },
        );
      }
      if (spans.length === 0) return fail(say.helperSkipped('greet_all_at_once', 'kale', suffixes, n), { evidence });
      if (peak < n) {
        if (peak <= 1 && ranOneAfterAnother(closed(spans, call.seconds))) {
          return fail(
            say.ranSequentially(
              spans,
              'kale',
              `Each call started only when the one before had finished, so greet_all_at_once took ${formatSeconds(call.seconds)}; with every call running at once it takes about ${formatSeconds(concurrent)}. This happens when each task is awaited right after it is created: create all the tasks first (one loop), then await them (a second loop).`,
            ),
            { evidence },
          );
        }
        return fail(say.notAllTogether(spans, 'kale', peak, n, 'Create every task before you await any of them.'), { evidence });
      }
      if (call.seconds > cutoff && slowOutsideCalls(call.seconds, closed(spans, call.seconds), concurrent, sequential)) {
        return fail(say.tooSlow('greet_all_at_once', call.seconds, cutoff, sequential, 'All the calls overlapped, but something else made it slow: wait only by awaiting the tasks.'), { evidence });
      }
      const missing = unfinishedCalls(call, suffixes);
      if (missing.length > 0) return fail(say.helperSkipped('greet_all_at_once', 'kale', missing, n), { evidence });
      return pass(evidence);
    }),

    'leaves-nothing-behind': check(hostProbe, (run, { suffixes }) => {
      const call = run.completed('host');
      const evidence = timeline(call);
      const left = leftBehind(run, call, evidence);
      if (left) return left;
      const host = suffixes[0] ?? '';
      const result = call.result;
      if (result.kind === 'coroutine') return fail(say.returnedCoroutine('host_greeting', 'Return the host\'s greeting: what `await` gives back, not the coroutine.'));
      if (result.kind === 'task') return fail(say.wrongValue('host_greeting', `the host's greeting ('hello ${host}' this time)`, result, 'Await the task and return what the await gives back.'));
      if (!(result.kind === 'value' && result.value === `hello ${host}`)) {
        return fail(say.wrongValue('host_greeting', `the host's greeting, kale(suffixes[0]) ('hello ${host}' this time)`, result), { expected: `hello ${host}`, actual: result.repr });
      }
      const missing = unfinishedCalls(call, suffixes);
      if (missing.length > 0) return fail(say.helperSkipped('host_greeting', 'kale', missing, suffixes.length), { evidence });
      return pass(evidence);
    }),
  },
});
