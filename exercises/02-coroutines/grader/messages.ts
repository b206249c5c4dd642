// Every sentence exercise 02 says to a learner; the vocabulary every exercise shares is in grader/messages.ts.
import { formatIntervals, formatSeconds } from '../../../grader/evidence/intervals.js';
import type { LedgerTask } from '../../../grader/evidence/in-process.js';
import { at, plural, quoteCode, ranSequentially } from '../../../grader/messages.js';
import type {
  EncodedException,
  EncodedValue,
  Json,
  LearnerFrame,
  NeverAwaited,
  Span,
} from '../../../grader/run/observations.js';

// "['hello a', 'hello b']": a list of strings as Python prints it.
export function pyList(items: readonly Json[]): string {
  return `[${items.map((i) => (typeof i === 'string' ? `'${i}'` : JSON.stringify(i))).join(', ')}]`;
}

function listShort(items: readonly string[], limit = 3): string {
  return (
    items
      .slice(0, limit)
      .map((s) => `'${s}'`)
      .join(', ') + (items.length > limit ? ` and ${items.length - limit} more` : '')
  );
}

function place(file: string, where: LearnerFrame | null | undefined): string {
  return where ? ` at ${at(file, where)}${quoteCode(where)}` : '';
}

// ---- task 1: main prints ------------------------------------------------------------

export function printedUnfinished(
  file: string,
  name: string,
  what: string,
  line: string,
  origin: LearnerFrame | null,
  advice: string,
): string {
  const made = origin ? ` (made at ${at(file, origin)}${quoteCode(origin)})` : '';
  return `\`${name}\` printed ${what}${made} instead of a greeting: ${JSON.stringify(line.slice(0, 80))}. ${advice}`;
}

export function printedWrong(
  name: string,
  suffixes: string[],
  expected: string[],
  actual: string[],
  why: string,
): string {
  const shown =
    actual.length === 0
      ? 'nothing'
      : actual
          .slice(0, 5)
          .map((l) => JSON.stringify(l.slice(0, 60)))
          .join(', ');
  const wanted = expected.length === 0 ? 'nothing at all' : expected.map((l) => JSON.stringify(l)).join(', ');
  return `For the suffixes ${pyList(suffixes)}, \`${name}\` printed ${shown}, but it should print ${wanted}: one greeting a line, in the order of \`suffixes\`.${why ? ` ${why}` : ''}`;
}

export const PRINTED_IN_COMPLETION_ORDER =
  'Those are the greetings in the order the calls finished: print each greeting in the order of `suffixes`, for instance by awaiting the calls in that order.';
export const PRINTED_A_LIST = 'That is the whole list on one line: print each greeting on a line of its own.';

// ---- results -------------------------------------------------------------------------

export function listOfUnfinished(name: string, what: string, count: number, total: number, advice: string): string {
  return `\`${name}\` returned a list holding ${count === total ? `only ${what}` : `${count} ${what} among ${total} items`} instead of greetings. ${advice}`;
}

export function wrongOrder(name: string, expected: string[], actual: string[], why: string, advice: string): string {
  return `\`${name}\` returned the right greetings in the wrong order: ${pyList(actual)}${why} but it should follow the order of \`suffixes\`: ${pyList(expected)}. ${advice}`;
}

export const ORDER_BY_COMPLETION = ', which is the order in which the calls finished,';
export const ORDER_SORTED = ', which is sorted,';
export const ORDER_REVERSED = ', which is reversed,';

export function notAList(name: string, actual: EncodedValue): string {
  return `\`${name}\` returned the right greetings, but as ${/^[aeiou]/i.test(actual.type) ? 'an' : 'a'} ${actual.type} (${actual.repr.slice(0, 80)}), where a list is asked for. Return a list: build one with [] and append, or a list comprehension.`;
}

export function wrongGreetings(name: string, suffixes: string[], expected: string[], actual: EncodedValue): string {
  return `For the suffixes ${pyList(suffixes)}, \`${name}\` returned ${actual.repr.slice(0, 160)}, but it should return ${pyList(expected)}: one greeting per suffix, in the order of \`suffixes\`.`;
}

export function leakedFromEarlierCall(name: string, suffixes: string[], got: number, stale: string[]): string {
  return `\`${name}\` returned ${got} greetings for the ${suffixes.length} suffixes ${pyList(suffixes)}; ${listShort(stale)} ${stale.length === 1 ? 'is' : 'are'} left over from an earlier call. A list made outside the function is shared by every call: make the list inside the function, so each call starts empty.`;
}

export function duplicatesDropped(name: string, suffixes: string[], got: number): string {
  return `For the suffixes ${pyList(suffixes)}, \`${name}\` returned ${got} greetings: a suffix that appears twice needs its greeting twice, once for each place in the list. A dict or a set keyed by suffix keeps only one per distinct suffix: keep a list instead.`;
}

