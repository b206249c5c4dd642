// A value read from JSON or a command line (typed unknown), as text: a string as it is, anything else as its JSON, so
// that an object shows what it holds rather than "[object Object]".
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}
