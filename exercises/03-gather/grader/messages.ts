// Every sentence exercise 03's checks say to a learner; the shared grader/messages.ts keeps the course's common words.
import { formatIntervals, formatSeconds } from '../../../grader/evidence/intervals.js';
import { at, describeValue, ranSequentially } from '../../../grader/messages.js';
import type { EncodedException, EncodedValue, LearnerFrame, Span } from '../../../grader/run/observations.js';

function quoteCode(frame: LearnerFrame | null | undefined): string {
  return frame && frame.code ? ` (\`${frame.code}\`)` : '';
}

function place(file: string, frame: LearnerFrame | null | undefined): string {
  return frame ? ` at ${at(file, frame)}${quoteCode(frame)}` : '';
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function quoted(labels: string[], limit = 4): string {
  const shown = labels.slice(0, limit).map((l) => `'${l}'`);
  return shown.join(', ') + (labels.length > limit ? ` and ${labels.length - limit} more` : '');
}

// ---- task 1: factorial ----------------------------------------------------------

export function factorialWrong(call: string, expected: number, actual: EncodedValue, advice: string): string {
  return `\`${call}\` returned ${describeValue(actual)}, but it should return ${expected}. ${advice}`;
}

export const FACTORIAL_FROM_ONE =
  'Start from total = 1 and, for i in range(2, number + 1), set total = await factorial_step(name, total, i).';
export const FACTORIAL_PASS =
  'The blog post left factorial as `pass`, which returns None: start from total = 1, multiply in 2, 3, ..., number with factorial_step, and return the total.';
export const FACTORIAL_OF_ZERO =
  '0! is 1 (a product of no numbers at all): start from total = 1, and for 0 and 1 the loop over range(2, number + 1) makes no step.';

export function recursionNeverEnds(file: string, call: string, where: LearnerFrame | null | undefined): string {
  return `\`${call}\` never reached an end: factorial called itself again and again until Python raised RecursionError${place(file, where)}. A base case that only stops at 1 misses 0; a loop, \`for i in range(2, number + 1)\`, needs no base case at all.`;
}

export function stepNotAwaited(file: string, call: string, where: LearnerFrame | null | undefined): string {
  return `\`${call}\` called factorial_step without \`await\`${place(file, where)}: that only makes a coroutine, so \`total\` became a coroutine object instead of a number, and the next step could not multiply it. Write \`total = await factorial_step(name, total, i)\`.`;
}

export function skippedHelper(call: string, helper: string, advice: string): string {
  return `\`${call}\` returned the right value without calling \`${helper}\`. ${advice}`;
}

export function keptBetweenCalls(call: string, earlier: string, helper: string): string {
  return `\`${call}\` returned at once, without calling \`${helper}\`: the value was kept from the earlier call \`${earlier}\`. Each call must do its own steps; keep nothing between calls (no cache at module level).`;
}

export function stepWrongName(
  file: string,
  call: string,
  used: string,
  given: string,
  where: LearnerFrame | null | undefined,
): string {
  return `\`${call}\` called factorial_step with the name '${used}'${place(file, where)}, but the name it was given is '${given}'. Pass the \`name\` argument on: \`factorial_step(name, total, i)\`.`;
}

export function stepsNotAsked(
  file: string,
  call: string,
  extra: string[],
  missing: string[],
  where: LearnerFrame | null | undefined,
): string {
  const made = extra.length
    ? `made ${extra.length === 1 ? 'a step' : 'steps'} it should not (${extra.map((s) => `i = ${s}`).join(', ')})`
    : '';
  const skipped = missing.length ? `skipped ${missing.map((s) => `i = ${s}`).join(', ')}` : '';
  const why = extra.includes('1') ? ' Multiplying by 1 changes nothing and still costs a slow step.' : '';
  return `\`${call}\` ${[made, skipped].filter(Boolean).join(' and ')}${place(file, where)}: factorial_step should run once for each i = 2, 3, ..., number, and never otherwise.${why} Loop over \`range(2, number + 1)\`.`;
}

export function stepsTogether(call: string, spans: Span[]): string {
  return `\`${call}\` ran its factorial_step calls at the same time (${formatIntervals(spans)} s). A factorial's steps depend on each other: each takes the total the step before it returned. Run them one at a time: \`total = await factorial_step(name, total, i)\` inside the loop.`;
}

export function stepsUnchained(
  file: string,
  call: string,
  step: string,
  total: number,
  expected: number,
  fromNumber: boolean,
  where: LearnerFrame | null | undefined,
): string {
  const advice = fromNumber
    ? 'It started from total = number instead of 1, so the loop has to stop one short, and 0! comes out 0. Start from total = 1 and multiply in every i from 2 to number, each in a step.'
    : 'Hand each step the total the step before it returned: `total = await factorial_step(name, total, i)`.';
  return `\`${call}\` called factorial_step(${step}) with total ${total}${place(file, where)}, but the total so far was ${expected}. ${advice}`;
}

// ---- task 1: factorials --------------------------------------------------------

// A twin's label "A(5)" as the call it stands for: factorial("A", 5).
function asCall(helper: string, label: string): string {
  const parts = /^(.*)\((.*)\)$/.exec(label);
  return parts ? `${helper}(${JSON.stringify(parts[1])}, ${parts[2]})` : `${helper}(${label})`;
}

export function wrongCalls(name: string, helper: string, wanted: string[], missing: string[], extra: string[]): string {
  const calls = (labels: string[]): string => labels.map((label) => `\`${asCall(helper, label)}\``).join(', ');
  const parts: string[] = [];
  if (extra.length) parts.push(`called ${calls(extra)}`);
  if (missing.length) parts.push(`never called ${calls(missing)}`);
  return `\`${name}\` ${parts.join(' and ')}: it should call ${calls(wanted)}, each once. Each name goes with its own number: factorial("A", a), factorial("B", b), factorial("C", c).`;
}

// ---- results ----------------------------------------------------------------------

function shorten(text: string, limit = 80): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 3)}...`;
}

export function notAList(name: string, value: EncodedValue, advice: string): string {
  return `\`${name}\` returned a ${value.type}, ${shorten(value.repr)}, but it should return a list. ${advice}`;
}

