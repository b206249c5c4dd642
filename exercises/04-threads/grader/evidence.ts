// Facts exercise 04's judges read from what a fetch returned: how a body differs from the page, and which page it is.

// How a returned text differs from the page's body, named after the mistake that produces exactly that text.
export type BodyDifference =
  // str(b'...'): the bytes' repr.
  | { kind: 'bytes-repr' }
  // Every byte read as one character (Latin-1, cp1252).
  | { kind: 'byte-per-char' }
  // The non-ASCII characters dropped (ascii with errors="ignore").
  | { kind: 'non-ascii-dropped' }
  // U+FFFD where characters could not be decoded (errors="replace", or pieces decoded apart).
  | { kind: 'replaced'; at: number }
  // The whitespace around the body removed.
  | { kind: 'stripped' }
  // Only the first line.
  | { kind: 'first-line' }
  // The start of the body only.
  | { kind: 'cut-short'; chars: number; of: number }
  // Each line's whitespace removed, or the lines joined otherwise.
  | { kind: 'lines-changed' }
  | { kind: 'other'; at: number };

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// The lines as Python iterates a response: each with its newline.
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function bodyDifference(got: string, expected: string): BodyDifference {
  if (/^b(['"])/.test(got) && !/^b['"]/.test(expected)) return { kind: 'bytes-repr' };
  if (got === Buffer.from(expected, 'utf8').toString('latin1')) return { kind: 'byte-per-char' };
  if (got.length === Buffer.byteLength(expected, 'utf8') && got.length !== expected.length && /^\p{ASCII}/u.test(got))
    return { kind: 'byte-per-char' };
  if (got !== expected && got === expected.replace(/\P{ASCII}/gu, '')) return { kind: 'non-ascii-dropped' };
  const firstLine = linesOf(expected)[0] ?? '';
  if (got.length > 0 && (got === firstLine || got === firstLine.replace(/\n$/, ''))) return { kind: 'first-line' };
  // A piece cut inside a character and decoded with errors="replace" ends in U+FFFD: still the start of the page.
  const start = got.replace(/\ufffd+$/, '');
  if (expected.startsWith(start) && start.length < expected.length)
    return { kind: 'cut-short', chars: start.length, of: expected.length };
  if (got.includes('\ufffd') && !expected.includes('\ufffd')) return { kind: 'replaced', at: got.indexOf('\ufffd') };
  if (got === expected.trim() || got === expected.trimStart() || got === expected.trimEnd())
    return { kind: 'stripped' };
  // The same text once whitespace is set aside: lines stripped, or joined some other way.
  if (got.replace(/\s+/g, '') === expected.replace(/\s+/g, '')) return { kind: 'lines-changed' };
  return { kind: 'other', at: firstDifference(got, expected) };
}

// "74,213 characters in 1,012 lines": a page's size as a learner can check it.
export function sizeOf(text: string): { chars: number; lines: number; bytes: number } {
  return {
    chars: text.length,
    lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
    bytes: Buffer.byteLength(text, 'utf8'),
  };
}
