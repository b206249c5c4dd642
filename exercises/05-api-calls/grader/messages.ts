// Every sentence exercise 05's checks say, in one place; the shared vocabulary (where, values, blocked loops) comes
// from the grader's own messages.
import { formatSeconds } from '../../../grader/evidence/intervals.js';
import { at, describeValue } from '../../../grader/messages.js';
import type {
  EncodedException,
  EncodedValue,
  Json,
  LearnerFrame,
  NeverAwaited,
} from '../../../grader/run/observations.js';
import { describeRequests, type Request } from './evidence.js';

function where(file: string, frame: LearnerFrame | null | undefined): string {
  if (!frame) return '';
  return ` at ${at(file, frame)}${frame.code ? ` (\`${frame.code}\`)` : ''}`;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${count} ${many}`;
}

function made(file: string, tasks: NeverAwaited[]): string {
  const lines = [
    ...new Set(tasks.map((t) => (t.origin ? at(file, t.origin) : null)).filter((l): l is string => l !== null)),
  ];
  return lines.length ? ` (made at ${lines.slice(0, 2).join(', ')})` : '';
}

// ---- asking at all -----------------------------------------------------------------

export function neverAsked(name: string, advice: string): string {
  return `\`${name}\` never sent a request to the API, so no prompt was asked. ${advice}`;
}

export function coroutinesNotAnswers(file: string, name: string, origin: LearnerFrame | null | undefined): string {
  return `\`${name}\` returned coroutine objects instead of answers${where(file, origin)}. \`complete\` is a coroutine function: calling it only makes a coroutine, and handing it to asyncio.to_thread only makes the coroutine in a worker thread, where nothing awaits it. Await complete(prompt) directly (or gather the coroutines): it already does its blocking part in a worker thread.`;
}

export function blockingClient(count: number): string {
  return `\`complete_blocking\` ran ${count === 1 ? 'once' : `${count} times`} on the event loop's own thread, and each time the loop waited for the API's answer. `;
}

// ---- answers in order ----------------------------------------------------------------

export function answersInCompletionOrder(name: string, got: string[], asked: string[], byArrival: boolean): string {
  const why = byArrival ? ', the order in which the API answered,' : '';
  return `\`${name}\` returned the right answers in the wrong order: the answers to ${got.join(', ')}${why} but they must follow the order of \`prompts\` (${asked.join(', ')}), whatever order they arrive in. asyncio.gather keeps the order of its arguments: return its list as it is.`;
}

export function wrongAnswers(name: string, expected: string, actual: EncodedValue | undefined): string {
  return `\`${name}\` returned ${describeValue(actual)}, but it should return ${expected}. Each answer is the text complete(prompt) returns; the grader's API words them differently on every run.`;
}

// ---- all at once -------------------------------------------------------------------------

export function oneAfterAnother(
  file: string,
  name: string,
  requests: Request[],
  line: LearnerFrame | null | undefined,
  advice: string,
): string {
  const first = line ? ` Your code awaited each request before it sent the next${where(file, line)}.` : '';
  return `\`${name}\` sent its ${requests.length} requests one after another: each reached the API only when the one before had its answer (${describeRequests(requests)} s).${first} ${advice}`;
}

export function notAllAtOnce(
  name: string,
  requests: Request[],
  peak: number,
  busy: number,
  cutoff: number,
  advice: string,
): string {
  return `Only ${peak} of the ${requests.length} requests of \`${name}\` were on their way at the same time (${describeRequests(requests)} s), and the batch kept the API busy for ${formatSeconds(busy)}; all at once it takes under ${formatSeconds(cutoff)}. ${advice}`;
}

// ---- a cap on requests in flight ---------------------------------------------------------------

export function overTheCap(
  file: string,
  name: string,
  refused: Request[],
  cap: number,
  line: LearnerFrame | null | undefined,
): string {
  return `\`${name}\` had more than ${cap} requests in flight: the API refused ${plural(refused.length, 'request', 'requests')} with 429 Too Many Requests (${describeRequests(refused, 4)} s) because ${cap} were already on their way${where(file, line)}. Share one asyncio.Semaphore(max_in_flight) between all the requests and hold it around each \`await complete(prompt)\`: a semaphore made inside each request's own coroutine limits nothing.`;
}

