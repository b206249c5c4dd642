// Exercise 04-threads: blocking code in worker threads with asyncio.to_thread, fetching pages from a real local server.
import { check, defineExercise, fail, pass, probe } from '../../../grader/engine/define.js';
import type { Observed } from '../../../grader/engine/observed.js';
import { spansToRows, type Evidence, type Verdict } from '../../../grader/engine/types.js';
import { closed, peakConcurrency, ranOneAfterAnother } from '../../../grader/evidence/intervals.js';
import * as say from '../../../grader/messages.js';
import type { Random } from '../../../grader/random.js';
import type { CallRecord, EncodedValue, Json, Span } from '../../../grader/run/observations.js';
import type { WitnessScope } from '../../../grader/witness/types.js';
import { startPageServer, type PageServer } from './server.js';

const DEADLINE = 6;
// Thread work takes 0.2 s or more, so a heartbeat gap of half that is a blocked loop, far above scheduling noise.
const BLOCKED_SECONDS = 0.1;
// Both fetchers (fetch_url, and the twin of fetch_url_async) record their blocking part under this name.
const FETCH = 'fetch_url';
const TWINS = { fetch_url: { factory: 'fetch_url' }, fetch_url_async: { factory: 'fetch_url_async' } };

interface Page {
  name: string;
  url: string;
  body: string;
  delay: number;
}

// Distinct page names, so every span's label says which page it fetched.
function pages(rng: Random, server: PageServer, delays: number[], scope: WitnessScope): Page[] {
  const seen = new Set<string>();
  return delays.map((delay) => {
    let name = `${rng.word()}-${rng.int(10, 99)}`;
    while (seen.has(name)) name = `${rng.word()}-${rng.int(10, 99)}`;
    seen.add(name);
    return { name, url: server.url(name, delay, scope), body: server.body(name), delay };
  });
}

// A thread-work delay: one unit (0.2 s) to one and a half.
function unit(rng: Random): number {
  return rng.int(20, 30) / 100;
}

// Task 1: fetch_url(url) from plain code, against the real server.
const syncProbe = probe('sync', (rng, server: PageServer, scope) => {
  const [page] = pages(rng, server, [rng.int(0, 5) / 100], scope) as [Page];
  return {
    steps: [{ op: 'import' }, { op: 'call', id: 'fetch', function: 'fetch_url', args: [page.url] }],
    expect: { page },
    deadlineSeconds: DEADLINE,
  };
});

// Task 2: fetch_url_async(url) awaited inside the loop with the heartbeat watching; fetch_url is the instrumented twin.
const asyncProbe = probe('async', (rng, server: PageServer, scope) => {
  const [page] = pages(rng, server, [unit(rng)], scope) as [Page];
  return {
    steps: [{ op: 'import' }, { op: 'call', id: 'fetch', function: 'fetch_url_async', args: [page.url], inLoop: true, twins: { fetch_url: TWINS.fetch_url }, warmThreads: 1 }],
    expect: { page },
    deadlineSeconds: DEADLINE,
  };
});

// Task 3: fetch_all over five pages whose delays differ, so the responses arrive in another order than asked.
const allProbe = probe('all', (rng, server: PageServer, scope) => {
  const choices = [0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.32];
  let delays = rng.shuffle(choices).slice(0, 5);
  // Sorted ascending, completion order would equal input order and an unordered answer would slip through.
  while (delays.every((d, i) => i === 0 || (delays[i - 1] as number) < d)) delays = rng.shuffle(delays);
  const list = pages(rng, server, delays, scope);
  const sequential = delays.reduce((a, b) => a + b, 0);
  const slowest = Math.max(...delays);
  return {
    steps: [{ op: 'import' }, { op: 'call', id: 'all', function: 'fetch_all', args: [list.map((p) => p.url)], inLoop: true, twins: TWINS, warmThreads: list.length }],
    // The geometric middle between the concurrent time (the slowest response) and the sequential one (the sum).
    expect: { pages: list, sequential, slowest, cutoff: Math.sqrt(sequential * slowest) },
    deadlineSeconds: DEADLINE,
    threads: 8,
  };
});

// Task 4: the blog post's main(url).
const mainProbe = probe('main', (rng, server: PageServer, scope) => {
  const [page] = pages(rng, server, [unit(rng)], scope) as [Page];
  return {
    steps: [{ op: 'import' }, { op: 'call', id: 'main', function: 'main', args: [page.url], inLoop: true, twins: TWINS, warmThreads: 1 }],
    expect: { page },
    deadlineSeconds: DEADLINE,
  };
});

// Task 5: fetch_pair(first_url, second_url).
const pairProbe = probe('pair', (rng, server: PageServer, scope) => {
  const first = unit(rng);
  let second = unit(rng);
  while (second === first) second = unit(rng);
  const list = pages(rng, server, [first, second], scope);
  return {
    steps: [{ op: 'import' }, { op: 'call', id: 'pair', function: 'fetch_pair', args: list.map((p) => p.url), inLoop: true, twins: TWINS, warmThreads: 2 }],
    expect: { pages: list },
    deadlineSeconds: DEADLINE,
  };
});

