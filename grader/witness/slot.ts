// One probe as the witness knows it: who may connect for it, how long its helpers wait, and what it saw.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import { asText } from '../text/as-text.js';
import { LineBuffer } from './lines.js';
import {
  BELIEVED_CALL_LATENESS,
  now,
  stamp,
  type Claims,
  type SpanHandle,
  type WitnessScope,
  type WitnessSpan,
  type Witnessed,
} from './types.js';

// How long a helper waits at the witness: seconds by helper and label ('*' for any other label). '?' lets the
// stand-in ask for its own wait (the delay the learner's code passed it), up to that many seconds.
export type WaitTable = Record<string, Record<string, number>>;

// The longest a wait may last whatever the table says, so that a stray request never holds the witness.
const MAX_WAIT_SECONDS = 30;
// A record line longer than this is not the harness's (its records are capped well below).
const MAX_RECORD_BYTES = 4 * 1024 * 1024;

export class ProbeSlot implements WitnessScope {
  readonly id: string;
  readonly nonce = randomBytes(16).toString('hex');
  readonly token = randomBytes(16).toString('hex');
  private readonly key = randomBytes(32);
  private readonly seen: Witnessed = {
    records: [],
    marks: [],
    ticks: [],
    sampled: [],
    spans: [],
    forged: [],
    connected: false,
  };
  private nextSeq = 1;
  private channel: Socket | undefined;
  private channelClosed: Promise<void> = Promise.resolve();
  private waits: WaitTable = {};
  // Tables of single calls (a probe that calls a function several times with other delays), by call id.
  private callWaits: Record<string, WaitTable> = {};
  // The call the harness last said it started: a helper's wait belongs to it.
  private currentCall: string | undefined;
  private spec: Record<string, unknown> = {};
  private importListener: ((ok: boolean) => void) | undefined;

  constructor(id: string) {
    this.id = id;
  }

  // What the harness gets when it says hello: its steps, and the key and token that identify it.
  prepare(spec: Record<string, unknown>, waits: WaitTable, callWaits: Record<string, WaitTable> = {}): void {
    this.spec = spec;
    this.waits = waits;
    this.callWaits = callWaits;
  }

  begin(helper: string, label: string, claims: Claims = {}): SpanHandle {
    return this.record(helper, label, claims, now());
  }

  private record(helper: string, label: string, claims: Claims, start: number): SpanHandle {
    const span: WitnessSpan = { helper, label, start, end: null, abandoned: false, claims };
    this.seen.spans.push(span);
    return {
      end: (status?: number) => {
        if (span.end !== null) return;
        span.end = now();
        if (status !== undefined) span.status = status;
      },
      abandon: () => {
        if (span.end !== null) return;
        span.end = now();
        span.abandoned = true;
      },
    };
  }

  // The harness's own connection: hello, then numbered and signed lines.
  attach(socket: Socket, rest: Buffer): void {
    if (this.seen.connected) {
      this.seen.forged.push('a second connection claimed to be the harness of this probe');
      socket.destroy();
      return;
    }
    this.seen.connected = true;
    this.channel = socket;
    socket.write(`${JSON.stringify({ ...this.spec, key: this.key.toString('hex'), token: this.token })}\n`);
    const lines = new LineBuffer(MAX_RECORD_BYTES);
    const take = (chunk: Buffer): void => {
      const complete = lines.push(chunk);
      if (complete === null) {
        this.seen.forged.push('a line longer than any record the harness writes');
        socket.destroy();
        return;
      }
      const at = now();
      for (const line of complete) this.line(line, at);
    };
    this.channelClosed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', take);
    socket.on('error', () => undefined);
    if (rest.length > 0) take(rest);
  }