export function underTheCap(name: string, requests: Request[], peak: number, cap: number): string {
  return `At most ${peak} of the requests of \`${name}\` ${peak === 1 ? 'was' : 'were'} in flight at a time (${describeRequests(requests)} s), but max_in_flight = ${cap} lets ${cap} run together: the batch takes longer than it needs. Start every request at once and let one asyncio.Semaphore(max_in_flight) hold back all but ${cap} of them.`;
}

export function inBatches(name: string, requests: Request[], cap: number, late: number[]): string {
  return `\`${name}\` kept at most ${cap} requests in flight, but in batches: when an answer came, the next prompt waited until the slowest request of its batch was done, so places stood empty while prompts were waiting (${late.length} ${late.length === 1 ? 'start' : 'starts'} late by up to ${formatSeconds(Math.max(...late))}; ${describeRequests(requests)} s). Keep exactly max_in_flight on their way while prompts wait: start every request at once and let one asyncio.Semaphore(max_in_flight) hand each freed place to the next.`;
}

export function promptsChanged(name: string, before: number, after: number): string {
  return `\`${name}\` changed the caller's list of prompts (${before} before the call, ${after === before ? 'as many but not the same' : String(after)} after): a function must not change its inputs. Read \`prompts\` without popping or clearing it, and build a new list of answers.`;
}

export function notAList(name: string, result: EncodedValue): string {
  return `\`${name}\` returned ${describeValue(result)}, but the docstring asks for a list of answers: return list(...) of what you gathered.`;
}

export function refusedRaised(file: string, name: string, exc: EncodedException, why: string): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` raised RateLimitError${where(file, frame)}: ${why}`;
}

// ---- retries ------------------------------------------------------------------------------------

export function noRetry(file: string, name: string, first: Request, exc: EncodedException | undefined): string {
  const frame = exc?.frames.at(-1);
  const raised = exc ? ` and \`${name}\` raised it${where(file, frame)}` : '';
  return `The API answered ${first.status} to the first request${raised}, without trying again. A ${first.status === 429 ? '429 asks you to wait its Retry-After and try again' : '5xx error is often gone a moment later'}: catch it, wait, and send the request again, up to \`attempts\` requests in all.`;
}

export function stoppedRetrying(
  file: string,
  name: string,
  last: Request,
  made: number,
  attempts: number,
  exc: EncodedException | undefined,
): string {
  const frame = exc?.frames.at(-1);
  return `\`${name}\` gave up after ${made} of ${attempts} attempts${where(file, frame)}: the last answer was ${last.status}, an error that trying again can get past. ${last.status === 429 ? 'After a RateLimitError, wait its retry_after and try again.' : 'After an APIError with a status of 500 or more, wait the backoff and try again.'}`;
}

export function ignoredRetryAfter(prev: Request, next: Request, gap: number): string {
  return `After the 429 at ${prev.end?.toFixed(2) ?? '?'} s, which asked to wait ${formatSeconds(prev.retryAfter ?? 0)} (Retry-After), the next request came ${formatSeconds(gap)} later (${describeRequests([prev, next])} s). A rate limit tells you how long to wait: sleep \`error.retry_after\` seconds before trying again, with \`await asyncio.sleep(...)\`. (RateLimitError is a kind of APIError: catch it first, or the backoff branch takes it.)`;
}

export function retriedTooSoon(prev: Request, next: Request, gap: number, wanted: number, n: number): string {
  return `After the ${prev.status} that answered request ${n}, the next request came ${formatSeconds(gap)} later (${describeRequests([prev, next])} s), but the backoff after the ${ordinal(n)} failed request is at least base_delay * 2 ** ${n - 1} = ${formatSeconds(wanted)} (times a jitter between 1 and 1.5). Exponential backoff doubles each wait, so a server that is struggling gets more and more room: \`await asyncio.sleep(base_delay * 2 ** (n - 1) * random.uniform(1, 1.5))\` after the n-th failed request.`;
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

export function waitedTooLong(prev: Request, next: Request, gap: number, most: number): string {
  const what =
    prev.status === 429
      ? `the ${formatSeconds(prev.retryAfter ?? 0)} its Retry-After asked for`
      : 'the backoff for that attempt';
  return `After the ${prev.status} at ${prev.end?.toFixed(2) ?? '?'} s, the next request came ${formatSeconds(gap)} later (${describeRequests([prev, next])} s): far more than ${what} (about ${formatSeconds(most)} at most). Wait what the error and the backoff ask for, no more: each wait is time the batch stands still.`;
}

export function wrongAttempts(name: string, made: number, attempts: number, requests: Request[]): string {
  return `With attempts=${attempts} and every request failing, \`${name}\` sent ${plural(made, 'request', 'requests')} (${describeRequests(requests)} s), but \`attempts\` counts every request, the first one included: send exactly ${attempts}, then give up.`;
}

export function swallowedLastError(name: string, result: EncodedValue | undefined, attempts: number): string {
  return `\`${name}\` returned ${describeValue(result)} after ${attempts} failed attempts, so its caller cannot tell that the prompt was never answered, or why. When the last attempt fails, raise its error (a bare \`raise\` inside the except block does it).`;
}

export function raisedOtherThanLast(file: string, name: string, exc: EncodedException, last: Request): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` raised ${exc.type}: ${exc.message}${where(file, frame)}, but after the last attempt failed it should raise that attempt's own error: the APIError for its ${last.status}. Re-raise it (a bare \`raise\` inside the except block) rather than an earlier error or one of your own.`;
}