export function resultsOutOfOrder(name: string, got: string, why: string, advice: string): string {
  return `\`${name}\` returned the right results in the wrong order: ${got}${why}, but the results must follow the order of the inputs. ${advice}`;
}

export const IN_FINISH_ORDER = ', which is the order in which the calls finished';
export const SORTED = ', sorted';
export const REVERSED = ", the inputs' order reversed";

export function duplicatesLost(name: string, count: number, items: number, repeated: string[]): string {
  return `\`${name}\` returned ${count} results for ${items} inputs: ${quoted(repeated)} ${repeated.length === 1 ? 'appears' : 'appear'} more than once in the input, and the repeats lost their results (a dict or a set keeps each key once). Make one call per entry of the list, repeats included, and keep one result per entry.`;
}

export function leakedBetweenCalls(name: string, count: number, items: number): string {
  return `A second call of \`${name}\` returned ${count} results for its ${items} inputs: the results of the earlier call were still in the list. Keep nothing between calls: build a new list inside the function each time (a list at module level is shared by every call).`;
}

export function inputChanged(name: string, argument: string, before: string, after: string): string {
  return `\`${name}\` changed the caller's \`${argument}\`: it was ${before} before the call and ${after} after it. Leave the inputs as they are; take what you need from them without removing anything (iterate over the list, or work on a copy).`;
}

export function emptyInputFailed(
  file: string,
  name: string,
  exc: EncodedException,
  where: LearnerFrame | null | undefined,
): string {
  return `\`${name}\` called with an empty list raised ${exc.type}: ${exc.message}${place(file, where)}. With nothing to fetch it should return []. asyncio.wait refuses an empty collection; asyncio.gather() with nothing to gather returns [] at once, or return [] early when there is nothing to do.`;
}

export function resultBeforeDone(file: string, name: string, where: LearnerFrame | null | undefined): string {
  return `\`${name}\` asked a task for its result before the task had finished${place(file, where)}, and asyncio raised InvalidStateError. Waiting a fixed time is a guess, and the grader picks new delays on every run: await the tasks themselves (\`await asyncio.gather(*tasks)\`), which waits exactly as long as they need.`;
}

