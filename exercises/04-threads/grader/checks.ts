// Exercise 04-threads: blocking code in worker threads with asyncio.to_thread, fetching pages from a real local server.
// The pages use every byte a careless fetch could lose (see pages.ts) and trickle in slowly (see server.ts); probes
// call each function on a long page and on the edge cases beside it (an empty page, a one-line page, no URLs, a URL
// twice), each call in a fresh event loop.
import { blockingStall } from '../../../grader/evidence/stalls.js';
import { check, defineExercise, fail, pass, probe, Stop } from '../../../grader/engine/define.js';
import type { Observed } from '../../../grader/engine/observed.js';
import { spansToRows, type Evidence, type Location, type Verdict } from '../../../grader/engine/types.js';
import { closed, peakConcurrency, ranOneAfterAnother, slowOutsideCalls } from '../../../grader/evidence/intervals.js';
import * as common from '../../../grader/messages.js';
import type { Random } from '../../../grader/random.js';
import type { WitnessScope } from '../../../grader/witness/types.js';
import type { CallRecord, EncodedValue, Json, LearnerFrame, Span } from '../../../grader/run/observations.js';
import { asText } from '../../../grader/text/as-text.js';
import { bodyDifference } from './evidence.js';
import * as say from './messages.js';
import type { PageKind } from './pages.js';
import { startPageServer, type PageServer } from './server.js';

const DEADLINE = 10;
// Thread work takes 0.2 s or more, so a heartbeat gap of half that is a blocked loop, far above scheduling noise.
const BLOCKED_SECONDS = 0.1;
// A gap this long seen from outside the learner's process is a block whatever the process says (every fetch takes
// 0.2 s or more).
const PROVEN_SECONDS = 0.19;
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
function pages(
  rng: Random,
  server: PageServer,
  scope: WitnessScope,
  specs: { delay: number; kind?: PageKind }[],
  seen = new Set<string>(),
): Page[] {
  return specs.map(({ delay, kind = 'long' }) => {
    let name = `${rng.word()}-${rng.int(10, 99)}`;
    while (seen.has(name)) name = `${rng.word()}-${rng.int(10, 99)}`;
    seen.add(name);
    return { name, url: server.url(name, delay, kind, scope), body: server.body(name, kind), delay };
  });
}

// A thread-work delay: one unit (0.2 s) to one and a half.
function unit(rng: Random): number {
  return rng.int(20, 30) / 100;
}

interface Case {
  id: string;
  pages: Page[];
}

// Task 1: fetch_url(url) from plain code: a long page, a one-line page and an empty one.
const syncProbe = probe('sync', (rng, server: PageServer, scope) => {
  const [long, line, empty] = pages(rng, server, scope, [
    { delay: rng.int(10, 15) / 100 },
    { delay: 0.05, kind: 'line' },
    { delay: 0.03, kind: 'empty' },
  ]) as [Page, Page, Page];
  const cases: Case[] = [
    { id: 'fetch', pages: [long] },
    { id: 'fetch-line', pages: [line] },
    { id: 'fetch-empty', pages: [empty] },
  ];
  return {
    steps: [
      { op: 'import' },
      ...cases.map((c) => ({ op: 'call' as const, id: c.id, function: 'fetch_url', args: [(c.pages[0] as Page).url] })),
    ],
    expect: { cases },
    deadlineSeconds: DEADLINE,
  };
});

// Task 2: fetch_url_async(url) awaited inside the loop with the heartbeat watching; fetch_url is the instrumented twin.
const asyncProbe = probe('async', (rng, server: PageServer, scope) => {
  const [page] = pages(rng, server, scope, [{ delay: unit(rng) }]) as [Page];
  return {
    steps: [
      { op: 'import' },
      {
        op: 'call',
        id: 'fetch',
        function: 'fetch_url_async',
        args: [page.url],
        inLoop: true,
        twins: { fetch_url: TWINS.fetch_url },
        warmThreads: 1,
      },
    ],
    expect: { page },
    deadlineSeconds: DEADLINE,
  };
});

