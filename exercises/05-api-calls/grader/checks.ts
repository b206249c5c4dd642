// Exercise 05-api-calls: many prompts against a fake OpenAI-compatible API that limits, fails and dawdles. Judged from
// what the fake API witnessed (arrivals, answers, refusals, clients going away); the Python side adds lines only.
import { check, defineExercise, fail, pass, probe } from '../../../grader/engine/define.js';
import type { CompletedCall, Observed } from '../../../grader/engine/observed.js';
import type { Evidence, ProbePlan, Verdict } from '../../../grader/engine/types.js';
import { handoffWaits } from '../../../grader/evidence/intervals.js';
import { blockingStall } from '../../../grader/evidence/stalls.js';
import * as say from '../../../grader/messages.js';
import type { Random } from '../../../grader/random.js';
import type { CallRecord, EncodedValue, Json, LearnerFrame } from '../../../grader/run/observations.js';
import type { Step } from '../../../grader/run/run-probe.js';
import { asText } from '../../../grader/text/as-text.js';
import {
  accepted,
  busySeconds,
  evidenceOf,
  intervals,
  oneAfterAnother,
  peakInFlight,
  refusedFor,
  requestsOf,
  rows,
  type Request,
} from './evidence.js';
import * as tell from './messages.js';
import { CONTEXT_LIMIT_CHARS, contextLengthExceeded, serverError } from './protocol.js';
import { reference, type RequestLog } from './requests.js';
import { SCALE } from './scale.js';
import { startFakeApi, type Failure, type FakeApi, type Scenario } from './server.js';

const MODULE = 'api_calls';
const MODEL = 'gpt-4o-mini';
const MODELS = ['gpt-4o-mini', 'gpt-4.1-nano', 'gpt-4o', 'o4-mini', 'gpt-4.1-mini'];
const DEADLINE = 6;
// A heartbeat gap this long on a learner line is a blocked loop: far above scheduling noise, and below the blocking
// waits the probes provoke (a Retry-After of 0.12 s or more; a blocking request of 0.1 s or more).
const BLOCKED_SECONDS = 0.1;
// A gap this long seen from outside the learner's process is a block whatever the process says: a blocking request
// or sleep in a batch holds the loop for the sum of them, and a single Retry-After sleep for 0.12 s or more.
const PROVEN_SECONDS = 0.15;
// A request given up must be gone from the API by the time the call returned: cancelling closes its connection
// before the call ends, so only the API's own delay in noticing is allowed for.
const GONE_AFTER_RETURN_SECONDS = 0.1;
// The latency of the call that follows a timeout's in the same probe: long enough for a request left open to show.
const QUICK_AFTER_TIMEOUT = 0.2;
// A request that ran this long had time to be answered: two of them one after another were asked one at a time.
const RAN_LONG_SECONDS = 0.2;
// The last of a paced batch may start this much earlier than the budget allows, for the client's and the API's
// clocks: an opening burst of twice the budget, or twice the rate, is well below it.
const PACED_SHARE = 0.85;
// A call that goes on this share of the last backoff after its last request failed waited before raising.
const LAST_WAIT_SHARE = 0.5;
// The two races of task 5.
const FIRST_CALLS = ['first', 'first-swapped'] as const;

// ---- inputs ------------------------------------------------------------------------------------

interface Prompt {
  text: string;
  // The word that makes the prompt unique: what messages and timelines call it.
  label: string;
}

// One race of task 5: the models' answers to one prompt, and which model answers first.
interface Race {
  id: (typeof FIRST_CALLS)[number];
  prompt: Prompt;
  fast: string;
  slow: string;
  fastAnswer: string;
  slowAnswer: string;
  log: RequestLog;
}

const TEMPLATES = [
  'Describe %s in one line.',
  'What rhymes with %s?',
  'Write a haiku about %s.',
  'Translate %s into French.',
  'Is %s a good name for a cat?',
];

function promptsFor(rng: Random, count: number): Prompt[] {
  const words = new Set<string>();
  while (words.size < count) words.add(rng.word());
  return [...words].map((label) => ({ text: rng.pick(TEMPLATES).replace('%s', label), label }));
}

// A prompt past the model's context limit: the failure no retry can fix (HTTP 400).
function tooLong(rng: Random, label: string): Prompt {
  const filler = Array.from({ length: Math.ceil(CONTEXT_LIMIT_CHARS / 5) + 20 }, () => rng.word()).join(' ');
  return { text: `Summarise the story of ${label}: ${filler}`, label: `${label} (too long)` };
}

function labelsOf(prompts: Prompt[]): Record<string, string> {
  return Object.fromEntries(prompts.map((p) => [p.text, p.label]));
}

