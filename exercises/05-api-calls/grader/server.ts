// Exercise 05's fake of an OpenAI-compatible chat completions API, on 127.0.0.1. It is the witness: it records every
// request's arrival, answer, status and whether the client went away, with the grader's clock. Each probe gets its own
// scenario (latencies, limits, failures), tied to it by the API key its plan mints, and its requests are also
// recorded in the probe's witness scope, so that each call of the learner's owns the requests made while it ran.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ServiceHost } from '../../../grader/run/services.js';
import { CLAIMS_HEADER, claimsFromHeader } from '../../../grader/witness/claims.js';
import { now, type Claims, type WitnessScope } from '../../../grader/witness/types.js';
import * as api from './protocol.js';
import type { RequestLog, RequestRecord } from './requests.js';

// The longest any answer may take, so a stray request never holds the server open.
const MAX_LATENCY_SECONDS = 10;
// A chat request of the course is a few kilobytes; a body past this is refused, and no more of it is read.
const MAX_BODY_BYTES = 64 * 1024;

// A request as the scenario sees it when deciding how to answer.
export interface Asked {
  prompt: string;
  model: string;
  attempt: number;
  n: number;
}

// A failure the scenario chose for a request: sent after the request's latency.
export interface Failure {
  status: 500 | 502 | 503 | 504 | 429;
  retryAfter?: number;
}

// How the fake behaves for one key. Times in seconds.
export interface Scenario {
  latency(asked: Asked): number;
  fail?(asked: Asked): Failure | null;
  // More requests than this at once are refused at once with 429.
  maxInFlight?: number;
  // A budget of `requests` per `window` seconds, refilled steadily (a token bucket holding at most `requests`),
  // with some slack for the jitter between the client's clock and the server's (see BUDGET_SLACK_SECONDS).
  budget?: { requests: number; window: number };
  // The wait a refusal (429) asks for.
  retryAfter(): number;
}

export interface FakeApi {
  // What OPENAI_BASE_URL is set to: http://127.0.0.1:<port>/v1
  baseUrl: string;
  // A new key tied to `scenario`, and the live log of the requests made with it; with a `scope`, each request is
  // also a span there (what the probe's calls own, with the claims the grader's client sent).
  open(scenario: Scenario, scope?: WitnessScope): { key: string; log: RequestLog };
  // The answer's text for a prompt and model: unpredictable without this run's secret, so it cannot be hard-coded.
  answer(prompt: string, model: string): string;
  stop(): Promise<void>;
}

export interface FakeApiOptions {
  // The scenario for a key nobody opened (the playground accepts any key); without it such keys get 401.
  anyKey?: () => Scenario;
  // Called as each request ends (the playground prints them).
  onEnd?: (record: RequestRecord) => void;
}

// One key's state: its scenario, its records, what is in flight and what is left of its budget.
interface Account {
  scenario: Scenario;
  scope?: WitnessScope;
  log: RequestLog;
  inFlight: number;
  attempts: Map<string, number>;
  tokens: number;
  // When the tokens were last counted; null until the first request, so the time before it saves nothing up.
  refilledAt: number | null;
}

// The budget's slack, for the jitter between the client's clock and the server's: a starved machine can hold a
// paced client's requests back and then let them go together. The bucket may go this many seconds of refill into
// debt, and refills up to the budget plus as much again while nobody asks; it starts at the budget, so a batch sent
// all at once still gets only a few requests past it.
const BUDGET_SLACK_SECONDS = 0.2;

// The witness's clock in milliseconds: what the records are stamped with, comparable with the call's own marks.
const clock = (): number => now() * 1000;

// The grader's own clients name themselves in their claims; any other request is the learner's own code's.
const CLIENTS = new Set(['complete', 'complete_blocking']);

function clientOf(claims: Claims): string {
  const helper = claims.detail?.helper;
  return typeof helper === 'string' && CLIENTS.has(helper) ? helper : 'request';
}