export function blockedRetry(): string {
  return 'Waiting before a retry must let the other tasks run meanwhile: `await asyncio.sleep(seconds)`, never `time.sleep(seconds)`, inside a coroutine.';
}

// ---- timeouts ------------------------------------------------------------------------------------

export function timeoutEscaped(file: string, name: string, exc: EncodedException): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` raised ${exc.type}${where(file, frame)} when the answer did not come in time; it should return None instead. Catch it: \`except asyncio.TimeoutError:\` (on Python 3.11 and newer the same class as the built-in TimeoutError; on 3.10 a different one).`;
}

export function leftRunningAfterTimeout(file: string, name: string, pending: NeverAwaited[]): string {
  return `\`${name}\` returned, but the request it gave up on was still running${made(file, pending)}: the API kept working on it (and billing for it) until the grader cancelled it when the call ended. Giving up must cancel the request: asyncio.wait_for cancels what it waits for when the time is up; after asyncio.wait(..., timeout=...), cancel the task yourself and wait for it.`;
}

export function requestRanOn(req: Request, timeout: number): string {
  return `The request went on after the ${formatSeconds(timeout)} timeout: the API worked on it to the end and sent its answer at ${req.end?.toFixed(2) ?? '?'} s (${describeRequests([req])} s). Cancelling a wait on asyncio.to_thread(complete_blocking, ...) stops the waiting, not the thread: the blocking request runs on. Await \`complete(prompt)\` under asyncio.wait_for: when it is cancelled it closes the request's connection.`;
}

export function noTimeout(name: string, seconds: number, timeout: number, result: EncodedValue | undefined): string {
  return `\`${name}\` waited ${formatSeconds(seconds)} for an answer and returned ${describeValue(result)}, but the timeout was ${formatSeconds(timeout)}: after that long it should give up, cancel the request and return None. \`await asyncio.wait_for(complete(prompt), timeout)\` does the waiting and the cancelling.`;
}

export function gaveUpAt(req: Request, timeout: number, after: number): string {
  const when = after > timeout ? 'long after' : 'before';
  return `The request was given up after ${formatSeconds(after)}, ${when} the timeout of ${formatSeconds(timeout)} (${describeRequests([req])} s). Give up when \`timeout\` seconds have passed, no sooner and not much later: asyncio.wait_for(complete(prompt), timeout).`;
}

export function openAfterTimeout(name: string, req: Request, timeout: number, open: number): string {
  return `\`${name}\` returned None after the ${formatSeconds(timeout)} timeout, but its request stayed open at the API for ${formatSeconds(open)} more (${describeRequests([req])} s): nothing cancelled it, so it ran on in its thread. Await \`complete(prompt)\` under asyncio.wait_for: on the timeout it cancels the request, which closes its connection.`;
}

export function fastGaveUp(name: string, timeout: number, answered: number): string {
  return `\`${name}\` returned None, but the answer came after ${formatSeconds(answered)}, well within the timeout of ${formatSeconds(timeout)}: return the answer whenever it comes in time.`;
}

// ---- the first answer ---------------------------------------------------------------------------

export function slowerAnswer(name: string, fast: string, slow: string): string {
  return `\`${name}\` returned the answer of ${slow}, the slower model; ${fast} answered first. Return the answer that comes back first: asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED) hands back the finished task in \`done\`.`;
}

export function notEveryModel(name: string, asked: string[], models: string[]): string {
  return `\`${name}\` asked ${asked.length ? asked.join(' and ') : 'no model'}, but it should ask every model in \`models\` (${models.join(', ')}) at the same time, and keep the first answer.`;
}

