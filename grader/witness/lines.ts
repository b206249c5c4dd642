// Splits a stream into lines, keeping a partial last line aside (a process killed mid-write leaves one).
export class LineBuffer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxLine: number) {}

  // The complete lines in `chunk` (with what came before), or null once a line grows past the limit.
  push(chunk: Buffer): Buffer[] | null {
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const lines: Buffer[] = [];
    let from = 0;
    for (let at = data.indexOf(10, from); at !== -1; at = data.indexOf(10, from)) {
      lines.push(data.subarray(from, at));
      from = at + 1;
    }
    this.pending = data.subarray(from);
    return this.pending.length > this.maxLine ? null : lines;
  }

  // What was left after the last newline.
  rest(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}