// Latencies base, base + step, ... handed out so that the first prompt is never the first answered.
function scrambled(rng: Random, count: number, base: number, step: number): number[] {
  let ranks = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  while (ranks[0] === 0) ranks = rng.shuffle(ranks);
  return ranks.map((rank) => round(base + step * rank));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function byPrompt(prompts: Prompt[], latencies: number[]): Map<string, number> {
  return new Map(prompts.map((p, i) => [p.text, latencies[i] ?? 0]));
}

// The twins that replace the given client for a call: every request goes to the fake API with the scenario's key.
function client(api: FakeApi, key: string): NonNullable<Extract<Step, { op: 'call' }>['twins']> {
  const config = { baseUrl: api.baseUrl, key, model: MODEL, module: MODULE };
  return {
    complete: { factory: 'complete', config },
    complete_blocking: { factory: 'complete_blocking', config },
    BASE_URL: { factory: 'setting', config: { value: api.baseUrl } },
    API_KEY: { factory: 'setting', config: { value: key } },
  };
}

function call(id: string, fn: string, args: Json[], api: FakeApi, key: string, warm: number): Step {
  return { op: 'call', id, function: fn, args, inLoop: true, twins: client(api, key), warmThreads: warm };
}

function plan<E>(steps: Step[], expect: E): ProbePlan<E> {
  return { steps: [{ op: 'import' }, ...steps], expect, deadlineSeconds: DEADLINE, threads: 16 };
}

// ---- probes --------------------------------------------------------------------------------------

// Task 1: ask_all over five prompts whose answers arrive in another order than asked.
const allProbe = probe('all', (rng, api: FakeApi, scope) => {
  const prompts = promptsFor(rng, 5);
  const latencies = scrambled(rng, prompts.length, SCALE.answer, 0.02);
  const latency = byPrompt(prompts, latencies);
  const { key, log } = api.open(
    { latency: (a) => latency.get(a.prompt) ?? SCALE.answer, retryAfter: () => SCALE.retryAfter },
    scope,
  );
  const sequential = latencies.reduce((a, b) => a + b, 0);
  const slowest = Math.max(...latencies);
  return plan([call('all', 'ask_all', [prompts.map((p) => p.text)], api, key, prompts.length)], {
    prompts,
    answers: prompts.map((p) => api.answer(p.text, MODEL)),
    log,
    // The geometric middle between all at once (the slowest answer) and one after another (the sum).
    cutoff: Math.sqrt(sequential * slowest),
  });
});

// Task 2: ask_bounded twice, with max_in_flight 2 and 3 (a constant fits at most one of them), a prompt asked twice
// in one of the batches. Each run of max_in_flight prompts in input order holds one slow answer and the rest quick,
// so fixed batches leave places empty while the slow one finishes, and a semaphore does not.
const BOUNDED_QUICK = 0.05;
const BOUNDED_SLOW = 0.3;
// Below this, a place left empty after an answer is the scheduler's doing (a worker thread on a starved machine can
// take a tenth of a second to send the next request); batches leave one empty for the rest of the batch's slow
// answer (BOUNDED_SLOW - BOUNDED_QUICK), twice as long, at least twice in every call.
const EMPTY_PLACE = 0.12;

interface BoundedCall {
  id: string;
  prompts: Prompt[];
  cap: number;
  answers: string[];
  log: RequestLog;
}

const boundedProbe = probe('bounded', (rng, api: FakeApi, scope) => {
  const caps = rng.shuffle([2, 3]);
  const calls = caps.map((cap, i): { call: BoundedCall; step: Step } => {
    const unique = promptsFor(rng, cap === 3 ? 7 : 4);
    // The cap-2 batch asks its first prompt again at the end: answers are per prompt, not per distinct prompt.
    const prompts = cap === 3 ? unique : [...unique, unique[0] as Prompt];
    const latency = new Map<string, number>();
    for (let start = 0; start < prompts.length; start += cap) {
      const batch = prompts.slice(start, start + cap).filter((p) => !latency.has(p.text));
      const slow = rng.int(0, Math.max(0, batch.length - 1));
      batch.forEach((p, j) => latency.set(p.text, j === slow ? BOUNDED_SLOW : BOUNDED_QUICK));
    }
    const { key, log } = api.open(
      { latency: (a) => latency.get(a.prompt) ?? BOUNDED_QUICK, maxInFlight: cap, retryAfter: () => SCALE.retryAfter },
      scope,
    );
    const id = `bounded-${i + 1}`;
    return {
      call: { id, prompts, cap, answers: prompts.map((p) => api.answer(p.text, MODEL)), log },
      step: call(id, 'ask_bounded', [prompts.map((p) => p.text), cap], api, key, cap + 2),
    };
  });
  return plan(
    calls.map((c) => c.step),
    { calls: calls.map((c) => c.call) },
  );
});

const TRANSIENT = [500, 502, 503, 504] as const;

// Task 3: complete_with_retry twice: a prompt that fails twice (a 429 and a 5xx, in random order) then answers, and
// one that fails on every attempt.
const retryProbe = probe('retry', (rng, api: FakeApi, scope) => {
  const [recover, giveUp] = promptsFor(rng, 2) as [Prompt, Prompt];
  const retryAfter = rng.int(12, 15) / 100;
  const failures = rng.shuffle([429, rng.pick(TRANSIENT)] as const);
  const recovering: Scenario = {
    latency: () => SCALE.retry,
    fail: (a) => {
      const status = failures[a.attempt - 1];
      return status === undefined ? null : status === 429 ? { status, retryAfter } : { status };
    },
    retryAfter: () => retryAfter,
  };
  // Every 5xx, 500 among the first three: a retry that leaves one of them out stops before the last attempt.
  const statuses: Failure['status'][] = rng.shuffle(TRANSIENT.filter((status) => status !== 500));
  statuses.splice(rng.int(0, 2), 0, 500);
  const failing: Scenario = {
    latency: () => SCALE.retry,
    fail: (a) => ({ status: statuses[(a.attempt - 1) % statuses.length] ?? 500 }),
    retryAfter: () => retryAfter,
  };
  const a = api.open(recovering, scope);
  const b = api.open(failing, scope);
  // A prompt past the context limit: a 400, which no retry can fix.
  const tooLongPrompt = tooLong(rng, rng.word());
  const c = api.open({ latency: () => SCALE.retry, retryAfter: () => retryAfter }, scope);
  // Four attempts that all fail: the last wait is four times base_delay, so a backoff that does not grow shows
  // even when a busy machine delays every retry a little.
  const attempts = { recover: 4, giveUp: 4 };
  const baseDelay = SCALE.backoff;
  return plan(
    [
      call('recover', 'complete_with_retry', [recover.text, attempts.recover, baseDelay], api, a.key, 2),
      call('give-up', 'complete_with_retry', [giveUp.text, attempts.giveUp, baseDelay], api, b.key, 2),
      call('client-error', 'complete_with_retry', [tooLongPrompt.text, attempts.giveUp, baseDelay], api, c.key, 2),
    ],
    {
      recover,
      giveUp,
      tooLongPrompt,
      clientErrorLog: c.log,
      attempts,
      baseDelay,
      answer: api.answer(recover.text, MODEL),
      recoverLog: a.log,
      giveUpLog: b.log,
    },
  );
});

// Task 4: complete_with_timeout on a prompt far slower than the timeout, then on a quick one.
const timeoutProbe = probe('timeout', (rng, api: FakeApi, scope) => {
  const [slow, quick] = promptsFor(rng, 2) as [Prompt, Prompt];
  const timeout = rng.int(12, 18) / 100;
  const slowLatency = SCALE.slow;
  const quickTimeout = 0.4;
  const s = api.open({ latency: () => slowLatency, retryAfter: () => SCALE.retryAfter }, scope);
  // The quick call comes after the slow one and takes a while, so a slow request left open in a thread of its own
  // (nothing cancelled it) is seen open long after the slow call returned, not only closing as the process ends.
  const q = api.open({ latency: () => QUICK_AFTER_TIMEOUT, retryAfter: () => SCALE.retryAfter }, scope);
  return plan(
    [
      call('slow', 'complete_with_timeout', [slow.text, timeout], api, s.key, 1),
      call('quick', 'complete_with_timeout', [quick.text, quickTimeout], api, q.key, 1),
    ],
    { slow, quick, timeout, quickTimeout, answer: api.answer(quick.text, MODEL), slowLog: s.log, quickLog: q.log },
  );
});

// Task 5: first_answer over two models, one much faster, twice: the faster one is the other model the second time,
// so a file that waits on one model before asking the other shows it in one of the races.
const firstProbe = probe('first', (rng, api: FakeApi, scope) => {
  const races = FIRST_CALLS.map((id, i) => {
    const [prompt] = promptsFor(rng, 1) as [Prompt];
    return { id, prompt, i };
  });
  const models = rng.shuffle(MODELS).slice(0, 2) as [string, string];
  const firstFast = rng.pick(models);
  const made = races.map(({ id, prompt, i }) => {
    const fast = i === 0 ? firstFast : (models.find((m) => m !== firstFast) as string);
    const slow = models.find((m) => m !== fast) as string;
    const quick = rng.int(12, 15) / 100;
    const { key, log } = api.open(
      { latency: (a) => (a.model === fast ? quick : SCALE.slowModel), retryAfter: () => SCALE.retryAfter },
      scope,
    );
    const race: Race = {
      id,
      prompt,
      fast,
      slow,
      fastAnswer: api.answer(prompt.text, fast),
      slowAnswer: api.answer(prompt.text, slow),
      log,
    };
    return { race, step: call(id, 'first_answer', [prompt.text, models], api, key, 2) };
  });
  return plan(
    made.map((m) => m.step),
    { models, races: made.map((m) => m.race) },
  );
});

// Task 6: ask_paced with five times as many prompts as the budget; each answer takes longer than the spacing, so
// paced requests overlap, while a burst of them all overflows the budget even with its slack.
const pacedProbe = probe('paced', (rng, api: FakeApi, scope) => {
  const budget = 3;
  const interval = SCALE.interval;
  const window = round(budget * interval);
  const prompts = promptsFor(rng, 15);
  const latencies = prompts.map(() => rng.int(8, 10) / 100);
  const latency = byPrompt(prompts, latencies);
  const { key, log } = api.open(
    { latency: (a) => latency.get(a.prompt) ?? 0.1, budget: { requests: budget, window }, retryAfter: () => interval },
    scope,
  );
  // All starts spaced by window / budget; one start per whole window is `budget` times slower.
  const paced = (prompts.length - 1) * interval;
  const slow = (prompts.length - 1) * window;
  // Every worker thread started before the call: a thread started mid-run can hold back requests that then bunch up.
  return plan([call('paced', 'ask_paced', [prompts.map((p) => p.text), budget, window], api, key, prompts.length)], {
    prompts,
    budget,
    window,
    answers: prompts.map((p) => api.answer(p.text, MODEL)),
    log,
    paced,
    cutoff: Math.sqrt(paced * slow),
  });
});

// Task 7a: ask_all_safely over five prompts, one of them (never the first or the last) too long for the model.
const safelyProbe = probe('safely', (rng, api: FakeApi, scope) => {
  const prompts = promptsFor(rng, 5);
  const failingIndex = rng.int(1, prompts.length - 2);
  prompts[failingIndex] = tooLong(rng, (prompts[failingIndex] as Prompt).label);
  const latencies = scrambled(rng, prompts.length, SCALE.answer, 0.02);
  const latency = byPrompt(prompts, latencies);
  const { key, log } = api.open(
    { latency: (a) => latency.get(a.prompt) ?? SCALE.answer, retryAfter: () => SCALE.retryAfter },
    scope,
  );
  const failing = prompts[failingIndex];
  return plan([call('safely', 'ask_all_safely', [prompts.map((p) => p.text)], api, key, prompts.length)], {
    prompts,
    failingIndex,
    answers: prompts.map((p, i) => (i === failingIndex ? null : api.answer(p.text, MODEL))),
    error: contextLengthExceeded(MODEL, failing.text.length).error.message,
    log,
  });
});

// Task 7b: ask_all_or_nothing where one prompt fails fast and the others take long: they must be cancelled.
const orNothingProbe = probe('or-nothing', (rng, api: FakeApi, scope) => {
  const prompts = promptsFor(rng, 5);
  // Never among the first two: asked one at a time, at least two prompts are answered before the failure shows.
  const failingIndex = rng.int(2, prompts.length - 1);
  prompts[failingIndex] = tooLong(rng, (prompts[failingIndex] as Prompt).label);
  const failing = prompts[failingIndex];
  const latency = new Map(prompts.map((p) => [p.text, p === failing ? SCALE.failFast : rng.int(30, 40) / 100]));
  const { key, log } = api.open(
    { latency: (a) => latency.get(a.prompt) ?? 0.3, retryAfter: () => SCALE.retryAfter },
    scope,
  );
  return plan([call('nothing', 'ask_all_or_nothing', [prompts.map((p) => p.text)], api, key, prompts.length)], {
    prompts,
    failing,
    error: contextLengthExceeded(MODEL, failing.text.length).error.message,
    log,
  });
});

// ---- judging helpers -----------------------------------------------------------------------------

// The log's requests timed from the start of `from` (a call, as the witness stamped it), or from a moment in ms.
function requests(log: RequestLog, prompts: Prompt[], from?: CallRecord | number): Request[] {
  const zero = typeof from === 'number' ? from : from?.clock ? from.clock.start * 1000 : undefined;
  return requestsOf(log, labelsOf(prompts), zero);
}

function same(a: Json | undefined, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function listOf(value: EncodedValue): Json[] | null {
  return value.kind === 'value' && Array.isArray(value.value) ? value.value : null;
}

// How long after the call returned the API still had the request open (null: it was gone in time). The request's
// times run from the call's start, as the witness stamped it.
// A request that reached the API only after the call returned and left at once is no exception: its task was
// cancelled before its worker thread could send it (a busy machine), and it closed as soon as it was sent.
function openAfterReturn(req: Request, call: CallRecord): number | null {
  // The API's stamps are the grader's reading of its sockets, late on a busy machine: compare them with the
  // moment the grader read the call's record, not with the end the process stamped itself.
  const clock = call.clock;
  const until = clock?.reported ?? clock?.end;
  const returned = clock && until != null ? until - clock.start : null;
  if (returned === null) return null;
  const gone = req.end ?? Number.POSITIVE_INFINITY;
  return gone - Math.max(returned, req.start) > GONE_AFTER_RETURN_SECONDS ? gone - returned : null;
}

// The learner line to point at when nothing more precise is known: where a request was awaited, else the def.
function lineOf(call: CallRecord): LearnerFrame | null {
  const awaited = (call.spans ?? []).find((s) => s.where)?.where;
  if (awaited) return awaited;
  return call.defLine !== undefined ? { line: call.defLine, function: call.function, code: '' } : null;
}

// The loop's thread held by learner code: complete_blocking called in a coroutine, or time.sleep.
function blockedLoop(run: Observed, call: CallRecord, advice: string, evidence: Evidence): Verdict | null {
  const onLoop = (call.spans ?? []).filter((s) => s.helper === 'complete_blocking' && s.mainThread);
  const stall = blockingStall(call.heartbeat, BLOCKED_SECONDS, PROVEN_SECONDS);
  if (!onLoop.length && !stall) return null;
  const line =
    stall?.where ??
    onLoop.find((s) => s.where)?.where ??
    call.heartbeat?.stalls.find((s) => s.where !== null)?.where ??
    null;
  const gap = Math.max(
    call.heartbeat?.maxGap ?? 0,
    stall?.duration ?? 0,
    ...onLoop.map((s) => (s.end ?? s.start) - s.start),
  );
  const why = onLoop.length ? tell.blockingClient(onLoop.length) : '';
  return fail(say.blockedLoop(run.file, gap, line, `${why}${advice}`), {
    ...run.locate(line),
    evidence: {
      ...evidence,
      heartbeatMaxGapSeconds: call.heartbeat?.maxGap ?? 0,
      stallSeconds: stall?.duration ?? gap,
    },
  });
}

// A list of answers in the order of the prompts, or the verdict saying how it differs.
function orderedAnswers(
  run: Observed,
  name: string,
  done: CompletedCall,
  prompts: Prompt[],
  answers: string[],
  log: RequestLog,
): Verdict {
  const got = listOf(done.result);
  const after = done.argsAfter?.[0]?.value;
  if (
    Array.isArray(after) &&
    !same(
      after,
      prompts.map((p) => p.text),
    )
  )
    return fail(tell.promptsChanged(name, prompts.length, after.length), run.locate(lineOf(done)));
  if (got && done.result.type !== 'list')
    return fail(tell.notAList(name, done.result), { ...run.locate(lineOf(done)), actual: done.result.repr });
  if (got && same(got, answers)) return pass();
  if (done.result.kind === 'coroutine')
    return fail(say.returnedCoroutine(name, 'Await what you gather before returning it.'), run.locate(lineOf(done)));
  if (done.result.kind === 'future' || done.result.kind === 'task') {
    return fail(
      say.wrongValue(
        name,
        'the list of answers',
        done.result,
        'asyncio.gather(...) hands back a future at once; `await` it to get the list of answers.',
      ),
      run.locate(lineOf(done)),
    );
  }
  if (
    got &&
    got.some((item) => typeof item === 'object' && item !== null && (item as { kind?: string }).kind === 'coroutine')
  ) {
    return fail(tell.coroutinesNotAnswers(run.file, name, done.neverAwaited?.[0]?.origin ?? lineOf(done)), {
      ...run.locate(done.neverAwaited?.[0]?.origin ?? lineOf(done)),
    });
  }
  if (got && got.length === answers.length && same([...got].map(String).sort(), [...answers].sort())) {
    const label = new Map(prompts.map((p, i) => [answers[i] as string, p.label]));
    const returned = got.map((g) => label.get(asText(g)) ?? asText(g));
    const finished = [...requests(log, prompts, done)]
      .filter((r) => r.status === 200)
      .sort((a, b) => (a.end ?? 0) - (b.end ?? 0))
      .map((r) => r.label);
    return fail(
      tell.answersInCompletionOrder(
        name,
        returned,
        prompts.map((p) => p.label),
        same(returned, finished),
      ),
      { ...run.locate(lineOf(done)), expected: answers, actual: got },
    );
  }
  return fail(
    tell.wrongAnswers(
      name,
      `a list of ${answers.length} answers, one per prompt in the order of \`prompts\``,
      done.result,
    ),
    { ...run.locate(lineOf(done)), expected: answers, actual: got ?? done.result.repr },
  );
}

// A call that raised because the API refused or failed a request, said in the exercise's words; else the usual.
function apiError(run: Observed, id: string, why: string): Verdict | null {
  const record = run.call(id);
  const exc = record.exception;
  if (exc?.type === 'RateLimitError')
    return fail(tell.refusedRaised(run.file, record.function, exc, why), run.locate(exc.frames.at(-1)));
  return null;
}

function medianGap(starts: number[]): number {
  const sorted = [...starts].sort((a, b) => a - b);
  const gaps = sorted
    .slice(1)
    .map((t, i) => t - (sorted[i] as number))
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

function valueIs(value: EncodedValue | undefined, expected: Json): boolean {
  return value?.kind === 'value' && same(value.value, expected);
}

export default defineExercise({
  fixture: async (host) => {
    const api = await startFakeApi(host);
    return { context: api, stop: () => api.stop() };
  },

  checks: {
    // ---- task 1 ----
    'all-answers-in-order': check(allProbe, (run, { prompts, answers, log }) => {
      const done = run.completed('all');
      return orderedAnswers(run, 'ask_all', done, prompts, answers, log);
    }),

    'all-at-once': check(allProbe, (run, { prompts, log, cutoff }) => {
      const record = run.call('all');
      const seen = requests(log, prompts, record);
      const evidence = evidenceOf(seen, { cutoffSeconds: cutoff, elapsedSeconds: busySeconds(seen) });
      const advice =
        'Make one complete(prompt) per prompt and run them together: `await asyncio.gather(*(complete(p) for p in prompts))`.';
      const blocked = blockedLoop(run, record, advice, evidence);
      if (blocked) return blocked;
      if (seen.length === 0) {
        const done = run.completed('all');
        const coroutines = (listOf(done.result) ?? []).some(
          (item) => typeof item === 'object' && item !== null && (item as { kind?: string }).kind === 'coroutine',
        );
        if (coroutines)
          return fail(tell.coroutinesNotAnswers(run.file, 'ask_all', done.neverAwaited?.[0]?.origin ?? lineOf(done)), {
            ...run.locate(done.neverAwaited?.[0]?.origin ?? lineOf(done)),
            evidence,
          });
        return fail(tell.neverAsked('ask_all', advice), { ...run.locate(lineOf(done)), evidence });
      }
      if (oneAfterAnother(seen))
        return fail(tell.oneAfterAnother(run.file, 'ask_all', seen, lineOf(record), advice), {
          ...run.locate(lineOf(record)),
          evidence,
        });
      const peak = peakInFlight(seen);
      const busy = busySeconds(seen);
      // Every request in flight at once proves the overlap; the clock decides only when the evidence does not.
      if (peak < prompts.length && busy >= cutoff)
        return fail(tell.notAllAtOnce('ask_all', seen, peak, busy, cutoff, advice), {
          ...run.locate(lineOf(record)),
          evidence,
        });
      run.completed('all');
      return pass(evidence);
    }),

    // ---- task 2 ----
    'bounded-answers': check(boundedProbe, (run, { calls }) => {
      for (const { id, prompts, answers, log, cap } of calls) {
        const refused = apiError(
          run,
          id,
          `the API refused a request because ${cap} were already in flight, so the batch was lost. Keep at most max_in_flight requests on their way at once.`,
        );
        if (refused) return refused;
        const verdict = orderedAnswers(run, 'ask_bounded', run.completed(id), prompts, answers, log);
        if (verdict.status !== 'pass') return verdict;
      }
      return pass();
    }),

    'bounded-in-flight': check(boundedProbe, (run, { calls }) => {
      let evidence: Evidence | undefined;
      for (const { id, prompts, log, cap } of calls) {
        const record = run.call(id);
        const seen = requests(log, prompts, record);
        evidence = evidenceOf(seen);
        const advice = 'Share one asyncio.Semaphore(max_in_flight) and hold it around each `await complete(prompt)`.';
        const blocked = blockedLoop(run, record, advice, evidence);
        if (blocked) return blocked;
        const over = refusedFor(seen, 'in-flight');
        if (over.length) {
          const line = record.exception?.frames.at(-1) ?? lineOf(record);
          return fail(tell.overTheCap(run.file, 'ask_bounded', over, cap, line), { ...run.locate(line), evidence });
        }
        if (seen.length === 0)
          return fail(tell.neverAsked('ask_bounded', advice), { ...run.locate(lineOf(record)), evidence });
        const peak = peakInFlight(seen);
        if (peak < cap)
          return fail(tell.underTheCap('ask_bounded', seen, peak, cap), { ...run.locate(lineOf(record)), evidence });
        // Exactly max_in_flight while prompts wait: each answer hands its place to the next prompt at once.
        const waits = handoffWaits(intervals(accepted(seen)), cap);
        const late = waits.filter((w) => w >= EMPTY_PLACE);
        if (late.length >= 2 && late.reduce((x, y) => x + y, 0) >= 3 * EMPTY_PLACE)
          return fail(tell.inBatches('ask_bounded', seen, cap, late), { ...run.locate(lineOf(record)), evidence });
        run.completed(id);
      }
      return pass(evidence);
    }),

    // ---- task 3 ----
    'retry-answers': check(retryProbe, (run, { recover, answer, recoverLog }) => {
      const record = run.call('recover');
      const seen = requests(recoverLog, [recover], record);
      const first = seen[0];
      if (record.exception && first && seen.length === 1 && first.status !== 200) {
        return fail(tell.noRetry(run.file, 'complete_with_retry', first, record.exception), {
          ...run.locate(record.exception.frames.at(-1)),
          evidence: evidenceOf(seen),
        });
      }
      const done = run.completed('recover');
      if (valueIs(done.result, answer)) return pass();
      return fail(
        tell.wrongAnswers(
          'complete_with_retry',
          `the answer to the prompt once a request succeeds (${JSON.stringify(answer)} this time)`,
          done.result,
        ),
        { ...run.locate(lineOf(done)), expected: answer, actual: done.result.repr },
      );
    }),

    'retry-waits': check(retryProbe, (run, { recover, giveUp, attempts, baseDelay, recoverLog, giveUpLog }) => {
      // Both calls on one time axis, so the timeline shows the second after the first.
      const start = run.call('recover').clock?.start;
      const zero = start !== undefined ? start * 1000 : reference(recoverLog, giveUpLog);
      const steps = [
        { id: 'recover', seen: requests(recoverLog, [recover], zero), attempts: attempts.recover },
        { id: 'give-up', seen: requests(giveUpLog, [giveUp], zero), attempts: attempts.giveUp },
      ];
      const all = steps.flatMap((s) => s.seen);
      const evidence: Evidence = { intervals: rows(all) };
      for (const step of steps) {
        const record = run.call(step.id);
        const blocked = blockedLoop(run, record, tell.blockedRetry(), evidence);
        if (blocked) return blocked;
      }
      for (const step of steps) {
        const record = run.call(step.id);
        const { seen } = step;
        const first = seen[0];
        if (!first)
          return fail(tell.neverAsked('complete_with_retry', 'Call `await complete(prompt)` inside the retry loop.'), {
            ...run.locate(lineOf(record)),
            evidence,
          });
        if (seen.length === 1 && first.status !== 200)
          return fail(tell.noRetry(run.file, 'complete_with_retry', first, record.exception), {
            ...run.locate(record.exception?.frames.at(-1) ?? lineOf(record)),
            evidence,
          });
        for (let i = 0; i + 1 < seen.length; i++) {
          const prev = seen[i] as Request;
          const next = seen[i + 1] as Request;
          const gap = next.start - (prev.end ?? prev.start);
          const n = i + 1;
          const wanted = prev.status === 429 ? (prev.retryAfter ?? 0) : baseDelay * 2 ** (n - 1);
          // asyncio.sleep never wakes early; the slack covers the two clocks and the server's stamping.
          if (gap < wanted * 0.95 - 0.003) {
            const message =
              prev.status === 429
                ? tell.ignoredRetryAfter(prev, next, gap)
                : tell.retriedTooSoon(prev, next, gap, wanted, n);
            return fail(message, { ...run.locate(lineOf(record)), evidence });
          }
          const most = prev.status === 429 ? wanted : wanted * 1.5;
          if (gap > 2 * most + 0.5)
            return fail(tell.waitedTooLong(prev, next, gap, most), { ...run.locate(lineOf(record)), evidence });
        }
        const last = seen.at(-1) as Request;
        const retryable = last.status === 429 || (last.status !== null && last.status >= 500);
        if (retryable && seen.length < step.attempts) {
          return fail(
            tell.stoppedRetrying(run.file, 'complete_with_retry', last, seen.length, step.attempts, record.exception),
            { ...run.locate(record.exception?.frames.at(-1) ?? lineOf(record)), evidence },
          );
        }
      }
      return pass(evidence);
    }),

    'retry-gives-up': check(
      retryProbe,
      (run, { giveUp, attempts, giveUpLog, baseDelay, tooLongPrompt, clientErrorLog }) => {
        const record = run.call('give-up');
        const seen = requests(giveUpLog, [giveUp], record);
        const evidence = evidenceOf(seen);
        const first = seen[0];
        if (!first)
          return fail(tell.neverAsked('complete_with_retry', 'Call `await complete(prompt)` inside the retry loop.'), {
            ...run.locate(lineOf(record)),
            evidence,
          });
        if (seen.length === 1)
          return fail(tell.noRetry(run.file, 'complete_with_retry', first, record.exception), {
            ...run.locate(record.exception?.frames.at(-1) ?? lineOf(record)),
            evidence,
          });
        // Fewer attempts, the last a 500: more likely a retry that left 500 out than a miscount.
        const lastSeen = seen.at(-1) as Request;
        if (seen.length < attempts.giveUp && lastSeen.status === 500)
          return fail(
            tell.stoppedRetrying(
              run.file,
              'complete_with_retry',
              lastSeen,
              seen.length,
              attempts.giveUp,
              record.exception,
            ),
            { ...run.locate(record.exception?.frames.at(-1) ?? lineOf(record)), evidence },
          );
        if (seen.length !== attempts.giveUp)
          return fail(tell.wrongAttempts('complete_with_retry', seen.length, attempts.giveUp, seen), {
            ...run.locate(lineOf(record)),
            evidence,
          });
        const exc = record.exception;
        if (!exc)
          return fail(tell.swallowedLastError('complete_with_retry', record.result, attempts.giveUp), {
            ...run.locate(lineOf(record)),
            evidence,
          });
        const last = seen.at(-1) as Request;
        const message = serverError(last.status ?? 500).error.message;
        if (exc.type !== 'APIError' || exc.message !== message)
          return fail(tell.raisedOtherThanLast(run.file, 'complete_with_retry', exc, last), {
            ...run.locate(exc.frames.at(-1)),
            evidence,
          });
        // Raised once the last attempt failed, not after one more wait: the call ends soon after the last answer.
        const returned = record.clock?.end != null ? record.clock.end - record.clock.start : null;
        const lastWait = baseDelay * 2 ** (attempts.giveUp - 1);
        if (returned !== null && last.end !== null && returned - last.end > LAST_WAIT_SHARE * lastWait)
          return fail(tell.waitedBeforeRaising('complete_with_retry', returned - last.end, attempts.giveUp), {
            ...run.locate(exc.frames.at(-1)),
            evidence,
          });
        // A 4xx is raised at once: trying again cannot help.
        const clientError = run.call('client-error');
        const asked = requests(clientErrorLog, [tooLongPrompt], clientError);
        const raised = clientError.exception;
        if (asked.length > 1 || (asked.length === 1 && !raised))
          return fail(tell.retriedClientError('complete_with_retry', asked, raised ?? null, clientError.result), {
            ...run.locate(raised?.frames.at(-1) ?? lineOf(clientError)),
            evidence: evidenceOf(asked),
          });
        return pass(evidence);
      },
    ),

    // ---- task 4 ----
    'timeout-gives-up': check(timeoutProbe, (run, { slow, timeout, slowLog }) => {
      const record = run.call('slow');
      const seen = requests(slowLog, [slow], record);
      const evidence = evidenceOf(seen, { cutoffSeconds: timeout });
      const exc = record.exception;
      if (exc && /TimeoutError|CancelledError/.test(exc.type))
        return fail(tell.timeoutEscaped(run.file, 'complete_with_timeout', exc), {
          ...run.locate(exc.frames.at(-1)),
          evidence,
        });
      const done = run.completed('slow');
      const pending = done.pendingTasks ?? [];
      if (pending.length)
        return fail(tell.leftRunningAfterTimeout(run.file, 'complete_with_timeout', pending), {
          ...run.locate(pending[0]?.origin ?? lineOf(done)),
          evidence,
        });
      const req = seen[0];
      if (!req)
        return fail(tell.neverAsked('complete_with_timeout', 'Await complete(prompt) under asyncio.wait_for.'), {
          ...run.locate(lineOf(done)),
          evidence,
        });
      if (req.status === 200) {
        if (!valueIs(done.result, null))
          return fail(tell.noTimeout('complete_with_timeout', done.seconds, timeout, done.result), {
            ...run.locate(lineOf(done)),
            evidence,
          });
        return fail(tell.requestRanOn(req, timeout), { ...run.locate(lineOf(done)), evidence });
      }
      if (!valueIs(done.result, null))
        return fail(tell.wrongAnswers('complete_with_timeout', 'None, since no answer came in time', done.result), {
          ...run.locate(lineOf(done)),
          evidence,
        });
      // Giving up early shows on the call's own clock (asyncio never wakes early); late, on the API's: the request
      // reaches the API only after a worker thread and a connection, so the API cannot see when the wait began.
      const gone = (req.end ?? Number.POSITIVE_INFINITY) - req.start;
      if (done.seconds < timeout * 0.9 || gone > timeout + 0.5)
        return fail(tell.gaveUpAt(req, timeout, done.seconds < timeout * 0.9 ? done.seconds : gone), {
          ...run.locate(lineOf(done)),
          evidence,
        });
      const open = openAfterReturn(req, done);
      if (open !== null)
        return fail(tell.openAfterTimeout('complete_with_timeout', req, timeout, open), {
          ...run.locate(lineOf(done)),
          evidence,
        });
      return pass(evidence);
    }),

    'timeout-answers': check(timeoutProbe, (run, { quick, quickTimeout, answer, quickLog }) => {
      const done = run.completed('quick');
      if (valueIs(done.result, answer)) return pass();
      const req = requests(quickLog, [quick], done)[0];
      if (valueIs(done.result, null) && req?.status === 200 && req.end !== null)
        return fail(
          tell.fastGaveUp('complete_with_timeout', quickTimeout, req.end - req.start),
          run.locate(lineOf(done)),
        );
      return fail(
        tell.wrongAnswers(
          'complete_with_timeout',
          `the answer, which came in time (${JSON.stringify(answer)} this time)`,
          done.result,
        ),
        { ...run.locate(lineOf(done)), expected: answer, actual: done.result.repr },
      );
    }),

    // ---- task 5 ----
    'first-answer': check(firstProbe, (run, { races }) => {
      for (const { id, fast, slow, fastAnswer, slowAnswer } of races) {
        const done = run.completed(id);
        if (valueIs(done.result, fastAnswer)) continue;
        if (valueIs(done.result, slowAnswer))
          return fail(tell.slowerAnswer('first_answer', fast, slow), {
            ...run.locate(lineOf(done)),
            expected: fastAnswer,
            actual: slowAnswer,
          });
        return fail(
          tell.wrongAnswers(
            'first_answer',
            `the answer of the model that answered first (${JSON.stringify(fastAnswer)} this time)`,
            done.result,
          ),
          { ...run.locate(lineOf(done)), expected: fastAnswer, actual: done.result.repr },
        );
      }
      return pass();
    }),

    'first-cancels': check(firstProbe, (run, { models, races }) => {
      let evidence: Evidence | undefined;
      for (const { id, prompt, fast, slow, log } of races) {
        const done = run.completed(id);
        const seen = requests(log, [prompt], done).map((r) => ({ ...r, label: r.model }));
        evidence = evidenceOf(seen);
        const fastReq = seen.find((r) => r.model === fast);
        const slowReq = seen.find((r) => r.model === slow);
        if (!fastReq || !slowReq)
          return fail(
            tell.notEveryModel(
              'first_answer',
              [...new Set(seen.map((r) => r.model.replace(/\s+/g, ' ').slice(0, 40)))],
              models,
            ),
            {
              ...run.locate(lineOf(done)),
              evidence,
            },
          );
        // One after another, judged from the API's records: the earlier request given up before any answer, then
        // the other asked. (The learner's own line awaiting each request says so too. A request that arrives after
        // the winner and leaves at once is a cancel that overtook a worker thread on a busy machine.)
        const [earlier] = [fastReq, slowReq].sort((x, y) => x.start - y.start);
        const awaited = (done.spans ?? []).find((s) => s.where)?.where ?? null;
        if (oneAfterAnother([fastReq, slowReq]) && (awaited || earlier?.status !== 200))
          return fail(tell.modelsOneAfterAnother(run.file, 'first_answer', seen, awaited), {
            ...run.locate(awaited ?? lineOf(done)),
            evidence,
          });
        const pending = done.pendingTasks ?? [];
        if (pending.length)
          return fail(tell.slowerLeftRunning(run.file, 'first_answer', pending, slowReq), {
            ...run.locate(pending[0]?.origin ?? lineOf(done)),
            evidence,
          });
        if (slowReq.status === 200)
          return fail(tell.waitedForBoth('first_answer', fastReq, slowReq), { ...run.locate(lineOf(done)), evidence });
        const open = openAfterReturn(slowReq, done);
        if (open !== null)
          return fail(tell.slowerOpenAfterReturn('first_answer', slowReq, open), {
            ...run.locate(lineOf(done)),
            evidence,
          });
      }
      return pass(evidence);
    }),

    // ---- task 6 ----
    'paced-answers': check(pacedProbe, (run, { prompts, answers, log, budget, window }) => {
      const refused = apiError(
        run,
        'paced',
        `the API refused a request because the budget of ${budget} per ${window} s was spent, so the batch was lost. Pace the requests to the budget.`,
      );
      if (refused) return refused;
      return orderedAnswers(run, 'ask_paced', run.completed('paced'), prompts, answers, log);
    }),

    'paced-within-budget': check(pacedProbe, (run, { prompts, log, budget, window, paced, cutoff }) => {
      const record = run.call('paced');
      const seen = requests(log, prompts, record);
      const starts = seen.map((r) => r.start);
      const span = starts.length ? Math.max(...starts) - Math.min(...starts) : 0;
      const evidence = evidenceOf(seen, { cutoffSeconds: cutoff, elapsedSeconds: span });
      const advice = `Start one request every window / budget seconds (${window / budget} s here) and gather them at the end.`;
      const blocked = blockedLoop(run, record, advice, evidence);
      if (blocked) return blocked;
      const over = refusedFor(seen, 'budget');
      if (over.length) {
        const line = record.exception?.frames.at(-1) ?? lineOf(record);
        return fail(
          tell.overBudget(run.file, 'ask_paced', over, seen.length, budget, window, line, medianGap(starts)),
          {
            ...run.locate(line),
            evidence,
          },
        );
      }
      if (seen.length === 0)
        return fail(tell.neverAsked('ask_paced', advice), { ...run.locate(lineOf(record)), evidence });
      // Too fast, though the API's slack let it through: within the budget, the last request cannot start before
      // the budget's worth at once and one per window / budget after it, counted from the call's own start (a busy
      // machine only makes requests later).
      const soonest = (prompts.length - budget) * (window / budget);
      const lastStart = Math.max(...starts);
      if (seen.length >= prompts.length && lastStart < PACED_SHARE * soonest)
        return fail(tell.pacedTooFast('ask_paced', seen.length, lastStart, soonest, budget, window), {
          ...run.locate(lineOf(record)),
          evidence,
        });
      // Awaited right in the learner's loop, each answer held up the next request; spaced too far, they only start
      // late.
      const awaited = (record.spans ?? []).find((s) => s.where)?.where ?? null;
      if (oneAfterAnother(seen) && awaited)
        return fail(tell.pacedOneAtATime(run.file, 'ask_paced', seen, awaited), { ...run.locate(awaited), evidence });
      // Too slow when the whole batch took past the cut-off and its typical spacing is near a whole window: a starved
      // machine stretches some gaps, not the run's median to three quarters of a window.
      if (seen.length >= prompts.length && span > cutoff && medianGap(starts) > 0.75 * window) {
        return fail(tell.pacedTooSlow('ask_paced', span, paced, cutoff, budget, window, medianGap(starts)), {
          ...run.locate(lineOf(record)),
          evidence,
        });
      }
      if (oneAfterAnother(seen))
        return fail(tell.pacedOneAtATime(run.file, 'ask_paced', seen, null), {
          ...run.locate(lineOf(record)),
          evidence,
        });
      run.completed('paced');
      return pass(evidence);
    }),

    // ---- task 7 ----
    'safely-keeps-the-rest': check(safelyProbe, (run, { prompts, failingIndex, answers, log }) => {
      const record = run.call('safely');
      const seen = requests(log, prompts, record);
      const evidence = evidenceOf(seen);
      const exc = record.exception;
      if (exc && /Error$/.test(exc.type) && seen.some((r) => r.status === 400)) {
        return fail(tell.failureLostTheRest(run.file, 'ask_all_safely', exc, prompts.length - 1), {
          ...run.locate(exc.frames.at(-1)),
          evidence,
        });
      }
      const done = run.completed('safely');
      const got = listOf(done.result);
      const failing = prompts[failingIndex] as Prompt;
      if (!got)
        return fail(tell.wrongAnswers('ask_all_safely', 'a list with one item per prompt', done.result), {
          ...run.locate(lineOf(done)),
          actual: done.result.repr,
        });
      if (got.length !== prompts.length)
        return fail(tell.wrongLength('ask_all_safely', got.length, prompts.length), {
          ...run.locate(lineOf(done)),
          actual: done.result.repr,
        });
      for (let i = 0; i < prompts.length; i++) {
        if (i === failingIndex) continue;
        if (!same(got[i], answers[i] as Json)) {
          return fail(
            tell.wrongAnswers(
              'ask_all_safely',
              `the answers in the order of \`prompts\`, with the APIError in place of ${failing.label}`,
              done.result,
            ),
            { ...run.locate(lineOf(done)), actual: done.result.repr },
          );
        }
      }
      const item = got[failingIndex];
      const isError =
        typeof item === 'object' &&
        item !== null &&
        !Array.isArray(item) &&
        (item as { kind?: string }).kind === 'object' &&
        /APIError$/.test(String((item as { type?: string }).type));
      if (!isError)
        return fail(tell.failureNotInPlace('ask_all_safely', failing.label, failingIndex, item ?? null), {
          ...run.locate(lineOf(done)),
          actual: done.result.repr,
        });
      if (oneAfterAnother(seen))
        return fail(tell.safelyOneAtATime('ask_all_safely', seen), { ...run.locate(lineOf(done)), evidence });
      return pass(evidence);
    }),

    'or-nothing-raises': check(orNothingProbe, (run, { failing, error }) => {
      const record = run.call('nothing');
      const exc = record.exception;
      if (!exc)
        return fail(
          tell.returnedInsteadOfRaising('ask_all_or_nothing', record.result, failing.label),
          run.locate(lineOf(record)),
        );
      if (/ExceptionGroup$/.test(exc.type))
        return fail(tell.exceptionGroupEscaped(run.file, 'ask_all_or_nothing', exc), run.locate(exc.frames.at(-1)));
      if (exc.type !== 'APIError' || exc.message !== error)
        return fail(tell.raisedWrongError(run.file, 'ask_all_or_nothing', exc, error), run.locate(exc.frames.at(-1)));
      return pass();
    }),

    'or-nothing-cancels': check(orNothingProbe, (run, { prompts, failing, log }) => {
      const record = run.call('nothing');
      const seen = requests(log, prompts, record);
      const evidence = evidenceOf(seen);
      const failed = seen.find((r) => r.prompt === failing.text);
      if (!failed)
        return fail(tell.neverAsked('ask_all_or_nothing', 'Start one task per prompt.'), {
          ...run.locate(lineOf(record)),
          evidence,
        });
      const others = seen.filter((r) => r !== failed);
      // One after another only when the learner's own line awaited each request (a request cancelled before it was
      // sent never reaches the API, so fewer requests than prompts prove nothing).
      // From the API's records alone: two requests that each ran long enough to be answered, one after another.
      const awaited = (record.spans ?? []).find((s) => s.where)?.where ?? null;
      const ranLong = others.filter((r) => (r.end ?? Number.POSITIVE_INFINITY) - r.start >= RAN_LONG_SECONDS);
      if ((awaited && oneAfterAnother(seen)) || oneAfterAnother(ranLong))
        return fail(tell.orNothingOneAtATime(run.file, 'ask_all_or_nothing', seen, awaited), {
          ...run.locate(awaited ?? lineOf(record)),
          evidence,
        });
      const pending = record.pendingTasks ?? [];
      if (pending.length)
        return fail(tell.othersLeftRunning(run.file, 'ask_all_or_nothing', pending, pending.length), {
          ...run.locate(pending[0]?.origin ?? lineOf(record)),
          evidence,
        });
      // Only answers sent after the failure count: one sent before it (a busy machine can hold a request back) could
      // not have been cancelled.
      const failedAt = failed.end ?? Number.POSITIVE_INFINITY;
      const answered = others.filter((r) => r.status === 200 && (r.end ?? 0) > failedAt + 0.02);
      if (answered.length)
        return fail(tell.waitedForAll('ask_all_or_nothing', failed, answered), {
          ...run.locate(lineOf(record)),
          evidence,
        });
      return pass(evidence);
    }),
  },
});