export function changedInput(name: string, before: string[], after: EncodedValue): string {
  return `\`${name}\` changed the caller's list: \`suffixes\` was ${pyList(before)} before the call and ${after.repr.slice(0, 120)} after it. Read the list without changing it (\`for suffix in suffixes:\`): the caller may still need it.`;
}

// ---- calls of kale ----------------------------------------------------------------------

export function helperSkipped(name: string, helper: string, missing: string[], total: number): string {
  return `\`${name}\` did not run \`${helper}\` to the end for ${plural(missing.length, 'suffix', 'suffixes')} of ${total} (${listShort(missing)}). Get each greeting from ${helper}(suffix) itself, and await every call.`;
}

export function extraCalls(name: string, helper: string, calls: number, suffixes: string[]): string {
  return `\`${name}\` called \`${helper}\` ${calls} times for the ${suffixes.length} suffixes ${pyList(suffixes)}: one call per suffix is enough, and every extra call is another wait. Call ${helper}(suffix) once for each suffix and keep what it gives back.`;
}

export function sharedCalls(name: string, helper: string, calls: number, suffixes: string[]): string {
  return `\`${name}\` called \`${helper}\` only ${calls} times for the ${suffixes.length} suffixes ${pyList(suffixes)}: a suffix that appears twice is two guests, and each needs a call of its own. A dict or a set keyed by suffix keeps only one per distinct suffix: keep the tasks in a list.`;
}

// ---- at once, or one after another --------------------------------------------------------

export function ranTogether(spans: Span[], helper: string, peak: number, advice: string): string {
  return `These ${spans.length} \`${helper}\` calls overlapped (${formatIntervals(spans)} s; up to ${peak} at the same time). ${advice}`;
}

export function notAllTogether(spans: Span[], helper: string, peak: number, total: number, advice: string): string {
  return `Only ${peak} of the ${total} \`${helper}\` calls were running at the same time (${formatIntervals(spans)} s); all ${total} should be. ${advice}`;
}

export function coroutinesAwaitedInTurn(
  file: string,
  spans: Span[],
  made: LearnerFrame | null,
  awaited: LearnerFrame | null,
  took: number,
  concurrent: number,
): string {
  const first =
    made && awaited && made.line !== awaited.line
      ? `Your code made the kale(...) coroutines first${place(file, made)} and then awaited them one by one${place(file, awaited)}`
      : `Your code awaited each kale(...) coroutine as it went${place(file, awaited)}`;
  return ranSequentially(
    spans,
    'kale',
    `${first}, but a coroutine does not start until it is awaited, so each call began only when the one before had finished: greet_all_at_once took ${formatSeconds(took)} instead of about ${formatSeconds(concurrent)}. \`asyncio.create_task(kale(suffix))\` starts a call at once: make a task for every suffix first, then await the tasks.`,
  );
}

export function tasksAwaitedInTurn(
  file: string,
  spans: Span[],
  created: LearnerFrame | null,
  took: number,
  concurrent: number,
): string {
  return ranSequentially(
    spans,
    'kale',
    `Each task was awaited before the next one was created${created ? ` (they are created${place(file, created)})` : ''}, so greet_all_at_once took ${formatSeconds(took)} instead of about ${formatSeconds(concurrent)}. Create all the tasks first (one loop), then await them (a second loop).`,
  );
}

export function guestsInTurn(spans: Span[], where: LearnerFrame | null, file: string): string {
  return ranSequentially(
    spans,
    'kale',
    `host_greeting greeted its guests one after another${where ? `${place(file, where)}` : ''}, but the docstring asks to greet every suffix at once. Start a task for every suffix first, then await them all together (asyncio.gather(*tasks)), and return the host's greeting.`,
  );
}

// ---- left behind --------------------------------------------------------------------------------

// "`kale()` made at coroutines.py:75 (`...`), 3 times": leftovers from one line are named once.
function byOrigin(file: string, items: NeverAwaited[]): string {
  const groups = new Map<string, { item: NeverAwaited; count: number }>();
  for (const item of items) {
    const key = `${item.name}@${item.origin?.line ?? '?'}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { item, count: 1 });
  }
  const shown = [...groups.values()]
    .slice(0, 3)
    .map(
      ({ item, count }) =>
        `\`${item.name}()\` made at ${at(file, item.origin)}${quoteCode(item.origin)}${count > 1 ? `, ${count} times` : ''}`,
    );
  return shown.join('; ') + (groups.size > 3 ? `; and more` : '');
}

export function tasksLeftRunning(file: string, name: string, items: NeverAwaited[]): string {
  return `\`${name}\` returned while ${plural(items.length, 'task it started was', 'tasks it started were')} still running: ${byOrigin(file, items)}. Nobody collects their results: asyncio cancels them when the program ends, or reports "Task was destroyed but it is pending!", and their work is lost. Await every task you create before returning, even the ones whose result you do not need.`;
}