// ---- judging helpers ----------------------------------------------------------------

function sameValue(actual: EncodedValue | undefined, expected: Json): boolean {
  return actual?.kind === 'value' && JSON.stringify(actual.value) === JSON.stringify(expected);
}

function fetches(call: CallRecord): Span[] {
  return (call.spans ?? []).filter((s) => s.helper === FETCH);
}

function threadEvidence(call: CallRecord, extra: Evidence = {}): Evidence {
  const spans = fetches(call);
  return {
    intervals: spansToRows(spans),
    // A fetch still running when the call returned counts as running on and on.
    peakConcurrency: peakConcurrency(closed(spans, Number.POSITIVE_INFINITY)),
    ...(call.seconds !== undefined ? { elapsedSeconds: call.seconds } : {}),
    heartbeatMaxGapSeconds: call.heartbeat?.maxGap ?? 0,
    ...extra,
  };
}

// A blocked loop, named by the line it was stuck on and the thread each fetch ran on. Proven by a fetch that ran on
// the loop's own thread, or by a long stall while the loop's thread was on a learner line; a stall elsewhere (the
// machine was busy and the loop's thread did not get the CPU) is not the learner's doing.
function blockedLoop(run: Observed, call: CallRecord, advice: string, extra: Evidence = {}): Verdict | null {
  const beat = call.heartbeat;
  const onLoop = fetches(call).filter((s) => s.mainThread);
  const stall = beat?.stalls.find((s) => s.where !== null && s.duration >= BLOCKED_SECONDS);
  if (!onLoop.length && !stall) return null;
  const longestOnLoop = Math.max(0, ...onLoop.map((s) => (s.end ?? s.start) - s.start));
  const gap = Math.max(beat?.maxGap ?? 0, longestOnLoop);
  const where = stall?.where ?? beat?.stalls.find((s) => s.where !== null)?.where ?? null;
  const inThreads = fetches(call).filter((s) => !s.mainThread);
  const why = onLoop.length ? `${say.ranOnLoopThread(onLoop)} ` : inThreads.length ? `${say.waitedForThreads(inThreads)} ` : '';
  return fail(say.blockedLoop(run.file, gap, where, `${why}${advice}`), {
    ...run.locate(where),
    evidence: threadEvidence(call, { ...extra, stallSeconds: stall?.duration ?? gap }),
  });
}

// The classic to_thread bugs, recognised from what was seen rather than from the learner's text.
function toThreadBug(run: Observed, call: CallRecord): Verdict | null {
  const onLoop = fetches(call).filter((s) => s.mainThread);
  const exc = call.exception;
  const notCallable = exc?.type === 'TypeError' && /object is not callable/.test(exc.message);
  if (onLoop.length && notCallable) {
    // fetch_url(url) ran on the loop's thread, and to_thread then tried to call the string it returned.
    const where = call.heartbeat?.stalls.find((s) => s.where !== null)?.where ?? exc?.frames.at(-1) ?? null;
    return fail(say.calledBeforeToThread(run.file, where, onLoop), { ...run.locate(where), evidence: threadEvidence(call) });
  }
  if (!exc) return null;
  const frame = exc.frames.at(-1);
  if (notCallable && /^'str' object/.test(exc.message)) return fail(say.stringToThread(run.file, frame), { ...run.locate(frame), evidence: threadEvidence(call) });
  if (exc.type === 'TypeError' && /fetch_url\(\) missing 1 required positional argument/.test(exc.message)) {
    return fail(say.toThreadMissingArgument(run.file, frame, exc.message.replace(/\S*fetch_url\(\)/, 'fetch_url()')), run.locate(frame));
  }
  return null;
}

// What a fetch returned, compared with the page's body.
function wrongBody(name: string, result: EncodedValue, expected: Json, what: string): Verdict | null {
  if (sameValue(result, expected)) return null;
  if (result.kind === 'coroutine') return fail(say.returnedCoroutine(name, 'Await it, so that your function returns the body itself.'));
  if (result.type === 'bytes') return fail(say.bytesNotText(name, result), { expected, actual: result.repr });
  return fail(say.wrongValue(name, what, result, 'The grader picks new pages on every run.'), { expected, actual: result.repr });
}

function awaitable(value: EncodedValue | undefined): boolean {
  return value !== undefined && ['coroutine', 'task', 'future', 'awaitable'].includes(value.kind);
}