export function gatherGivenAList(file: string, name: string, where: LearnerFrame | null | undefined): string {
  return `\`${name}\` passed a whole list to asyncio.gather as a single argument${place(file, where)}, so gather raised TypeError and none of the coroutines in the list ran. gather wants each awaitable as an argument of its own: unpack the list with \`*\`, as in \`await asyncio.gather(*fetches)\`.`;
}

export function gatherNotAwaited(name: string, value: EncodedValue, expected: string): string {
  return `\`${name}\` returned ${describeValue(value)}, but it should return ${expected}. asyncio.gather(...) hands back a future at once; \`await\` it to get the list of results.`;
}

// ---- concurrency ------------------------------------------------------------------

export function callsNotAsked(
  name: string,
  helper: string,
  items: number,
  made: number,
  missing: string[],
  extra: string[],
): string {
  const parts: string[] = [];
  if (extra.length)
    parts.push(`${extra.length === 1 ? 'a call' : `${extra.length} calls`} more than asked (${quoted(extra)} again)`);
  if (missing.length) parts.push(`no call (or too few) for ${quoted(missing)}`);
  return `\`${name}\` called \`${helper}\` ${times(made)} for ${items} inputs: ${parts.join(', and ')}. Call it exactly once for each entry of the list, repeats included: every extra call costs another wait.`;
}

export function awaitedOneByOne(
  file: string,
  where: LearnerFrame | null | undefined,
  spans: Span[],
  helper: string,
  advice: string,
): string {
  const first = where ? ` (the first at ${at(file, where)}${quoteCode(where)})` : '';
  return ranSequentially(
    spans,
    helper,
    `Your code awaited each call before starting the next${first}: a coroutine does not start until it is awaited, so awaiting them one at a time runs them one at a time, even when they were all made beforehand. ${advice}`,
  );
}

export function notAllInFlight(spans: Span[], helper: string, peak: number, advice: string): string {
  return `Only ${peak} of the ${spans.length} \`${helper}\` calls were in flight at the same time (${formatIntervals(spans)} s); all ${spans.length} should run together. ${advice}`;
}

export function slowOutside(name: string, elapsed: number, spans: Span[], outside: number): string {
  return `\`${name}\` took ${formatSeconds(elapsed)} for calls that were all done after ${formatSeconds(Math.max(0, ...spans.map((s) => s.end ?? s.start)))} (${formatIntervals(spans)} s): ${formatSeconds(outside)} went by besides. Return as soon as the results are in: await the calls themselves (asyncio.gather), not a fixed time.`;
}

// ---- task 3 ------------------------------------------------------------------------

export function exceptionLostTheRest(
  file: string,
  name: string,
  exc: EncodedException,
  others: number,
  where: LearnerFrame | null | undefined,
): string {
  return `\`${name}\` raised ${exc.type}: ${exc.message}${place(file, where)}, so the results of the other ${others} items were lost. Pass \`return_exceptions=True\` to gather: the exception then takes its item's place in the list, and every other item keeps its result.`;
}

export function failedItemVanished(name: string, items: string[], got: number, expected: number): string {
  return `\`${name}\` returned ${got} results for ${expected} items: the failing ${items.length === 1 ? 'item' : 'items'} ${quoted(items)} vanished, so the caller cannot tell which item failed or why, and every result after ${items.length === 1 ? 'it' : 'them'} sits out of place. Keep one entry per item, with the exception object itself in the failing item's place (gather with return_exceptions=True does exactly that).`;
}

export function exceptionNotInPlace(name: string, item: string, index: number, actual: EncodedValue): string {
  return `In the place of the failing item '${item}' (position ${index}), \`${name}\` returned ${describeValue(actual)} instead of the LookupError its fetch raised. Keep the exception object itself there, so the caller can tell what failed and why: gather(..., return_exceptions=True) puts it there for you.`;
}

export function exceptionReplaced(name: string, item: string, index: number, actual: string): string {
  return `In the place of the failing item '${item}' (position ${index}), \`${name}\` returned a new exception, ${actual}, instead of the LookupError its fetch raised (LookupError("no such item: '${item}'")). Keep the very exception the fetch raised: it says what went wrong. gather(..., return_exceptions=True) puts it there for you.`;
}

export function wrongSafeResults(name: string, wanted: string, actual: EncodedValue, advice = ''): string {
  return `\`${name}\` returned ${describeValue(actual)}, but it should return ${wanted}.${advice ? ` ${advice}` : ''}`;
}

