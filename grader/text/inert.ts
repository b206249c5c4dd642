// Text that came from learner code, made safe to show anywhere: no character in it can move a terminal's cursor,
// change its colours, set its title, erase a line or reorder what is shown. Each such character is replaced by a
// visible stand-in, so the learner still sees that it was there.

// C0 controls (but newline and tab), DEL, C1 controls, and the Unicode controls that reorder text.
// eslint-disable-next-line no-control-regex -- matching these characters, to replace them, is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function standIn(char: string): string {
  const code = char.charCodeAt(0);
  // The Control Pictures block shows C0 controls as symbols (␛ for ESC, ␍ for CR, ␈ for backspace).
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

export function inert(text: string): string {
  return text.replace(CONTROL, standIn);
}

// For JSON written to files a person may `cat`: the same characters as \u escapes (still valid JSON, same data).
export function escapeControlsInJson(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