export function callsOutlivedReturn(name: string, spans: Span[]): string {
  const labels = spans.map((s) => `kale("${s.label}")`).join(', ');
  return `\`${name}\` returned while ${spans.length === 1 ? 'a call it started was' : `${spans.length} calls it started were`} still running: ${labels}, which the grader saw end only after the call had returned, or never. Nobody collects their results, and their work is lost. Await every task you create before returning, even the ones whose result you do not need.`;
}

export function tasksCancelled(file: string, name: string, tasks: LedgerTask[]): string {
  const where = tasks[0]?.cancelledAt ?? null;
  return `\`${name}\` cancelled ${plural(tasks.length, 'task', 'tasks')} itself${place(file, where)}, so ${tasks.length === 1 ? 'its call' : 'their calls'} stopped where ${tasks.length === 1 ? 'it was' : 'they were'} and ${tasks.length === 1 ? 'that guest was' : 'those guests were'} never greeted. cancel() throws the work away; to let a task finish, await it.`;
}

export function tasksNotAwaited(
  file: string,
  name: string,
  tasks: LedgerTask[],
  took: number,
  lastEnd: number,
): string {
  const created = tasks[0]?.created ?? null;
  const them = tasks.length === 1 ? 'it' : 'them';
  const waited =
    took - lastEnd >= 0.05 ? ` (it returned ${formatSeconds(took - lastEnd)} after the last call had ended)` : '';
  return `\`${name}\` never awaited ${plural(tasks.length, 'task', 'tasks')} it created${place(file, created)}: nothing waited for ${them} to finish, and ${tasks.length === 1 ? 'it was' : 'they were'} done only because ${name} happened to run long enough${waited}. Waiting some other way (a sleep, or checking done()) breaks as soon as a call takes longer: await every task you create (\`await task\`, or \`await asyncio.gather(*tasks)\`).`;
}

export function taskPerDistinctSuffix(file: string, name: string, tasks: LedgerTask[], suffixes: string[]): string {
  const created = tasks[0]?.created ?? null;
  return `For the suffixes ${pyList(suffixes)}, \`${name}\` never awaited ${plural(tasks.length, 'task', 'tasks')} it created${place(file, created)}: a dict keyed by suffix keeps one task per distinct suffix, so the task made for a suffix's first appearance was replaced by the next one and never awaited. Keep the tasks in a list, one per item of \`suffixes\`, and await each.`;
}

export function coroutinesNeverAwaited(file: string, name: string, items: NeverAwaited[]): string {
  return `\`${name}\` made ${plural(items.length, 'coroutine', 'coroutines')} that ${items.length === 1 ? 'was' : 'were'} never awaited: ${byOrigin(file, items)}. A coroutine that is never awaited never runs (Python warns "coroutine ... was never awaited"): await it, or pass it to asyncio.create_task and await the task.`;
}

// ---- exceptions with a known cause -----------------------------------------------------------------

export function waitGivenNothing(file: string, name: string, exc: EncodedException, suffixes: string[]): string {
  const frame = exc.frames.at(-1);
  return `For the suffixes ${pyList(suffixes)}, \`${name}\` raised ValueError: ${exc.message}${place(file, frame)}. asyncio.wait refuses an empty collection, and with ${suffixes.length === 0 ? 'no suffixes' : 'no guests'} there is nothing to wait for: skip the wait when the list is empty (\`if tasks:\`), or use \`await asyncio.gather(*tasks)\`, which accepts none.`;
}

export function gatherGivenAList(file: string, name: string, exc: EncodedException): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` passed a whole list to asyncio.gather as a single argument${place(file, frame)}, so gather raised TypeError (${exc.message}) and none of the calls in the list ran. gather wants each awaitable as an argument of its own: unpack the list with \`*\`, as in \`await asyncio.gather(*tasks)\`.`;
}

export function resultBeforeDone(file: string, name: string, exc: EncodedException): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` asked a task for its result${place(file, frame)} before the task had finished (InvalidStateError: ${exc.message}). A task runs only while your coroutine waits; \`await task\` waits for it to finish and gives its result.`;
}

// ---- host_greeting ---------------------------------------------------------------------------------

export function notTheHost(
  name: string,
  suffixes: string[],
  expected: string,
  actual: EncodedValue,
  finished: string[],
): string {
  const firstDone =
    finished[0] && actual.kind === 'value' && actual.value === finished[0] && finished[0] !== expected
      ? ' That is the greeting that finished first; the host is suffixes[0], whatever order the calls finish in.'
      : '';
  return `For the suffixes ${pyList(suffixes)}, \`${name}\` returned ${actual.repr.slice(0, 120)}, but it should return the host's greeting, '${expected}' (the greeting of suffixes[0]).${firstDone}`;
}
