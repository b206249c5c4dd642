// How many probes run at the same time, across every exercise and submission this process grades.
// Probes mostly wait (that is what they measure), so several per core keep the machine light; the limit keeps
// a class graded in bulk from starving the probes' own timing.
import { availableParallelism } from 'node:os';

export class Limit {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
      this.queue.shift()?.();
    }
  }
}

function defaultSize(): number {
  const asked = Number(process.env.ASYNCIO_LAB_PROBES);
  return Number.isInteger(asked) && asked > 0 ? asked : Math.max(2, 4 * availableParallelism());
}

export const probeLimit = new Limit(defaultSize());

// A promise with its resolver outside: resolved once, later calls ignored.
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let settle: (value: T) => void = () => undefined;
  let done = false;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return {
    promise,
    resolve: (value) => {
      if (done) return;
      done = true;
      settle(value);
    },
  };
}