  // A helper's wait: stamped when asked, answered after the table's delay, stamped again when answered.
  // `key`: what the table holds this call's wait under, when it is not the label.
  wait(
    socket: Socket,
    helper: string,
    label: string,
    claims: Claims,
    sent: number | null,
    asked: number | null,
    key?: string,
  ): void {
    const table =
      (this.currentCall !== undefined ? this.callWaits[this.currentCall]?.[helper] : undefined) ?? this.waits[helper];
    const cap = table?.['?'];
    const chosen =
      cap !== undefined && asked !== null && Number.isFinite(asked)
        ? Math.min(asked, cap)
        : (table?.[key ?? label] ?? table?.['*'] ?? 0);
    const seconds = Math.min(MAX_WAIT_SECONDS, Math.max(0, chosen));
    const span = this.record(helper, label, claims, stamp(now(), sent, BELIEVED_CALL_LATENESS));
    const timer = setTimeout(() => {
      span.end();
      socket.end(`${JSON.stringify({ ok: true, known: table !== undefined && (key ?? label) in table })}\n`);
    }, seconds * 1000);
    socket.on('close', () => {
      clearTimeout(timer);
      span.abandon();
    });
    socket.on('error', () => undefined);
  }

  // Called once the harness reports that the learner's file imported (true) or did not (false).
  onImport(listener: (ok: boolean) => void): void {
    this.importListener = listener;
  }

  // Resolves once the harness's connection is gone (at once if it never came).
  closed(): Promise<void> {
    return this.channelClosed;
  }

  witnessed(): Witnessed {
    return this.seen;
  }

  stop(): void {
    this.channel?.destroy();
  }

  private line(line: Buffer, at: number): void {
    const first = line.indexOf(32);
    const second = first === -1 ? -1 : line.indexOf(32, first + 1);
    if (second === -1) {
      this.seen.forged.push('a line on the harness channel that the harness did not write');
      return;
    }
    const seq = Number(line.subarray(0, first).toString('ascii'));
    const mac = line.subarray(first + 1, second);
    const body = line.subarray(second + 1);
    const expected = createHmac('sha256', this.key)
      .update(Buffer.concat([line.subarray(0, first + 1), body]))
      .digest('hex')
      .slice(0, 32);
    if (mac.length !== expected.length || !timingSafeEqual(mac, Buffer.from(expected, 'ascii'))) {
      this.seen.forged.push("a record on the harness channel without the harness's signature");
      return;
    }
    if (seq !== this.nextSeq) {
      this.seen.forged.push(`a record out of sequence on the harness channel (${seq} where ${this.nextSeq} was due)`);
      return;
    }
    this.nextSeq += 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      this.seen.forged.push('a signed record that is not JSON');
      return;
    }
    const message = parsed as { t?: unknown; what?: unknown; id?: unknown; sent?: unknown };
    const sent = typeof message.sent === 'number' ? message.sent : null;
    if (message.t === 'tick') this.seen.ticks.push({ at, sent });
    else if (message.t === 'stall') {
      const stall = parsed as { since?: unknown; where?: { line?: unknown; function?: unknown; code?: unknown } };
      if (typeof stall.since === 'number' && stall.where && typeof stall.where.line === 'number') {
        this.seen.sampled.push({
          since: stall.since,
          where: {
            line: stall.where.line,
            function: asText(stall.where.function ?? ''),
            code: asText(stall.where.code ?? ''),
          },
        });
      }
    } else if (
      message.t === 'mark' &&
      (message.what === 'call-start' || message.what === 'call-end') &&
      typeof message.id === 'string'
    ) {
      const what = message.what;
      const id = message.id;
      // The harness marks each call's start and end once.
      if (this.seen.marks.some((m) => m.what === what && m.id === id))
        this.seen.forged.push(`a second ${what} mark for the call ${id}`);
      this.seen.marks.push({ what, id, at, sent: sent !== null && sent <= at + 0.002 && at - sent < 10 ? sent : null });
      if (what === 'call-start') this.currentCall = id;
    } else {
      this.seen.records.push({ seq, at, body: parsed });
      const record = parsed as { kind?: unknown; ok?: unknown };
      if (record.kind === 'import') this.importListener?.(record.ok === true);
    }
  }
}

// Normalises a wait table from a probe's plan: finite, non-negative seconds only.
export function waitTable(source: Record<string, Record<string, number>> | undefined): WaitTable {
  const table: WaitTable = {};
  for (const [helper, labels] of Object.entries(source ?? {})) {
    table[helper] = {};
    for (const [label, seconds] of Object.entries(labels)) {
      if (Number.isFinite(seconds) && seconds >= 0) table[helper][label] = seconds;
    }
  }
  return table;
}

// A scope for probes that never reach a witness (recorded runs in the engine's own tests).
export function detachedScope(): ProbeSlot {
  return new ProbeSlot('detached');
}
