// The pages exercise 04's code fetches: a real HTTP server whose delays and bodies the grader chooses.
// Headers come at once and the body trickles in chunks until the page's delay is up, so reading the body blocks:
// a read on the event loop's thread shows as a blocked loop, and a partial read gets only part of the page.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ServiceHost } from '../../../grader/run/services.js';
import { CLAIMS_HEADER, claimsFromHeader } from '../../../grader/witness/claims.js';
import type { WitnessScope } from '../../../grader/witness/types.js';
import { chunkOffsets, pageBody, PAGE_KINDS, type PageKind } from './pages.js';

// The longest delay a request may ask for, so a stray request never holds the server open.
const MAX_DELAY_SECONDS = 5;
// The headers leave after this share of the delay (at most HEADERS_AT_MOST), the body in the rest of it.
const HEADERS_SHARE = 0.1;
const HEADERS_AT_MOST = 0.03;

export interface PageServer {
  baseUrl: string;
  // The address of page `name` of a kind, whose last byte arrives after `delaySeconds`; its requests are recorded
  // in `scope` (the server is the witness of its own requests).
  url(name: string, delaySeconds: number, kind?: PageKind, scope?: WitnessScope): string;
  // The body that page answers with.
  body(name: string, kind?: PageKind): string;
  stop(): Promise<void>;
}

function kindOf(value: string | null): PageKind {
  return PAGE_KINDS.find((kind) => kind === value) ?? 'long';
}

export async function startPageServer(host: ServiceHost): Promise<PageServer> {
  const secret = randomBytes(16);
  // Each page's body, made once: the grader asks for it when it plans a probe, and the server when it answers.
  const bodies = new Map<string, Buffer>();
  const bodyOf = (name: string, kind: PageKind): Buffer => {
    const key = `${kind}:${name}`;
    let body = bodies.get(key);
    if (!body) {
      body = Buffer.from(pageBody(secret, name, kind), 'utf8');
      bodies.set(key, body);
    }
    return body;
  };
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  // Which probe asked for each page.
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
    const body = bodyOf(name, kindOf(url.searchParams.get('kind')));
    const span = scopes
      .get(`${url.searchParams.get('probe') ?? ''}/${name}`)
      ?.begin('fetch_url', name, claimsFromHeader(request.headers[CLAIMS_HEADER]));
    response.once('finish', () => span?.end(response.statusCode));
    response.once('close', () => span?.abandon());
    let timer: NodeJS.Timeout | undefined;
    response.on('close', () => {
      // Finished, or the client went away: nothing more to send either way.
      if (!timer) return;
      clearTimeout(timer);
      timers.delete(timer);
    });
    // An empty page is complete with its headers, so they wait for the whole delay.
    const headersAt = body.length === 0 ? delay : Math.min(delay * HEADERS_SHARE, HEADERS_AT_MOST);
    const cuts = [0, ...chunkOffsets(body), body.length];
    const chunks = cuts.length - 1;
    const sendHeaders = (): void => {
      if (response.headersSent) return;
      response.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': body.length,
        connection: 'close',
      });
      response.flushHeaders();
    };
    // What to send and when, in order: the headers, then each chunk, the last one ending the response.
    const plan = [
      { at: headersAt, send: sendHeaders },
      ...Array.from({ length: chunks }, (_, i) => ({
        at: headersAt + ((delay - headersAt) * (i + 1)) / chunks,
        send: (): void => {
          const chunk = body.subarray(cuts[i], cuts[i + 1]);
          if (i === chunks - 1) response.end(chunk);
          else response.write(chunk);
        },
      })),
    ];
    const started = performance.now();
    // One timer at a time, each set when the one before it has sent its part: the parts cannot overtake each
    // other, however late a busy grader runs its timers.
    const next = (step: number): void => {
      const part = plan[step];
      if (!part || response.destroyed || response.writableEnded) return;
      timer = setTimeout(
        () => {
          if (timer) timers.delete(timer);
          timer = undefined;
          if (response.destroyed || response.writableEnded) return;
          part.send();
          next(step + 1);
        },
        Math.max(0, part.at * 1000 - (performance.now() - started)),
      );
      timers.add(timer);
    };
    next(0);
  });
  server.keepAliveTimeout = 100;
  server.on('connection', (socket: Socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const { port } = await host.expose(server);
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    url: (name, delaySeconds, kind = 'long', scope) => {
      // The probe is in the address: two probes that happen to draw the same page name never mix up their requests.
      if (scope) scopes.set(`${scope.id}/${name}`, scope);
      return `${baseUrl}/page/${encodeURIComponent(name)}?delay=${delaySeconds.toFixed(2)}&kind=${kind}${scope ? `&probe=${scope.id}` : ''}`;
    },
    body: (name, kind = 'long') => bodyOf(name, kind).toString('utf8'),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
