// Messages folded to the terminal's width at spaces, so no word is cut in two by the terminal: a word (a path, a
// number with its unit) and a `code span` stay whole on one line. Lines that start with a space are code or output
// and are kept as they are, as are lines inside a ``` fence.

// Below this, folding helps nobody: the text is left to the terminal.
const NARROWEST = 30;

// Columns to fold to: the terminal's own width, else $COLUMNS; undefined (no folding) for a pipe or a file.
export function terminalWidth(
  stream: { isTTY?: boolean; columns?: number },
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  if (stream.isTTY && typeof stream.columns === 'number' && stream.columns > 0)
    return Math.max(NARROWEST, stream.columns);
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(NARROWEST, fromEnv);
  return undefined;
}

// Columns a piece of text takes: code points, not UTF-16 units, and no colour codes.
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex -- ESC starts the colour codes, which take no columns
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

// Words of a line, a `code span` with spaces counting as one word.
export function words(line: string): string[] {
  return spaced(line).map((w) => w.word);
}

// Each word with the spaces before it, so words that stay on one line keep the spacing they were written with.
function spaced(line: string): { gap: string; word: string }[] {
  const found: { gap: string; word: string }[] = [];
  let gap = '';
  let current = '';
  let inCode = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === '`') {
      // A backtick opens a span only if another one closes it on this line.
      if (inCode || line.indexOf('`', i + 1) !== -1) inCode = !inCode;
      current += char;
    } else if (char === ' ' && !inCode) {
      if (current) {
        found.push({ gap, word: current });
        gap = '';
        current = '';
      }
      gap += char;
    } else {
      current += char;
    }
  }
  if (current) found.push({ gap, word: current });
  return found;
}

export interface WrapOptions {
  // Put before the first line (e.g. "1. "), and before every other line (e.g. "   "); both default to nothing.
  first?: string;
  rest?: string;
}

// `text` with every prose line folded to `width` columns (prefixes included); undefined width only adds the prefixes.
export function wrap(text: string, width: number | undefined, options: WrapOptions = {}): string {
  const first = options.first ?? '';
  const rest = options.rest ?? '';
  const out: string[] = [];
  let inFence = false;
  const prefix = (): string => (out.length === 0 ? first : rest);
  for (const line of text.split('\n')) {
    const fence = /^\s*```/.test(line);
    if (inFence || fence || /^\s/.test(line) || line === '' || width === undefined) {
      out.push(line === '' ? '' : prefix() + line);
      if (fence) inFence = !inFence;
      continue;
    }
    let current = '';
    let lead = prefix();
    const flush = (): void => {
      out.push(lead + current);
      current = '';
      lead = rest;
    };
    for (const { gap, word } of pieces(spaced(line), width - Math.max(visibleLength(first), visibleLength(rest)))) {
      const room = width - visibleLength(lead);
      if (current && visibleLength(current) + visibleLength(gap) + visibleLength(word) > room) flush();
      current = current ? `${current}${gap}${word}` : word;
    }
    if (current) flush();
  }
  return out.join('\n');
}

// A code span too long for any line is folded at its own spaces; a single word too long stays whole (and overflows).
function pieces(list: { gap: string; word: string }[], room: number): { gap: string; word: string }[] {
  return list.flatMap(({ gap, word }) =>
    visibleLength(word) > room && word.includes(' ')
      ? word.split(' ').map((w, i) => ({ gap: i === 0 ? gap : ' ', word: w }))
      : [{ gap, word }],
  );
}