export function modelsOneAfterAnother(
  file: string,
  name: string,
  requests: Request[],
  line: LearnerFrame | null,
): string {
  return `\`${name}\` asked the models one after another${where(file, line)} (${describeRequests(requests)} s): a race needs every request on its way at once. Start one task per model, then wait for the first to finish with asyncio.wait(..., return_when=asyncio.FIRST_COMPLETED).`;
}

export function slowerLeftRunning(file: string, name: string, pending: NeverAwaited[], slow: Request): string {
  return `\`${name}\` returned while the request to ${slow.model} was still running${made(file, pending)}: the API kept working on an answer nobody wanted until the grader cancelled it when the call ended. Cancel the tasks still pending and wait for them to finish cancelling before you return: \`for task in pending: task.cancel()\`, then \`await asyncio.gather(*pending, return_exceptions=True)\`. (cancel() only asks: the task stops the next time it runs.)`;
}

export function waitedForBoth(name: string, fast: Request, slow: Request): string {
  return `\`${name}\` waited for every model: ${fast.model} answered at ${fast.end?.toFixed(2) ?? '?'} s, yet the request to ${slow.model} ran on until its answer at ${slow.end?.toFixed(2) ?? '?'} s (${describeRequests([fast, slow])} s). Take the first answer and cancel the rest: asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED), then cancel what is pending.`;
}

export function slowerOpenAfterReturn(name: string, slow: Request, open: number): string {
  return `\`${name}\` returned the first answer, but its request to ${slow.model} stayed open at the API for ${formatSeconds(open)} after that (${describeRequests([slow])} s): nothing cancelled it, so it ran on in its thread. Cancel the tasks still pending and wait for them to finish cancelling before you return; \`complete(prompt)\` closes its request when its task is cancelled.`;
}

// ---- pacing --------------------------------------------------------------------------------------

export function waitedBeforeRaising(name: string, waited: number, attempts: number): string {
  return `\`${name}\` made its ${attempts} attempts, then waited ${formatSeconds(waited)} more before it raised the last error: once the last attempt has failed there is nothing left to wait for. Raise the error as soon as the last attempt fails.`;
}

export function retriedClientError(
  name: string,
  asked: Request[],
  raised: EncodedException | null,
  result: EncodedValue | undefined,
): string {
  if (asked.length > 1)
    return `\`${name}\` sent a prompt that is too long ${asked.length} times (${describeRequests(asked)} s), but the API answered 400 Bad Request: a 4xx says the request itself is wrong, and trying again cannot help. Retry only a RateLimitError or an APIError with a status of 500 or more; raise any other APIError at once.`;
  return `\`${name}\` got 400 Bad Request for a prompt that is too long and returned ${describeValue(result)}${raised ? '' : ' instead of raising'}: raise that APIError at once, trying again cannot help.`;
}

export function pacedTooFast(
  name: string,
  count: number,
  lastStart: number,
  soonest: number,
  budget: number,
  window: number,
): string {
  return `\`${name}\` started all ${count} requests within ${formatSeconds(lastStart)}, faster than the budget of ${budget} per ${formatSeconds(window)} allows: at most ${budget} at once, then one every ${formatSeconds(window / budget)}, so the last can start after ${formatSeconds(soonest)} at the soonest. The fake API's slack let this through; a real API refuses it with 429. Wait window / budget seconds between requests once the budget's first ${budget} are sent, or keep a token bucket that holds at most ${budget} tokens.`;
}

export function overBudget(
  file: string,
  name: string,
  refused: Request[],
  total: number,
  budget: number,
  window: number,
  line: LearnerFrame | null | undefined,
  gap: number,
): string {
  const interval = window / budget;
  const advice =
    gap >= 0.005 && gap < interval
      ? `The requests started about ${formatSeconds(gap)} apart, closer than window / budget = ${formatSeconds(interval)}: space them by that (or take a token from a bucket that refills one every ${formatSeconds(interval)} before each request).`
      : `Pace each request, not the batch: start one request every window / budget = ${formatSeconds(interval)} (or take a token from a bucket before each request), rather than waiting once and then sending them all.`;
  return `\`${name}\` went over the budget of ${budget} requests per ${formatSeconds(window)}: the API refused ${refused.length} of ${total} requests with 429 (${describeRequests(refused, 4)} s)${where(file, line)}. ${advice}`;
}

