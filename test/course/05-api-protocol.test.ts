// Exercise 05's fake API speaks OpenAI's chat completions protocol: the documented request gets an answer shaped like
// the documented completion, a refusal is shaped like a captured 429, and the records say what a judge needs.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi, type Scenario } from '../../exercises/05-api-calls/grader/server.js';
import { CONTEXT_LIMIT_CHARS } from '../../exercises/05-api-calls/grader/protocol.js';
import { timed, type RequestLog } from '../../exercises/05-api-calls/grader/requests.js';
import { kitRoot } from '../../grader/paths.js';
import { loopbackHost } from '../../grader/run/services.js';

interface Fixture {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(path.join(kitRoot, 'test', 'fixtures', 'api', name), 'utf8')) as Fixture;
}

// The documented value's shape: its keys, nested, and the JSON type of each leaf.
type Shape = string | Shape[] | { [key: string]: Shape };
function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

// Every key the documented shape has, the fake has too, with the same type (the fake may carry more keys).
function missingFrom(documented: Shape, actual: Shape, at = ''): string[] {
  if (typeof documented === 'string' || typeof actual === 'string')
    return documented === actual
      ? []
      : [`${at || '.'}: ${JSON.stringify(actual)} instead of ${JSON.stringify(documented)}`];
  if (Array.isArray(documented))
    return Array.isArray(actual) && documented[0] && actual[0]
      ? missingFrom(documented[0], actual[0], `${at}[0]`)
      : Array.isArray(actual)
        ? []
        : [`${at}: not a list`];
  if (Array.isArray(actual)) return [`${at}: a list instead of an object`];
  return Object.entries(documented).flatMap(([key, shape]) =>
    key in actual ? missingFrom(shape, actual[key] as Shape, `${at}.${key}`) : [`${at}.${key}: missing`],
  );
}

