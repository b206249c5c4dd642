// Colour only for a terminal that wants it: never when piped, never with NO_COLOR set.
export interface Style {
  pass: (text: string) => string;
  fail: (text: string) => string;
  error: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

const plain: Style = { pass: (t) => t, fail: (t) => t, error: (t) => t, dim: (t) => t, bold: (t) => t };

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const coloured: Style = {
  pass: ansi(32, 39),
  fail: ansi(31, 39),
  error: ansi(33, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
};

export function chooseStyle(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plain;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return coloured;
  return stream.isTTY ? coloured : plain;
}

export const plainStyle = plain;

// Styles each line on its own, so a folded message keeps its colour on every line and none leaks past a line's end.
export function eachLine(text: string, paint: (line: string) => string): string {
  return text
    .split('\n')
    .map((line) => (line ? paint(line) : line))
    .join('\n');
}