export async function startFakeApi(host: ServiceHost, options: FakeApiOptions = {}): Promise<FakeApi> {
  const secret = randomBytes(16);
  const accounts = new Map<string, Account>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const answer = (prompt: string, model: string): string => {
    const code = createHmac('sha256', secret).update(`${model}\n${prompt}`).digest('hex').slice(0, 10);
    return `${model} answers ${JSON.stringify(prompt.length > 60 ? `${prompt.slice(0, 57)}...` : prompt)}: ${code}`;
  };

  const account = (scenario: Scenario, scope?: WitnessScope): Account => ({
    scenario,
    ...(scope ? { scope } : {}),
    log: { requests: [] },
    inFlight: 0,
    attempts: new Map(),
    tokens: scenario.budget?.requests ?? 0,
    refilledAt: null,
  });

  const open = (scenario: Scenario, scope?: WitnessScope): { key: string; log: RequestLog } => {
    const key = `sk-lab-${randomBytes(12).toString('hex')}`;
    const made = account(scenario, scope);
    accounts.set(key, made);
    return { key, log: made.log };
  };

  // Spends one request of the budget, or says it is spent.
  const spend = (acc: Account, now: number): boolean => {
    const budget = acc.scenario.budget;
    if (!budget) return true;
    const rate = budget.requests / (budget.window * 1000);
    const slack = Math.max(1, BUDGET_SLACK_SECONDS * 1000 * rate);
    // Stamps are arrivals, and bodies may finish reading out of order: time only moves forward.
    const last = acc.refilledAt ?? now;
    acc.tokens = Math.min(budget.requests + slack, acc.tokens + Math.max(0, now - last) * rate);
    acc.refilledAt = Math.max(last, now);
    if (acc.tokens - 1 < -slack) return false;
    acc.tokens -= 1;
    return true;
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      if (response.headersSent || response.destroyed) return;
      const text = JSON.stringify(body);
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(text)),
        'x-request-id': `req_${randomBytes(8).toString('hex')}`,
        connection: 'close',
        ...headers,
      });
      response.end(text);
    };

    if (request.method === 'GET' && url.pathname === '/v1/models') {
      send(200, {
        object: 'list',
        data: ['gpt-4o-mini', 'gpt-4.1-nano', 'gpt-4o'].map((id) => ({
          id,
          object: 'model',
          created: 1715367049,
          owned_by: 'asyncio-lab',
        })),
      });
      return;
    }
    if (request.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
      send(404, api.notFound(request.method ?? 'GET', url.pathname));
      return;
    }
    const key = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    let acc = accounts.get(key);
    if (!acc && options.anyKey && key) {
      acc = account(options.anyKey());
      accounts.set(key, acc);
    }
    if (!acc) {
      send(401, api.invalidApiKey(key));
      return;
    }
    const holder: Account = acc;
    const claims = claimsFromHeader(request.headers[CLAIMS_HEADER]);

    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      send(413, api.invalidRequest('messages', `The request body is over ${MAX_BODY_BYTES} bytes.`));
      request.destroy();
    });
    request.on('end', () => {
      // Stamped from here: a request is made when the whole of it has been sent. (Headers sent early, with each
      // body held back until the answer before it came, are still one request after another.)
      const arrived = clock();
      const span = holder.scope?.begin(clientOf(claims), `request ${holder.log.requests.length + 1}`, claims);
      response.once('finish', () => span?.end(response.statusCode));
      response.once('close', () => span?.abandon());
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const read = api.readChatRequest(parsed);
      if (!read.ok) {
        send(400, api.invalidRequest(read.param, read.message));
        return;
      }
      handle(holder, read.request.model, read.prompt, arrived, response, send);
    });
  });

  const handle = (
    acc: Account,
    model: string,
    prompt: string,
    arrived: number,
    response: ServerResponse,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void => {
    const attemptKey = `${model}\n${prompt}`;
    const attempt = (acc.attempts.get(attemptKey) ?? 0) + 1;
    acc.attempts.set(attemptKey, attempt);
    const record: RequestRecord = {
      n: acc.log.requests.length + 1,
      prompt,
      model,
      attempt,
      arrived,
      ended: null,
      status: null,
      refused: null,
      retryAfter: null,
      wentAway: false,
    };
    acc.log.requests.push(record);
    const asked: Asked = { prompt, model, attempt, n: record.n };
    const scenario = acc.scenario;
    // OpenAI's headers about the budget, where the scenario has one.
    const budgetHeaders = (): Record<string, string> =>
      scenario.budget
        ? {
            'x-ratelimit-limit-requests': String(scenario.budget.requests),
            'x-ratelimit-remaining-requests': String(
              Math.min(scenario.budget.requests, Math.max(0, Math.floor(acc.tokens))),
            ),
          }
        : {};
    const finish = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      if (record.ended !== null) return;
      record.ended = clock();
      record.status = status;
      send(status, body, { ...budgetHeaders(), ...headers });
      options.onEnd?.(record);
    };
    const refuse = (why: api.Refusal, limit: string, retryAfter: number): void => {
      record.refused = why;
      record.retryAfter = retryAfter;
      finish(429, api.rateLimited(model, why, limit, retryAfter), api.retryAfterHeaders(retryAfter));
    };

    if (scenario.maxInFlight !== undefined && acc.inFlight >= scenario.maxInFlight) {
      refuse('in-flight', `${scenario.maxInFlight} at a time`, scenario.retryAfter());
      return;
    }
    if (!spend(acc, arrived)) {
      const budget = scenario.budget as { requests: number; window: number };
      refuse('budget', `${budget.requests} per ${budget.window} s`, scenario.retryAfter());
      return;
    }

    acc.inFlight += 1;
    let open = true;
    const release = (): void => {
      if (!open) return;
      open = false;
      acc.inFlight -= 1;
    };
    const latency = Math.min(Math.max(scenario.latency(asked), 0), MAX_LATENCY_SECONDS);
    const failure = scenario.fail?.(asked) ?? null;
    const timer = setTimeout(() => {
      timers.delete(timer);
      release();
      if (response.destroyed) return;
      const processing = { 'openai-processing-ms': String(Math.round(latency * 1000)) };
      if (prompt.length > api.CONTEXT_LIMIT_CHARS)
        finish(400, api.contextLengthExceeded(model, prompt.length), processing);
      else if (failure?.status === 429) {
        record.retryAfter = failure.retryAfter ?? scenario.retryAfter();
        finish(429, api.rateLimited(model, 'budget', 'reached', record.retryAfter), {
          ...processing,
          ...api.retryAfterHeaders(record.retryAfter),
        });
      } else if (failure) finish(failure.status, api.serverError(failure.status), processing);
      else
        finish(
          200,
          api.chatCompletion(
            `chatcmpl-${randomBytes(12).toString('hex')}`,
            model,
            prompt,
            answer(prompt, model),
            Math.floor(Date.now() / 1000),
          ),
          processing,
        );
    }, latency * 1000);
    timers.add(timer);
    // The connection closed before the answer was sent: the client gave up on it (a cancel, a timeout, a kill).
    response.on('close', () => {
      if (record.ended !== null) return;
      clearTimeout(timer);
      timers.delete(timer);
      release();
      record.ended = clock();
      record.wentAway = true;
      options.onEnd?.(record);
    });
  };

  server.keepAliveTimeout = 100;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const { port } = await host.expose(server);

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    open,
    answer,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        accounts.clear();
        server.close(() => resolve());
      }),
  };
}