async function post(
  api: FakeApi,
  key: string,
  body: unknown,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${api.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

function ask(content: string, model = 'gpt-4o-mini'): { model: string; messages: { role: string; content: string }[] } {
  return { model, messages: [{ role: 'user', content }] };
}

const quick: Scenario = { latency: () => 0.01, retryAfter: () => 0.12 };

describe("exercise 05's fake API", () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi(loopbackHost);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('answers the documented request with the documented chat completion shape, worded for the prompt and model', async () => {
    const documented = fixture('chat-request.json');
    const expected = fixture('chat-completion.json');
    const { key, log } = api.open(quick);
    const answer = await post(api, key, documented.body);
    expect(answer.status).toBe(expected.status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(missingFrom(shapeOf(expected.body), shapeOf(answer.json))).toEqual([]);
    expect(answer.json.object).toBe('chat.completion');
    expect(answer.json.model).toBe('gpt-4o-mini');
    expect(String(answer.json.id)).toMatch(/^chatcmpl-/);
    const choice = (answer.json.choices as { message: { content: string }; finish_reason: string }[])[0];
    expect(choice?.message.content).toBe(api.answer('Hello!', 'gpt-4o-mini'));
    expect(choice?.finish_reason).toBe('stop');
    const usage = answer.json.usage as Record<string, number>;
    expect(usage.total_tokens).toBe((usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0));
    expect(log.requests).toMatchObject([
      { n: 1, prompt: 'Hello!', model: 'gpt-4o-mini', attempt: 1, status: 200, wentAway: false, refused: null },
    ]);
  });

  it('answers differently for another prompt, another model, and another run', async () => {
    const other = await startFakeApi(loopbackHost);
    try {
      const answers = new Set([
        api.answer('kale', 'gpt-4o-mini'),
        api.answer('leek', 'gpt-4o-mini'),
        api.answer('kale', 'gpt-4o'),
        other.answer('kale', 'gpt-4o-mini'),
      ]);
      expect(answers.size).toBe(4);
    } finally {
      await other.stop();
    }
  });

  it('refuses a request over the cap in flight like the captured 429: the same body shape and retry headers', async () => {
    const captured = fixture('rate-limit-429.json');
    const { key, log } = api.open({ latency: () => 0.2, maxInFlight: 1, retryAfter: () => 0.12 });
    const [first, second] = await Promise.all([
      post(api, key, ask('kale')),
      new Promise((r) => setTimeout(r, 30)).then(() => post(api, key, ask('leek'))),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(captured.status);
    expect(missingFrom(shapeOf(captured.body), shapeOf(second.json))).toEqual([]);
    expect((second.json.error as Record<string, unknown>).code).toBe('rate_limit_exceeded');
    expect((second.json.error as Record<string, unknown>).type).toBe('requests');
    expect(second.headers.get('retry-after-ms')).toBe('120');
    expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(0.12);
    const records = timed(log);
    expect(records.map((r) => [r.prompt, r.status, r.refused, r.retryAfter])).toEqual([
      ['kale', 200, null, null],
      ['leek', 429, 'in-flight', 0.12],
    ]);
  });

  it('keeps a budget per window as a token bucket with one request of slack, with the documented rate-limit headers', async () => {
    const captured = fixture('rate-limit-429.json');
    // One request's worth every 0.5 s: the burst below takes far less than that to arrive.
    const { key, log } = api.open({ latency: () => 0.01, budget: { requests: 3, window: 1.5 }, retryAfter: () => 0.1 });
    const burst = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((p) => post(api, key, ask(p))));
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429, 429]);
    const refused = burst.find((r) => r.status === 429);
    for (const header of Object.keys(captured.headers ?? {})) expect(refused?.headers.has(header), header).toBe(true);
    expect(log.requests.filter((r) => r.refused === 'budget')).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 600));
    expect((await post(api, key, ask('g'))).status).toBe(200);
  });

  it('fails with OpenAI-shaped errors: 5xx chosen by the scenario, 400 past the context limit, 401 for an unknown key', async () => {
    const { key } = api.open({
      latency: () => 0.01,
      fail: (a) => (a.attempt === 1 ? { status: 503 } : null),
      retryAfter: () => 0.1,
    });
    const error = fixture('rate-limit-429.json').body;
    const failed = await post(api, key, ask('kale'));
    expect(failed.status).toBe(503);
    expect(
      missingFrom(
        shapeOf({ error: { ...(error.error as object), code: 'x' } }),
        shapeOf({ error: { ...(failed.json.error as object), code: 'x' } }),
      ),
    ).toEqual([]);
    expect((await post(api, key, ask('kale'))).status).toBe(200);
    const long = await post(api, key, ask('x'.repeat(CONTEXT_LIMIT_CHARS + 1)));
    expect(long.status).toBe(400);
    expect((long.json.error as Record<string, unknown>).code).toBe('context_length_exceeded');
    const stranger = await post(api, 'sk-nobody', ask('kale'));
    expect(stranger.status).toBe(401);
    expect((stranger.json.error as Record<string, unknown>).code).toBe('invalid_api_key');
    // A body far past any prompt of the course is refused without being kept: a flood of them cannot fill the grader.
    const huge = await post(api, key, ask('x'.repeat(2_000_000)));
    expect(huge.status).toBe(413);
    const bad = await post(api, key, { model: 'gpt-4o-mini' });
    expect(bad.status).toBe(400);
    expect((bad.json.error as Record<string, unknown>).param).toBe('messages');
  });

  it('records a client that goes away before its answer, with the time it left', async () => {
    const { key, log } = api.open({ latency: () => 2, retryAfter: () => 0.1 });
    const url = new URL(`${api.baseUrl}/chat/completions`);
    const body = JSON.stringify(ask('slow'));
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'content-length': Buffer.byteLength(body) },
    });
    req.on('error', () => undefined);
    req.end(body);
    await until(() => log.requests.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    await until(() => log.requests[0]?.ended !== null);
    const [record] = timed(log);
    expect(record).toMatchObject({ prompt: 'slow', status: null, wentAway: true });
    expect(record?.end ?? 0).toBeGreaterThanOrEqual(0.09);
    expect(record?.end ?? 9).toBeLessThan(1.5);
  });

  it("measures every time from the scenario's first request", () => {
    const log: RequestLog = {
      requests: [
        {
          n: 1,
          prompt: 'a',
          model: 'm',
          attempt: 1,
          arrived: 1000,
          ended: 1100,
          status: 200,
          refused: null,
          retryAfter: null,
          wentAway: false,
        },
        {
          n: 2,
          prompt: 'b',
          model: 'm',
          attempt: 1,
          arrived: 1050,
          ended: null,
          status: null,
          refused: null,
          retryAfter: null,
          wentAway: false,
        },
      ],
    };
    expect(timed(log).map((r) => [r.start, r.end])).toEqual([
      [0, 0.1],
      [0.05, null],
    ]);
  });
});

async function until(done: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