// Task 3: fetch_all over five pages whose delays differ, so the responses arrive in another order than asked; then
// three URLs with one of them twice; then none.
const allProbe = probe('all', (rng, server: PageServer, scope) => {
  const choices = [0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.32];
  let delays = rng.shuffle(choices).slice(0, 5);
  // Sorted ascending, completion order would equal input order and an unordered answer would slip through.
  while (delays.every((d, i) => i === 0 || (delays[i - 1] as number) < d)) delays = rng.shuffle(delays);
  const seen = new Set<string>();
  const list = pages(
    rng,
    server,
    scope,
    delays.map((delay) => ({ delay })),
    seen,
  );
  const [a, b] = pages(
    rng,
    server,
    scope,
    [
      { delay: 0.2, kind: 'line' },
      { delay: 0.12, kind: 'line' },
    ],
    seen,
  ) as [Page, Page];
  const cases: Case[] = [
    { id: 'all', pages: list },
    { id: 'all-repeat', pages: rng.shuffle([a, b, a]) },
    { id: 'all-empty', pages: [] },
  ];
  const sequential = delays.reduce((x, y) => x + y, 0);
  const slowest = Math.max(...delays);
  return {
    steps: [
      { op: 'import' },
      ...cases.map((c) => ({
        op: 'call' as const,
        id: c.id,
        function: 'fetch_all',
        args: [c.pages.map((p) => p.url)],
        inLoop: true,
        twins: TWINS,
        warmThreads: Math.max(1, c.pages.length),
        owns: c.pages.map((p) => p.name),
      })),
    ],
    // The geometric middle between the concurrent time (the slowest response) and the sequential one (the sum).
    expect: { cases, sequential, slowest, cutoff: Math.sqrt(sequential * slowest) },
    deadlineSeconds: DEADLINE,
    threads: 8,
  };
});

// Task 4: the blog post's main(url).
const mainProbe = probe('main', (rng, server: PageServer, scope) => {
  const [page] = pages(rng, server, scope, [{ delay: unit(rng) }]) as [Page];
  return {
    steps: [
      { op: 'import' },
      { op: 'call', id: 'main', function: 'main', args: [page.url], inLoop: true, twins: TWINS, warmThreads: 1 },
    ],
    expect: { page },
    deadlineSeconds: DEADLINE,
  };
});

