// Time in exercise 05 is scaled down: what a real API does in seconds, the fake does in tenths and hundredths, so the
// exercise's necessary waits stay near those of the other exercises. Grading and `npm run api` share these numbers.
export const SCALE = {
  // A typical answer's latency (each probe spreads its answers from here).
  answer: 0.1,
  // A round of requests under a cap in flight.
  round: 0.08,
  // A quick answer.
  quick: 0.03,
  // The answer (or failure) of each attempt of a retried request.
  retry: 0.02,
  // A failure that comes before the other answers of a batch.
  failFast: 0.06,
  // An answer slow enough to need a timeout.
  slow: 1.5,
  // The slower model of a race.
  slowModel: 0.5,
  // What a 429 asks to wait (Retry-After), when the scenario does not choose.
  retryAfter: 0.1,
  // The base_delay of the retries' exponential backoff.
  backoff: 0.03,
  // One request of a budget comes back every this many seconds.
  interval: 0.03,
} as const;
