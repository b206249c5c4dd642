// Exercise 04's pages and their server: bodies that use every byte, sent in order in pieces, and how a returned
// text differs from its page.
import { get, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bodyDifference } from '../../exercises/04-threads/grader/evidence.js';
import { chunkOffsets, pageBody } from '../../exercises/04-threads/grader/pages.js';
import { startPageServer } from '../../exercises/04-threads/grader/server.js';
import { loopbackHost } from '../../grader/run/services.js';

const secret = Buffer.from('0123456789abcdef');

function fetchPieces(
  url: string,
  onResponse: () => void = () => {},
): Promise<{ pieces: Buffer[]; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      onResponse();
      const pieces: Buffer[] = [];
      response.on('data', (piece: Buffer) => pieces.push(piece));
      response.on('end', () => resolve({ pieces, response }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('04-threads pages', () => {
  it('a long page has many lines, whitespace around it, non-ASCII text, and more bytes than any read buffer', () => {
    const body = pageBody(secret, 'kalo-12', 'long');
    expect(body.split('\n').length).toBeGreaterThan(100);
    expect(body).not.toBe(body.trim());
    expect(body).toMatch(/\P{ASCII}/u);
    expect(Buffer.byteLength(body)).toBeGreaterThan(65536);
    expect(pageBody(secret, 'kalo-12', 'long')).toBe(body);
    expect(pageBody(Buffer.from('another secret!!'), 'kalo-12', 'long')).not.toBe(body);
  });

  it('cuts every page inside a multi-byte character, so no piece decodes on its own', () => {
    for (const name of ['a-1', 'b-2', 'c-3', 'd-4']) {
      for (const kind of ['long', 'line'] as const) {
        const bytes = Buffer.from(pageBody(secret, name, kind));
        const offsets = chunkOffsets(bytes);
        expect(offsets.length).toBeGreaterThan(0);
        for (const offset of offsets) expect(bytes[offset]! & 0xc0, `${kind} ${name} at ${offset}`).toBe(0x80);
      }
    }
    expect(pageBody(secret, 'e-5', 'empty')).toBe('');
    expect(pageBody(secret, 'e-5', 'line').trim().split('\n')).toHaveLength(1);
  });

  it('the server sends the body in order, in several pieces, even when its loop is held up', async () => {
    const server = await startPageServer(loopbackHost);
    try {
      const holdUp = (): void => {
        // Keep the server's event loop busy, as a grader grading other files does, while its timers come due.
        const until = performance.now() + 150;
        while (performance.now() < until);
      };
      const [long, line, empty] = await Promise.all([
        fetchPieces(server.url('kalo-12', 0.2, 'long'), holdUp),
        fetchPieces(server.url('mize-40', 0.1, 'line')),
        fetchPieces(server.url('ruto-77', 0.05, 'empty')),
      ]);
      expect(Buffer.concat(long.pieces).toString('utf8')).toBe(server.body('kalo-12', 'long'));
      expect(long.pieces.length).toBeGreaterThan(1);
      expect(long.response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(Buffer.concat(line.pieces).toString('utf8')).toBe(server.body('mize-40', 'line'));
      expect(Buffer.concat(empty.pieces).toString('utf8')).toBe('');
    } finally {
      await server.stop();
    }
  });

  it('names how a returned text differs from the page', () => {
    const page = pageBody(secret, 'kalo-12', 'long');
    const bytes = Buffer.from(page);
    expect(bodyDifference(`b'${page.slice(0, 10)}'`, page).kind).toBe('bytes-repr');
    expect(bodyDifference(bytes.toString('latin1'), page).kind).toBe('byte-per-char');
    expect(bodyDifference(page.replace(/\P{ASCII}/gu, ''), page).kind).toBe('non-ascii-dropped');
    expect(bodyDifference(page.trim(), page).kind).toBe('stripped');
    expect(bodyDifference(page.split('\n')[0] + '\n', page).kind).toBe('first-line');
    expect(bodyDifference(bytes.subarray(0, 4096).toString('utf8'), page)).toMatchObject({ kind: 'cut-short' });
    expect(
      bodyDifference(
        page
          .split('\n')
          .map((l) => l.trim())
          .join('\n'),
        page,
      ).kind,
    ).toBe('lines-changed');
    expect(bodyDifference(`${page.slice(0, 100)}\ufffd${page.slice(101)}`, page).kind).toBe('replaced');
    expect(bodyDifference('something else', page).kind).toBe('other');
  });
});
