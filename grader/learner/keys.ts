// Single key presses from the terminal for watch mode (h, l, n, r, q), without waiting for Enter; Ctrl-C quits.
// Stops reading keys and gives the terminal back as it was.
export interface KeyReader {
  close(): void;
}

export function readKeys(stdin: NodeJS.ReadStream, onKey: (key: string) => void): KeyReader {
  const raw = Boolean(stdin.isTTY && typeof stdin.setRawMode === 'function');
  if (raw) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  const listener = (chunk: string): void => {
    for (const char of chunk) onKey(char === '\u0003' || char === '\u0004' ? 'q' : char.toLowerCase());
  };
  stdin.on('data', listener);
  stdin.resume();
  return {
    close: () => {
      stdin.off('data', listener);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