export default defineExercise({
  fixture: async (host) => {
    const server = await startPageServer(host);
    return { context: server, stop: () => server.stop() };
  },

  checks: {
    'fetch-returns-body': check(syncProbe, (run, { page }) => {
      const call = run.call('fetch');
      if (call.isCoroutineFunction) return fail(say.fetchIsAsync('fetch_url'));
      const done = run.completed('fetch');
      return wrongBody('fetch_url', done.result, page.body, `the body of the page as text (${JSON.stringify(page.body)} this time)`) ?? pass();
    }),

    'async-returns-body': check(asyncProbe, (run, { page }) => {
      const call = run.completed('fetch');
      if (!awaitable(call.returned)) return fail(say.notACoroutineFunction('fetch_url_async'));
      return wrongBody('fetch_url_async', call.result, page.body, `what fetch_url(url) returns (${JSON.stringify(page.body)} this time)`) ?? pass();
    }),

    'async-runs-in-a-thread': check(asyncProbe, (run) => {
      const call = run.completed('fetch');
      const advice = 'Hand the blocking call to a worker thread and await it there: `return await asyncio.to_thread(fetch_url, url)`.';
      const blocked = blockedLoop(run, call, advice);
      if (blocked) return blocked;
      const spans = fetches(call);
      if (spans.length === 0) return fail(say.helperNeverCalled('fetch_url_async', FETCH, 'Run it in a worker thread: `return await asyncio.to_thread(fetch_url, url)`.'));
      return pass(threadEvidence(call));
    }),

    'all-returns-bodies': check(allProbe, (run, { pages: list }) => {
      const call = run.completed('all');
      const expected = list.map((p) => p.body);
      if (sameValue(call.result, expected)) return pass();
      const started = (call.liveThreads ?? []).filter((t) => t.origin !== null);
      if (started.length) return fail(say.threadsLeftRunning(run.file, 'fetch_all', started, call.result), { ...run.locate(started[0]?.origin), expected, actual: call.result.repr });
      const byArrival = [...list].sort((a, b) => a.delay - b.delay).map((p) => p.body);
      if (sameValue(call.result, byArrival)) return fail(say.arrivalOrder('fetch_all', 'urls'), { expected, actual: call.result.repr });
      return wrongBody('fetch_all', call.result, expected, `the list of bodies, in the order of \`urls\` (${list.length} pages this time)`) ?? pass();
    }),

    'all-runs-concurrently': check(allProbe, (run, { pages: list, sequential, cutoff }) => {
      const call = run.completed('all');
      const timing = { cutoffSeconds: cutoff, sequentialSeconds: sequential };
      const advice = 'Start every fetch in a worker thread and await them together: `await asyncio.gather(*(asyncio.to_thread(fetch_url, url) for url in urls))`.';
      const blocked = blockedLoop(run, call, advice, timing);
      if (blocked) return blocked;
      const spans = fetches(call);
      const evidence = threadEvidence(call, timing);
      if (spans.length === 0) return fail(say.helperNeverCalled('fetch_all', FETCH, `Call it, or fetch_url_async, once per URL. ${advice}`), { evidence });
      if (spans.length > 1 && ranOneAfterAnother(closed(spans, Number.POSITIVE_INFINITY))) {
        return fail(say.ranSequentially(spans, FETCH, `${say.threadsOneByOne(spans)} ${advice}`), { evidence });
      }
      // Every fetch in flight at once proves the overlap; the clock then only decides when the evidence does not.
      if (call.seconds >= cutoff && (evidence.peakConcurrency ?? 0) < spans.length) {
        return fail(say.tooSlow('fetch_all', call.seconds, cutoff, sequential, `${list.length} fetches ran, at most ${evidence.peakConcurrency} at a time. ${advice}`), { evidence });
      }
      return pass(evidence);
    }),

    'main-passes-the-function': check(mainProbe, (run, { page }) => {
      const record = run.call('main');
      const bug = toThreadBug(run, record);
      if (bug) return bug;
      const call = run.completed('main');
      const leftover = call.neverAwaited ?? [];
      if (leftover.length) return fail(say.neverAwaited(run.file, leftover), run.locate(leftover[0]?.origin));
      const wrong = wrongBody('main', call.result, page.body, `the body of the page at \`url\` (${JSON.stringify(page.body)} this time)`);
      if (wrong) return wrong;
      const advice = 'Let asyncio.to_thread call fetch_url in its worker thread: `await asyncio.to_thread(fetch_url, url)`.';
      const blocked = blockedLoop(run, call, advice);
      if (blocked) return blocked;
      if (fetches(call).length === 0) return fail(say.helperNeverCalled('main', FETCH, advice));
      return pass(threadEvidence(call));
    }),

    'pair-runs-in-threads': check(pairProbe, (run, { pages: list }) => {
      const record = run.call('pair');
      const bug = toThreadBug(run, record);
      if (bug) return bug;
      const call = run.completed('pair');
      const expected = list.map((p) => p.body);
      const wrong = wrongBody('fetch_pair', call.result, expected, `[first_body, second_body] (${JSON.stringify(expected)} this time)`);
      if (wrong) return wrong;
      const advice = 'Give asyncio.to_thread the function and its argument, and let it make the call in a worker thread: `asyncio.to_thread(fetch_url, first_url)`.';
      const blocked = blockedLoop(run, call, advice);
      if (blocked) return blocked;
      const spans = fetches(call);
      const evidence = threadEvidence(call);
      if (spans.length < 2) return fail(say.helperNeverCalled('fetch_pair', FETCH, advice), { evidence });
      if ((evidence.peakConcurrency ?? 0) < 2) {
        return fail(say.ranSequentially(spans, FETCH, `${say.threadsOneByOne(spans)} Create both awaitables first, then await them together with asyncio.gather.`), { evidence });
      }
      return pass(evidence);
    }),
  },
});
