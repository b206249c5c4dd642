// Folding messages to the terminal's width: at spaces only, with code spans and paths whole.
import { describe, expect, it } from 'vitest';
import { terminalWidth, visibleLength, words, wrap } from '../../grader/reporters/wrap.js';

const MESSAGE =
  'These 5 `kale` calls ran one after another (0.01-0.23, 0.23-0.39, 0.39-0.59 s). Create all the tasks first, then await them: `await asyncio.gather(*(asyncio.to_thread(fetch_url, url) for url in urls))` at exercises/04-threads/threads.py:42.';

describe('wrap', () => {
  it('folds at spaces to the width, prefixes included, and loses or splits no word', () => {
    for (const width of [40, 50, 61, 80, 100]) {
      const text = wrap(MESSAGE, width, { first: '      ', rest: '      ' });
      const lines = text.split('\n');
      for (const line of lines) {
        expect(line.startsWith('      ')).toBe(true);
        // A line longer than the width is one unbreakable word.
        if (visibleLength(line) > width) expect(words(line.trim())).toHaveLength(1);
      }
      expect(lines.map((l) => l.trim()).join(' ')).toBe(MESSAGE);
    }
  });

  it('keeps a code span on one line when it fits, and a path whole', () => {
    const text = wrap(MESSAGE, 100);
    expect(text).toContain('`await asyncio.gather(*(asyncio.to_thread(fetch_url, url) for url in urls))`');
    expect(text.split('\n').some((l) => l.includes('exercises/04-threads/threads.py:42.'))).toBe(true);
  });

  it('folds a code span wider than the line at its own spaces rather than overflowing', () => {
    const text = wrap(MESSAGE, 40);
    expect(text).not.toContain('`await asyncio.gather(*(asyncio.to_thread(fetch_url, url) for url in urls))`');
    // Only a piece with no space left in it may stick out.
    for (const line of text.split('\n')) if (visibleLength(line) > 40) expect(line).not.toContain(' ');
  });

  it('keeps code lines, fenced blocks and blank lines as they are', () => {
    const text =
      'Python could not read your file at x.py:3.\n    def f(:\n```\nif __name__ == "__main__":    print(1)\n```\n\nlast';
    expect(wrap(text, 30, { first: '1. ', rest: '   ' })).toBe(
      '1. Python could not read your\n   file at x.py:3.\n       def f(:\n   ```\n   if __name__ == "__main__":    print(1)\n   ```\n\n   last',
    );
  });

  it('without a width adds the prefixes only', () => {
    expect(wrap('a b\nc', undefined, { first: '> ', rest: '  ' })).toBe('> a b\n  c');
  });

  it('treats a lone backtick as a character, not the start of a span', () => {
    expect(words('a ` b')).toEqual(['a', '`', 'b']);
    expect(words('x `y z` w `v')).toEqual(['x', '`y z`', 'w', '`v']);
  });
});

describe('terminalWidth', () => {
  it('is the terminal width, else $COLUMNS, else none (no folding in a pipe or file)', () => {
    expect(terminalWidth({ isTTY: true, columns: 120 }, {})).toBe(120);
    expect(terminalWidth({ isTTY: true, columns: 120 }, { COLUMNS: '60' })).toBe(120);
    expect(terminalWidth({}, { COLUMNS: '60' })).toBe(60);
    expect(terminalWidth({}, {})).toBeUndefined();
    expect(terminalWidth({}, { COLUMNS: 'wide' })).toBeUndefined();
    expect(terminalWidth({ isTTY: true, columns: 12 }, {})).toBe(30);
  });
});

describe('wrap keeps spacing', () => {
  it('keeps the spaces between words that stay on one line', () => {
    expect(wrap('✓ 01-runners  Runners  10/10', 80)).toBe('✓ 01-runners  Runners  10/10');
    expect(wrap('a  b  c', 4)).toBe('a  b\nc');
  });
});
