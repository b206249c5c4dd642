// The pages exercise 04's server answers with: text that uses every byte a careless fetch could lose.
import { createHmac } from 'node:crypto';
import { createRandom } from '../../../grader/random.js';

// A long page has many lines, whitespace around it, non-ASCII text throughout and more bytes than any read buffer
// (http.client's 8 KiB, a learner's read(4096) or read(65536)); an empty page and a one-line page are the edge cases.
export type PageKind = 'long' | 'line' | 'empty';

export const PAGE_KINDS: readonly PageKind[] = ['long', 'line', 'empty'];

// Byte offsets that always fall inside a multi-byte character, so that decoding a chunk of that many bytes on its
// own fails however the learner sized the buffer.
const SPLIT_AT = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
const LONG_PAGE_BYTES = { min: 70_000, max: 90_000 };
const NON_ASCII = [
  'café',
  'naïve',
  'Grüße',
  'smörgåsbord',
  'déjà vu',
  'façade',
  'über',
  'ĳssel',
  'señor',
  'Ωmega',
  '東京',
  '→',
  '✓',
  '🙂',
];
const WORDS = [...NON_ASCII, 'plain', 'ascii', 'text', 'line'];
// A three-byte character placed across a split offset.
const STRADDLE = '→';

function bytesOf(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

// Appends text, putting a multi-byte character across every split offset on the way: a piece that ends before the
// next offset goes in whole, the piece that reaches it one character at a time.
class Builder {
  private parts: string[] = [];
  bytes = 0;
  private next = 0;

  add(text: string): void {
    const split = SPLIT_AT[this.next];
    const size = Buffer.byteLength(text);
    if (split === undefined || this.bytes + size < split - 2) {
      this.parts.push(text);
      this.bytes += size;
      return;
    }
    for (const ch of text) this.addChar(ch);
  }

  private addChar(ch: string): void {
    const size = bytesOf(ch);
    const split = SPLIT_AT[this.next];
    if (split !== undefined) {
      const left = split - this.bytes;
      if (left === 1 || left === 2) {
        this.push(STRADDLE, 3);
      } else if (left === size) {
        // This character would end exactly at the offset: put an ASCII one there instead and try again.
        this.push('.', 1);
        this.addChar(ch);
        return;
      }
    }
    this.push(ch, size);
  }

  private push(ch: string, size: number): void {
    this.parts.push(ch);
    this.bytes += size;
    while (SPLIT_AT[this.next] !== undefined && (SPLIT_AT[this.next] as number) <= this.bytes - 1) this.next += 1;
  }

  text(): string {
    return this.parts.join('');
  }
}

// The body of page `name` of a kind: unpredictable without the server's secret, so it cannot be hard-coded.
export function pageBody(secret: Buffer, name: string, kind: PageKind): string {
  const digest = createHmac('sha256', secret).update(`${kind}:${name}`).digest();
  // Seeded from the secret digest, so the grader and the server agree on every page.
  const rng = createRandom(digest.readUInt32BE(0));
  const random = rng.next;
  const pick = rng.pick;
  const tag = digest.toString('hex').slice(0, 12);
  if (kind === 'empty') return '';
  if (kind === 'line') return `  ${name}: ${pick(NON_ASCII)} ${pick(WORDS)} ${tag}\t\n`;
  const target = LONG_PAGE_BYTES.min + Math.floor(random() * (LONG_PAGE_BYTES.max - LONG_PAGE_BYTES.min));
  const page = new Builder();
  page.add(`\n  ${name} ${tag}\n`);
  for (let line = 1; page.bytes < target; line++) {
    const indent = ' '.repeat(Math.floor(random() * 4));
    const words = Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(WORDS)).join(' ');
    const trailing = random() < 0.2 ? ' \t' : '';
    page.add(`${indent}${line}. ${words} ${Math.floor(random() * 1e6).toString(16)}${trailing}\n`);
  }
  page.add('  \n');
  return page.text();
}

// Where to cut a body into the chunks the server sends one at a time: at the split offsets, each inside a character
// (a short page is cut inside its first multi-byte character).
export function chunkOffsets(body: Buffer): number[] {
  const offsets = SPLIT_AT.filter((offset) => offset < body.length);
  if (offsets.length > 0) return offsets;
  const inside = body.findIndex((byte) => (byte & 0xc0) === 0x80);
  return inside > 0 ? [inside] : [];
}
