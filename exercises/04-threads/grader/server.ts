// The pages exercise 04's code fetches: a real HTTP server on 127.0.0.1 whose delays and bodies the grader chooses.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ServiceHost } from '../../../grader/run/services.js';
import type { Claims, WitnessScope } from '../../../grader/witness/types.js';

// The longest delay a request may ask for, so a stray request never holds the server open.
const MAX_DELAY_SECONDS = 5;

export interface PageServer {
  baseUrl: string;
  // The address of page `name`, answered after `delaySeconds`; its requests are recorded in `scope`.
  url(name: string, delaySeconds: number, scope?: WitnessScope): string;
  // The body page `name` answers with: unpredictable without the server's secret, so it cannot be hard-coded.
  body(name: string): string;
  stop(): Promise<void>;
}

export async function startPageServer(host: ServiceHost): Promise<PageServer> {
  const secret = randomBytes(16);
  const body = (name: string): string => `page ${name}: ${createHmac('sha256', secret).update(name).digest('hex').slice(0, 16)}`;
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  // Which probe asked for each page: the server is the witness of its own requests.
  const scopes = new Map<string, WitnessScope>();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const page = /^\/page\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
    if (request.method !== 'GET' || !page) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      response.end('no such page\n');
      return;
    }
    const asked = Number(url.searchParams.get('delay') ?? '0');
    const delay = Number.isFinite(asked) ? Math.min(Math.max(asked, 0), MAX_DELAY_SECONDS) : 0;
    const name = page[1] as string;
    const text = body(name);
    const span = scopes.get(name)?.begin('fetch_url', name, claimsOf(request.headers['x-asyncio-lab-claims']));
    response.once('finish', () => span?.end(response.statusCode));
    response.once('close', () => span?.abandon());
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (response.destroyed) return;
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close' });
      response.end(text);
    }, delay * 1000);
    timers.add(timer);
    request.on('close', () => {
      if (response.writableEnded) return;
      clearTimeout(timer);
      timers.delete(timer);
    });
  });
  server.keepAliveTimeout = 100;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const { port } = await host.expose(server);
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    url: (name, delaySeconds, scope) => {
      if (scope) scopes.set(name, scope);
      return `${baseUrl}/page/${encodeURIComponent(name)}?delay=${delaySeconds.toFixed(2)}`;
    },
    body,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// What the grader's stand-in for fetch_url says of the thread it ran on: detail for a message, never proof.
function claimsOf(header: string | string[] | undefined): Claims {
  if (typeof header !== 'string') return {};
  try {
    const value = JSON.parse(header) as { thread?: unknown; mainThread?: unknown; where?: unknown };
    const where = value.where as { line?: unknown; function?: unknown; code?: unknown } | null | undefined;
    return {
      ...(typeof value.thread === 'string' ? { thread: value.thread.slice(0, 100) } : {}),
      ...(typeof value.mainThread === 'boolean' ? { mainThread: value.mainThread } : {}),
      where: where && typeof where.line === 'number' ? { line: where.line, function: String(where.function ?? ''), code: String(where.code ?? '') } : null,
    };
  } catch {
    return {};
  }
}