export function pacedOneAtATime(
  file: string,
  name: string,
  requests: Request[],
  line: LearnerFrame | null | undefined,
): string {
  return `\`${name}\` waited for each answer before it sent the next request${where(file, line)} (${describeRequests(requests)} s). The budget is about when requests start, not how many are open: start one every window / budget seconds as a task of its own, let them overlap, and gather them at the end.`;
}

export function pacedTooSlow(
  name: string,
  span: number,
  paced: number,
  cutoff: number,
  budget: number,
  window: number,
  gap: number,
): string {
  const interval = window / budget;
  const spacing =
    Math.abs(gap - window) <= 0.25 * window
      ? `not by the whole window (they started about ${formatSeconds(gap)} apart): the budget refills one request at a time`
      : `not ${formatSeconds(gap)} apart as they started: the budget refills one request every ${formatSeconds(interval)}`;
  return `\`${name}\` took ${formatSeconds(span)} to start its requests, but the budget of ${budget} per ${formatSeconds(window)} lets them all start within about ${formatSeconds(paced)} (the cut-off is ${formatSeconds(cutoff)}). Space the starts by window / budget = ${formatSeconds(interval)}, ${spacing}.`;
}

// ---- failures ------------------------------------------------------------------------------------

export function failureLostTheRest(file: string, name: string, exc: EncodedException, others: number): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` raised ${exc.type}${where(file, frame)} when one prompt failed, so the answers to the other ${others} prompts were lost. Pass \`return_exceptions=True\` to asyncio.gather: the exception then takes the failing prompt's place in the list, and every other prompt keeps its answer.`;
}

export function failureNotInPlace(name: string, label: string, index: number, actual: EncodedValue | Json): string {
  const shown =
    typeof actual === 'object' && actual !== null && 'repr' in actual
      ? describeValue(actual as EncodedValue)
      : JSON.stringify(actual);
  return `In the place of the failing prompt ${label} (position ${index}), \`${name}\` returned ${shown} instead of the APIError its request raised. Keep the exception object itself there, so the caller can tell what failed and why: gather(..., return_exceptions=True) puts it there for you.`;
}

export function wrongLength(name: string, got: number, expected: number): string {
  return `\`${name}\` returned ${got} items for ${expected} prompts: keep exactly one item per prompt, in order, with the exception in the failing prompt's place.`;
}

export function safelyOneAtATime(name: string, requests: Request[]): string {
  return `\`${name}\` kept every answer, but asked one prompt after another (${describeRequests(requests)} s). Ask them all at once: asyncio.gather(*(complete(p) for p in prompts), return_exceptions=True).`;
}

export function returnedInsteadOfRaising(name: string, result: EncodedValue | undefined, label: string): string {
  return `\`${name}\` returned ${describeValue(result)} although the prompt ${label} failed with an APIError; it should raise that APIError, so that the caller cannot mistake a partial batch for a whole one.`;
}

export function exceptionGroupEscaped(file: string, name: string, exc: EncodedException): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` raised ${exc.type}${where(file, frame)}: asyncio.TaskGroup wraps the errors of its tasks in an ExceptionGroup. Unpack it and raise the APIError itself: \`except* APIError as group: raise group.exceptions[0]\`.`;
}

export function raisedWrongError(file: string, name: string, exc: EncodedException, expected: string): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` raised ${exc.type}: ${exc.message}${where(file, frame)}, but it should raise the failing request's own APIError (${expected}).`;
}

export function othersLeftRunning(file: string, name: string, pending: NeverAwaited[], running: number): string {
  return `\`${name}\` raised the APIError while ${plural(running, 'other request was', 'other requests were')} still running${made(file, pending)}: the API went on working on answers nobody would read, until the grader cancelled them when the call ended. When one fails, cancel the other tasks and wait for them before raising (asyncio.TaskGroup does both on Python 3.11 and newer).`;
}

export function waitedForAll(name: string, failed: Request, answered: Request[]): string {
  return `\`${name}\` waited for every answer although ${failed.label} had failed at ${failed.end?.toFixed(2) ?? '?'} s: ${plural(answered.length, 'request', 'requests')} ran on to the end (${describeRequests(answered, 4)} s). Once one request fails the batch is lost: cancel the others at once, then raise.`;
}

export function orNothingOneAtATime(
  file: string,
  name: string,
  requests: Request[],
  line: LearnerFrame | null,
): string {
  return `\`${name}\` asked its prompts one after another${where(file, line)} (${describeRequests(requests)} s): ask them all at once, then cancel the rest as soon as one fails.`;
}