// ---- task 4 ------------------------------------------------------------------------

export function peakAboveLimit(spans: Span[], helper: string, peak: number, limit: number, advice: string): string {
  return `Peak ${peak} \`${helper}\` calls in flight, but the limit was ${limit} (${formatIntervals(spans)} s). ${advice}`;
}

export function peakBelowLimit(spans: Span[], helper: string, peak: number, limit: number, advice: string): string {
  return `At most ${peak} \`${helper}\` ${peak === 1 ? 'call was' : 'calls were'} in flight at a time, but the limit of ${limit} lets ${limit} run together (${formatIntervals(spans)} s). ${advice}`;
}

export const NOTHING_HELD_BACK =
  'Nothing held them back: make one `semaphore = asyncio.Semaphore(limit)` at the start of fetch_bounded, before any fetch starts, and do each fetch inside `async with semaphore:`. A semaphore that is never used, a new one made for each item, or a fetch outside the `async with` block limits nothing.';
export const ONE_TOO_MANY =
  'That is one too many from the start: make the semaphore with exactly `asyncio.Semaphore(limit)`.';
export const ONE_TOO_FEW =
  'That is one too few: make the semaphore with exactly `asyncio.Semaphore(limit)`, and start every fetch together (asyncio.gather) so that the semaphore alone holds back the extra ones.';
export const EXACTLY_LIMIT =
  'Make the semaphore with exactly `asyncio.Semaphore(limit)`, and start every fetch together (asyncio.gather) so that the semaphore alone holds back the extra ones.';
export const START_TOGETHER =
  'Start them all together (asyncio.gather) and let the semaphore alone hold back the extra ones.';

export function limitGrew(limit: number, initial: number, peak: number): string {
  return `It started with ${initial} in flight, then more and more as fetches finished (up to ${peak}): each finished fetch gave back more than the one permit it took. Release the semaphore exactly once per acquire: \`async with semaphore:\` releases it for you at the end of the block, so do not call release() inside it as well.`;
}

export function limitIgnored(limits: { limit: number; peak: number }[]): string {
  const seen = limits.map((l) => `${l.peak} with a limit of ${l.limit}`).join(', and ');
  return `The number in flight did not follow \`limit\`: at most ${seen}. The semaphore's size is fixed somewhere else (a constant, or a semaphore kept from an earlier call); make a new \`asyncio.Semaphore(limit)\` inside fetch_bounded on every call, from its \`limit\` argument.`;
}

export function allAtOnceExpected(spans: Span[], helper: string, peak: number, limit: number): string {
  return `With a limit of ${limit} and only ${spans.length} items, all ${spans.length} \`${helper}\` calls may run together, but at most ${peak} did (${formatIntervals(spans)} s). Nothing but the limit should hold a fetch back: let \`asyncio.Semaphore(limit)\` decide.`;
}

export function batches(name: string, spans: Span[], limit: number, waits: number[]): string {
  const late = waits.filter((w) => w >= 0.001);
  return `\`${name}\` kept at most ${limit} in flight, but in batches: when a fetch finished, the next one waited until the slowest of its batch was done, so places stood empty while items were waiting (${late.length} ${late.length === 1 ? 'start' : 'starts'} late by up to ${formatSeconds(Math.max(...late))}; ${formatIntervals(spans)} s). The docstring asks for exactly ${limit} in flight while there is work waiting: start every fetch at once (asyncio.gather) and let one semaphore hand each freed place to the next fetch.`;
}

export function slowBounded(name: string, elapsed: number, expected: number, outside: number): string {
  return `\`${name}\` took ${formatSeconds(elapsed)}; with its fetches kept to the limit it takes about ${formatSeconds(expected)}, and ${formatSeconds(outside)} went by outside the fetches. Start all the fetches together and let the semaphore alone decide when each one runs; do nothing slow besides.`;
}

export function boundToAnotherLoop(file: string, name: string, where: LearnerFrame | null | undefined): string {
  return `\`${name}\` used an asyncio object that belongs to another event loop${place(file, where)}: a semaphore (or lock, queue, future) made outside the function is tied to the first event loop that waits on it, and every asyncio.run starts a new loop (so does each call here). Make the semaphore inside fetch_bounded, on every call.`;
}
