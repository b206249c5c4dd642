// `npm run api`: exercise 05's fake API on its own, for a learner to try from a script, a REPL or curl, with the same
// kinds of limits and failures as in grading (any key is accepted; each key has its own limits).
import type { Server } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { ServiceHost } from '../../../grader/run/services.js';
import { inert } from '../../../grader/text/inert.js';
import { now } from '../../../grader/witness/types.js';
import type { RequestRecord } from './requests.js';
import { SCALE } from './scale.js';
import { startFakeApi, type FakeApi, type Scenario } from './server.js';

// The port the stub's BASE_URL points at, so that running the file as a script needs no settings.
const DEFAULT_PORT = 8765;
const PLAYGROUND_KEY = 'sk-local-playground';

const PLAYGROUND_LIMITS = {
  maxInFlight: 4,
  budget: { requests: 5, window: 0.25 },
  // Of every hundred requests the API took on: about this many fail with a 500 or a 503, and this many are slow.
  failPercent: 6,
  slowPercent: 3,
};

// The playground's behaviour for one key: answers in a tenth to a fifth of a second, now and then a slow one or a
// transient failure, a cap on requests in flight and a budget per window, as the graded scenarios have.
function playgroundScenario(random: () => number = Math.random): Scenario {
  return {
    latency: () => (random() * 100 < PLAYGROUND_LIMITS.slowPercent ? SCALE.slow : SCALE.answer * (1 + random())),
    fail: () => {
      const roll = random() * 100;
      if (roll >= PLAYGROUND_LIMITS.failPercent) return null;
      return { status: roll < PLAYGROUND_LIMITS.failPercent / 2 ? 500 : 503 };
    },
    maxInFlight: PLAYGROUND_LIMITS.maxInFlight,
    budget: PLAYGROUND_LIMITS.budget,
    retryAfter: () => Math.round((SCALE.retryAfter + random() * SCALE.retryAfter) * 100) / 100,
  };
}

// Listens on `port` of the loopback interface, or on a free one when `port` is taken.
function portHost(port: number, onTaken: (port: number) => void): ServiceHost {
  const listen = (server: Server, wanted: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException): void => reject(error);
      server.once('error', failed);
      server.listen(wanted, '127.0.0.1', () => {
        server.off('error', failed);
        const address = server.address();
        if (address === null || typeof address === 'string') reject(new Error('the server has no TCP address'));
        else resolve(address.port);
      });
    });
  return {
    expose: async (server) => {
      try {
        return { port: await listen(server, port) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
        onTaken(port);
        return { port: await listen(server, 0) };
      }
    },
  };
}

// Learner text shown inert: no control characters reach the terminal.
function shown(text: string, width = 48): string {
  const flat = inert(text.replace(/[\n\t]/g, ' '));
  return JSON.stringify(flat.length > width ? `${flat.slice(0, width - 1)}…` : flat);
}

function describeRecord(record: RequestRecord, started: number): string {
  const at = ((record.arrived - started) / 1000).toFixed(2).padStart(7);
  const took =
    record.ended === null || record.refused ? '' : ` in ${((record.ended - record.arrived) / 1000).toFixed(2)} s`;
  const what = record.wentAway
    ? 'the client went away (cancelled)'
    : record.refused
      ? `429 (${record.refused === 'in-flight' ? `more than ${PLAYGROUND_LIMITS.maxInFlight} in flight` : 'budget spent'}), retry after ${record.retryAfter ?? '?'} s`
      : record.status === 429
        ? `429, retry after ${record.retryAfter ?? '?'} s`
        : String(record.status);
  return `${at} s  #${String(record.n).padEnd(4)} ${record.model.padEnd(14)} ${shown(record.prompt)} -> ${what}${took}`;
}

function banner(api: FakeApi): string {
  const { maxInFlight, budget, failPercent, slowPercent } = PLAYGROUND_LIMITS;
  const body = '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "What rhymes with kale?"}]}';
  return [
    `Exercise 05's fake OpenAI-compatible API is listening on ${api.baseUrl}`,
    `  key:     ${PLAYGROUND_KEY} (any key works; each key has limits of its own)`,
    `  limits:  ${maxInFlight} requests in flight, ${budget.requests} requests per ${budget.window} s; about ${failPercent} in 100 fail with 500 or 503, ${slowPercent} in 100 take ${SCALE.slow} s`,
    `  429s carry retry-after-ms (the exact wait) and retry-after (whole seconds)`,
    '',
    '  Try it:',
    `    curl -s ${api.baseUrl}/chat/completions -H "Authorization: Bearer ${PLAYGROUND_KEY}" -H "Content-Type: application/json" -d '${body}'`,
    `    OPENAI_BASE_URL=${api.baseUrl} OPENAI_API_KEY=${PLAYGROUND_KEY} python exercises/05-api-calls/api_calls.py`,
    '',
    'Every request is shown below as it ends. Stop with Ctrl-C.',
  ].join('\n');
}

function parsePort(argv: string[]): number {
  const at = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (at < 0) return DEFAULT_PORT;
  const value = argv[at]?.includes('=') ? argv[at]?.split('=')[1] : argv[at + 1];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `--port needs a port number from 0 to 65535 (0: any free port), not ${JSON.stringify(value ?? '')}.\nExample: npm run api -- --port 9000`,
    );
  }
  return port;
}

async function main(
  argv: string[],
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<FakeApi> {
  const started = now() * 1000;
  const host = portHost(parsePort(argv), (taken) => out(`Port ${taken} is taken; using a free one instead.`));
  const api = await startFakeApi(host, {
    anyKey: () => playgroundScenario(),
    onEnd: (record) => out(describeRecord(record, started)),
  });
  out(banner(api));
  return api;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const api = await main(process.argv.slice(2));
    const stop = (): void => {
      void api.stop().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
