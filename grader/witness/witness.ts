// The witness: a server in the grader that learner processes reach over one socket. It hands each probe its
// spec, receives its signed records, does the waiting of every timed helper, and forwards connections to the
// grader's services. Everything it sees is stamped with the grader's clock, out of the learner's reach.
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { asText } from '../text/as-text.js';
import { LineBuffer } from './lines.js';
import { ProbeSlot } from './slot.js';
import { readClaims } from './claims.js';

// The first line of any connection is a small JSON header.
const MAX_HEADER_BYTES = 64 * 1024;

export interface WitnessOptions {
  // Listen on this Unix socket path; without it, on TCP 127.0.0.1 (Windows).
  socketPath?: string;
}

export class Witness {
  private readonly byNonce = new Map<string, ProbeSlot>();
  private readonly byToken = new Map<string, ProbeSlot>();
  private readonly services = new Map<number, Server>();
  private readonly sockets = new Set<Socket>();
  private counter = 0;

  private constructor(
    private readonly server: Server,
    // 'unix:PATH' or 'tcp:127.0.0.1:PORT', as the harness on this machine reaches it.
    readonly address: string,
    private readonly socketPath: string | undefined,
  ) {}

  static async start(options: WitnessOptions = {}): Promise<Witness> {
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const done = (): void => {
        server.off('error', reject);
        resolve();
      };
      if (options.socketPath !== undefined) server.listen(options.socketPath, done);
      else server.listen(0, '127.0.0.1', done);
    });
    const bound = server.address();
    const address =
      options.socketPath !== undefined
        ? `unix:${options.socketPath}`
        : `tcp:127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}`;
    const witness = new Witness(server, address, options.socketPath);
    server.on('connection', (socket) => witness.accept(socket));
    return witness;
  }

  // A probe about to start: its nonce is what the zygote passes on, the rest the harness fetches itself.
  newProbe(): ProbeSlot {
    this.counter += 1;
    const slot = new ProbeSlot(`probe-${this.counter}`);
    this.byNonce.set(slot.nonce, slot);
    this.byToken.set(slot.token, slot);
    return slot;
  }

  // Forgets a finished probe: its nonce and token are refused from now on.
  release(slot: ProbeSlot): void {
    slot.stop();
    this.byNonce.delete(slot.nonce);
    this.byToken.delete(slot.token);
  }

  // Connections relayed from inside a sandbox for `port` go to `server`.
  expose(port: number, server: Server): void {
    this.services.set(port, server);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.socketPath !== undefined) rmSync(this.socketPath, { force: true });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const header = new LineBuffer(MAX_HEADER_BYTES);
    const onData = (chunk: Buffer): void => {
      const lines = header.push(chunk);
      if (lines === null) {
        socket.destroy();
        return;
      }
      if (lines.length === 0) return;
      socket.off('data', onData);
      socket.pause();
      const [first, ...others] = lines as [Buffer, ...Buffer[]];
      const rest = Buffer.concat([...others.flatMap((line) => [line, Buffer.from('\n')]), header.rest()]);
      this.route(socket, first, rest);
    };
    socket.on('data', onData);
  }

  private route(socket: Socket, first: Buffer, rest: Buffer): void {
    let message: {
      t?: unknown;
      nonce?: unknown;
      probe?: unknown;
      helper?: unknown;
      label?: unknown;
      claims?: unknown;
      port?: unknown;
      sent?: unknown;
      asked?: unknown;
      key?: unknown;
    };
    try {
      message = JSON.parse(first.toString('utf8')) as typeof message;
    } catch {
      socket.destroy();
      return;
    }
    if (message.t === 'hello' && typeof message.nonce === 'string') {
      const slot = this.byNonce.get(message.nonce);
      if (!slot) {
        socket.destroy();
        return;
      }
      slot.attach(socket, rest);
      socket.resume();
      return;
    }
    if (message.t === 'wait' && typeof message.probe === 'string') {
      const slot = this.byToken.get(message.probe);
      if (!slot) {
        socket.end(`${JSON.stringify({ ok: false })}\n`);
        return;
      }
      slot.wait(
        socket,
        asText(message.helper ?? ''),
        asText(message.label ?? ''),
        readClaims(message.claims),
        typeof message.sent === 'number' ? message.sent : null,
        typeof message.asked === 'number' ? message.asked : null,
        typeof message.key === 'string' ? message.key : undefined,
      );
      socket.resume();
      return;
    }
    if (message.t === 'connect' && typeof message.port === 'number') {
      const service = this.services.get(message.port);
      if (!service) {
        socket.destroy();
        return;
      }
      if (rest.length > 0) socket.unshift(rest);
      service.emit('connection', socket);
      socket.resume();
      return;
    }
    socket.destroy();
  }
}