// Task 5: fetch_pair(first_url, second_url), once with the first page slower and once with the second, so the
// order of arrival differs from the order asked in one of them whatever it is.
const pairProbe = probe('pair', (rng, server: PageServer, scope) => {
  // Far enough apart that a busy machine, which delays both, does not swap their order.
  const slow = rng.int(30, 34) / 100;
  const quick = rng.int(12, 16) / 100;
  const seen = new Set<string>();
  const cases: Case[] = rng.shuffle([
    { id: 'pair', pages: pages(rng, server, scope, [{ delay: slow }, { delay: quick }], seen) },
    { id: 'pair-second', pages: pages(rng, server, scope, [{ delay: quick }, { delay: slow }], seen) },
  ]);
  return {
    steps: [
      { op: 'import' },
      ...cases.map((c) => ({
        op: 'call' as const,
        id: c.id,
        function: 'fetch_pair',
        args: c.pages.map((p) => p.url),
        inLoop: true,
        twins: TWINS,
        warmThreads: 2,
        owns: c.pages.map((p) => p.name),
      })),
    ],
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

// ---- judging helpers ----------------------------------------------------------------

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
  const stall = blockingStall(beat, BLOCKED_SECONDS, PROVEN_SECONDS);
  if (!onLoop.length && !stall) return null;
  const longestOnLoop = Math.max(0, ...onLoop.map((s) => (s.end ?? s.start) - s.start));
  const gap = Math.max(beat?.maxGap ?? 0, stall?.duration ?? 0, longestOnLoop);
  const at = stall?.where ?? beat?.stalls.find((s) => s.where !== null)?.where ?? null;
  const inThreads = fetches(call).filter((s) => !s.mainThread);
  // The line the loop was stuck on reads a response: the body, not only the request, blocks.
  const reading = !onLoop.length && /\.read|readline|readlines|recv/.test(at?.code ?? '') ? `${say.READ_ON_LOOP} ` : '';
  const why = onLoop.length
    ? `${say.ranOnLoopThread(onLoop)} `
    : inThreads.length
      ? `${say.waitedForThreads(inThreads)} `
      : reading;
  return fail(common.blockedLoop(run.file, gap, at, `${why}${advice}`), {
    ...where(run, call, at),
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
    const at = call.heartbeat?.stalls.find((s) => s.where !== null)?.where ?? exc?.frames.at(-1) ?? null;
    return fail(say.calledBeforeToThread(run.file, at, onLoop), {
      ...where(run, call, at),
      evidence: threadEvidence(call),
    });
  }
  if (!exc) return null;
  const frame = exc.frames.at(-1);
  if (notCallable && /^'str' object/.test(exc.message))
    return fail(say.stringToThread(run.file, frame), { ...where(run, call, frame), evidence: threadEvidence(call) });
  if (exc.type === 'TypeError' && /fetch_url\(\) missing 1 required positional argument/.test(exc.message)) {
    return fail(
      say.toThreadMissingArgument(run.file, frame, exc.message.replace(/\S*fetch_url\(\)/, 'fetch_url()')),
      where(run, call, frame),
    );
  }
  return null;
}

// An exception the call raised, explained from what was seen; null when it returned.
function raisedVerdict(run: Observed, call: CallRecord, shown: string): Verdict | null {
  const exc = call.exception;
  if (!exc) return null;
  const frame = exc.frames.at(-1);
  const bug = toThreadBug(run, call);
  if (bug) return bug;
  if (exc.type === 'UnicodeDecodeError')
    return fail(say.decodeFailed(run.file, shown, exc, frame), where(run, call, frame));
  const args = call.argsAfter?.[0]?.value;
  if (Array.isArray(args) && args.length === 0 && exc.type === 'ValueError')
    return fail(say.emptyInputFailed(run.file, call.function, exc, frame), where(run, call, frame));
  return fail(common.raised(run.file, call.function, exc), where(run, call, frame));
}

function awaitable(value: EncodedValue | undefined): boolean {
  return value !== undefined && ['coroutine', 'task', 'future', 'awaitable'].includes(value.kind);
}

// fetch_url_async handed to to_thread: the worker thread made coroutines that nobody awaited.
function asyncToThread(call: CallRecord, result: EncodedValue | undefined): number {
  const made = (call.neverAwaited ?? []).filter((n) => /fetch_url_async/.test(n.name)).length;
  const inResult = result?.kind === 'coroutine' && /fetch_url_async/.test(result.name ?? '') ? 1 : 0;
  const inList = Array.isArray(result?.value)
    ? result.value.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'coroutine')
        .length
    : 0;
  return fetches(call).length === 0 ? Math.max(made, inResult, inList) : 0;
}

// One fetched body compared with the page's, or a verdict naming how it differs.
function bodyVerdict(run: Observed, call: CallRecord, shown: string, result: EncodedValue, page: Page): Verdict | null {
  if (result.kind === 'value' && result.value === page.body) return null;
  const expected = say.pageText(page.name, page.body);
  const details = { expected, actual: result.repr, ...where(run, call) };
  if (result.kind === 'coroutine')
    return fail(
      common.returnedCoroutine(call.function, 'Await it, so that your function returns the body itself.'),
      details,
    );
  if (result.type === 'bytes') return fail(say.bytesNotText(shown, result), details);
  if (result.kind !== 'value' || typeof result.value !== 'string')
    return fail(say.notText(shown, result, expected), details);
  return fail(say.bodyDiffers(shown, result.value, expected, bodyDifference(result.value, page.body)), details);
}

// A list of bodies named by the page each one is, for messages that must not print whole pages.
function nameBodies(values: Json[], known: Page[]): string[] {
  return values.map((value) => {
    const page = known.find((p) => p.body === value);
    if (page) return page.name;
    if (typeof value === 'string') return `a text of ${value.length} characters`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.repr === 'string')
      return value.repr;
    return JSON.stringify(value);
  });
}

// The whole list contract: a list, one body per URL in the order of the URLs, the caller's list left as it was.
function bodiesVerdict(
  run: Observed,
  call: CallRecord,
  result: EncodedValue,
  c: Case,
  argument: string,
): Verdict | null {
  const name = call.function;
  const expected = c.pages.map((p) => p.body);
  const names = c.pages.map((p) => p.name);
  const details = { expected: names.map((n) => `the body of ${n}`), ...where(run, call) };
  const got = result.kind === 'value' && Array.isArray(result.value) ? result.value : null;
  if (got && result.type !== 'list') return fail(say.notAList(name, result), { ...details, actual: result.repr });
  const after = call.argsAfter?.[0]?.value;
  if (argument === 'urls' && Array.isArray(after) && after.length !== c.pages.length)
    return fail(say.inputChanged(name, argument, c.pages.length, after.length), { ...details, actual: after.length });
  if (got && JSON.stringify(got) === JSON.stringify(expected)) return null;
  if (!got)
    return fail(say.wrongBodies(name, [common.describeValue(result)], names), { ...details, actual: result.repr });
  const gotNames = nameBodies(got, c.pages);
  const actual = gotNames.map((n) => (c.pages.some((p) => p.name === n) ? `the body of ${n}` : n));
  if (got.length === expected.length && [...gotNames].sort().join('\n') === [...names].sort().join('\n')) {
    const arrival = [...c.pages].sort((a, b) => a.delay - b.delay).map((p) => p.name);
    // Two pages the other way round is a swap whatever order they arrived in.
    const why =
      got.length === 2 && gotNames.join('\n') === [...names].reverse().join('\n')
        ? say.SWAPPED
        : gotNames.join('\n') === arrival.join('\n')
          ? say.IN_ARRIVAL_ORDER
          : got.every((v, i) => i === 0 || asText(got[i - 1]) <= asText(v))
            ? say.SORTED
            : '';
    return fail(say.bodiesOutOfOrder(name, gotNames, why, argument), { ...details, actual });
  }
  // One body wrong, and not another page's: say how it differs from its page.
  const single =
    got.length === expected.length
      ? got.findIndex(
          (value, i) => value !== expected[i] && typeof value === 'string' && !c.pages.some((p) => p.body === value),
        )
      : -1;
  const page = c.pages[single];
  if (page && typeof got[single] === 'string') {
    return fail(
      say.bodyDiffers(
        `${name} (for ${page.name})`,
        got[single],
        say.pageText(page.name, page.body),
        bodyDifference(got[single], page.body),
      ),
      { ...details, actual },
    );
  }
  return fail(say.wrongBodies(name, gotNames, names), { ...details, actual });
}

// The exact fetches asked for: each URL once (repeats as often as they appear), or a verdict.
function fetchesVerdict(run: Observed, call: CallRecord, c: { pages: Page[] }, evidence: Evidence): Verdict | null {
  const made = fetches(call).map((s) => s.label);
  const wanted = c.pages.map((p) => p.name);
  const left = [...wanted];
  const extra: string[] = [];
  for (const label of made) {
    const i = left.indexOf(label);
    if (i >= 0) left.splice(i, 1);
    else extra.push(label);
  }
  if (!left.length && !extra.length) return null;
  return fail(say.fetchesNotAsked(call.function, wanted, made, left, extra), { ...where(run, call), evidence });
}

export default defineExercise({
  fixture: async (host) => {
    const server = await startPageServer(host);
    return { context: server, stop: () => server.stop() };
  },

  checks: {
    'fetch-returns-body': check(
      syncProbe,
      located('fetch', (run, { cases }) => {
        for (const c of cases) {
          const page = c.pages[0] as Page;
          const call = run.call(c.id);
          if (call.isCoroutineFunction) return fail(say.fetchIsAsync('fetch_url'), where(run, call));
          const shown = `fetch_url(...) for ${page.name}`;
          const raised = raisedVerdict(run, call, shown);
          if (raised) return raised;
          const verdict = bodyVerdict(run, call, shown, call.result as EncodedValue, page);
          if (verdict) return verdict;
        }
        return pass();
      }),
    ),

    'async-returns-body': check(
      asyncProbe,
      located('fetch', (run, { page }) => {
        const call = run.call('fetch');
        const raised = raisedVerdict(run, call, 'fetch_url_async');
        if (raised) return raised;
        if (!awaitable(call.returned)) return fail(common.notACoroutineFunction('fetch_url_async'), where(run, call));
        return bodyVerdict(run, call, 'fetch_url_async', call.result as EncodedValue, page) ?? pass();
      }),
    ),

    'async-runs-in-a-thread': check(
      asyncProbe,
      located('fetch', (run, { page }) => {
        const call = run.call('fetch');
        const bug = toThreadBug(run, call);
        if (bug) return bug;
        const advice =
          'Hand the blocking call to a worker thread and await it there: `return await asyncio.to_thread(fetch_url, url)`.';
        const blocked = blockedLoop(run, call, advice);
        if (blocked) return blocked;
        const raised = raisedVerdict(run, call, 'fetch_url_async');
        if (raised) return raised;
        if (fetches(call).length === 0)
          return fail(
            say.helperNeverCalled(
              'fetch_url_async',
              FETCH,
              'Run it in a worker thread: `return await asyncio.to_thread(fetch_url, url)`.',
            ),
            where(run, call),
          );
        return fetchesVerdict(run, call, { pages: [page] }, threadEvidence(call)) ?? pass(threadEvidence(call));
      }),
    ),

    'all-returns-bodies': check(
      allProbe,
      located('all', (run, { cases }) => {
        for (const c of cases) {
          const call = run.call(c.id);
          const result = call.result;
          const asyncGiven = asyncToThread(call, result);
          if (asyncGiven) return fail(say.asyncFunctionToThread('fetch_all', asyncGiven), where(run, call));
          const raised = raisedVerdict(run, call, 'fetch_all');
          if (raised) return raised;
          const verdict = bodiesVerdict(run, call, result as EncodedValue, c, 'urls');
          if (!verdict) continue;
          // Wrong bodies while threads the learner started still run: they were never waited for. (A pool's idle
          // threads also live on, so threads alone, with the right bodies, say nothing.)
          const started = (call.liveThreads ?? []).filter((t) => t.origin !== null);
          if (started.length)
            return fail(say.threadsLeftRunning(run.file, 'fetch_all', started, result), {
              ...where(run, call, started[0]?.origin),
              actual: result?.repr ?? null,
            });
          return verdict;
        }
        return pass();
      }),
    ),

    'all-runs-concurrently': check(
      allProbe,
      located('all', (run, { cases, sequential, slowest, cutoff }) => {
        const timing = { cutoffSeconds: cutoff, sequentialSeconds: sequential };
        const advice =
          'Start every fetch in a worker thread and await them together: `await asyncio.gather(*(asyncio.to_thread(fetch_url, url) for url in urls))`.';
        for (const [index, c] of cases.entries()) {
          if (c.pages.length === 0) continue;
          const call = run.call(c.id);
          const extra = index === 0 ? timing : {};
          const blocked = blockedLoop(run, call, advice, extra);
          if (blocked) return blocked;
          const spans = fetches(call);
          const evidence = threadEvidence(call, extra);
          const asyncGiven = asyncToThread(call, call.result);
          if (asyncGiven)
            return fail(say.asyncFunctionToThread('fetch_all', asyncGiven), { ...where(run, call), evidence });
          if (spans.length === 0) {
            const raised = raisedVerdict(run, call, 'fetch_all');
            if (raised) return raised;
            return fail(
              say.helperNeverCalled('fetch_all', FETCH, `Call it, or fetch_url_async, once per URL. ${advice}`),
              { ...where(run, call), evidence },
            );
          }
          if (spans.length > 1 && ranOneAfterAnother(closed(spans, Number.POSITIVE_INFINITY))) {
            const oneThread = new Set(spans.map((s) => s.thread)).size === 1;
            const why = oneThread ? say.oneThreadForAll(spans) : say.threadsOneByOne(spans);
            return fail(common.ranSequentially(spans, FETCH, `${why} ${advice}`), { ...where(run, call), evidence });
          }
          const counted = fetchesVerdict(run, call, c, evidence);
          if (counted) return counted;
          const peak = evidence.peakConcurrency ?? 0;
          if (peak < spans.length) return fail(say.fewerAtOnce(spans, peak), { ...where(run, call), evidence });
          // Every fetch in flight at once proves the overlap; the clock then fails only on time lost besides them.
          if (
            index === 0 &&
            call.seconds !== undefined &&
            call.seconds >= cutoff &&
            slowOutsideCalls(call.seconds, closed(spans, call.seconds), slowest, sequential)
          ) {
            return fail(
              common.tooSlow(
                'fetch_all',
                call.seconds,
                cutoff,
                sequential,
                `Every fetch overlapped, but something else took the time. ${advice}`,
              ),
              { ...where(run, call), evidence },
            );
          }
        }
        return pass(threadEvidence(run.call('all'), timing));
      }),
    ),

    'main-passes-the-function': check(
      mainProbe,
      located('main', (run, { page }) => {
        const call = run.call('main');
        const asyncGiven = asyncToThread(call, call.result);
        if (asyncGiven) return fail(say.asyncFunctionToThread('main', asyncGiven), where(run, call));
        const raised = raisedVerdict(run, call, 'main');
        if (raised) return raised;
        const leftover = call.neverAwaited ?? [];
        if (leftover.length)
          return fail(common.neverAwaited(run.file, leftover), where(run, call, leftover[0]?.origin));
        const wrong = bodyVerdict(run, call, 'main', call.result as EncodedValue, page);
        if (wrong) return wrong;
        const advice =
          'Let asyncio.to_thread call fetch_url in its worker thread: `await asyncio.to_thread(fetch_url, url)`.';
        const blocked = blockedLoop(run, call, advice);
        if (blocked) return blocked;
        if (fetches(call).length === 0) return fail(say.helperNeverCalled('main', FETCH, advice), where(run, call));
        return fetchesVerdict(run, call, { pages: [page] }, threadEvidence(call)) ?? pass(threadEvidence(call));
      }),
    ),

    'pair-runs-in-threads': check(
      pairProbe,
      located('pair', (run, { cases }) => {
        const advice =
          'Give asyncio.to_thread the function and its argument, and let it make the call in a worker thread: `asyncio.to_thread(fetch_url, first_url)`.';
        for (const c of cases) {
          const call = run.call(c.id);
          const raised = raisedVerdict(run, call, 'fetch_pair');
          if (raised) return raised;
          const result = call.result as EncodedValue;
          const wrong = bodiesVerdict(run, call, result, c, 'first_url, second_url');
          if (wrong) return wrong;
          const blocked = blockedLoop(run, call, advice);
          if (blocked) return blocked;
          const spans = fetches(call);
          const evidence = threadEvidence(call);
          if (spans.length === 0)
            return fail(say.helperNeverCalled('fetch_pair', FETCH, advice), { ...where(run, call), evidence });
          const counted = fetchesVerdict(run, call, c, evidence);
          if (counted) return counted;
          if ((evidence.peakConcurrency ?? 0) < 2) {
            return fail(
              common.ranSequentially(
                spans,
                FETCH,
                `${say.threadsOneByOne(spans)} Create both awaitables first, then await them together with asyncio.gather.`,
              ),
              { ...where(run, call), evidence },
            );
          }
        }
        return pass(threadEvidence(run.call((cases[0] as Case).id)));
      }),
    ),
  },
});
