// Every sentence exercise 01 says to a learner; the vocabulary every exercise shares is in grader/messages.ts.
import { formatSeconds } from '../../../grader/evidence/intervals.js';
import { at, describeValue, quoteCode } from '../../../grader/messages.js';
import type { EncodedException, EncodedValue, Json, LearnerFrame } from '../../../grader/run/observations.js';

// "'ada-42'", "['ada', 1]", "None": a value the grader passed in, as Python shows it.
export function show(value: Json | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${show(k)}: ${show(v)}`)
      .join(', ')}}`;
  return String(value);
}

// "a str", "a list": the Python type of a value the grader passed in.
export function pythonType(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'string') return 'a str';
  if (typeof value === 'boolean') return 'a bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an int' : 'a float';
  return Array.isArray(value) ? 'a list' : 'a dict';
}

// ---- task 1: wait_and_return --------------------------------------------------------

export function plainFunction(name: string, returned: EncodedValue | undefined, seconds: number): string {
  const ran = seconds >= 0.01 ? ` (it spent ${formatSeconds(seconds)} in the call itself)` : '';
  return `\`${name}\` is a plain function: calling it ran its body at once${ran} and gave back ${describeValue(returned)}, not a coroutine. Define it with \`async def\`, so that calling it only makes a coroutine and the event loop runs it when it is awaited.`;
}

export function sleepNotAwaited(file: string, where: LearnerFrame | null): string {
  return `\`asyncio.sleep(...)\` at ${at(file, where)}${quoteCode(where)} was never awaited, so wait_and_return did not wait at all: calling asyncio.sleep only makes a coroutine, and the sleep happens when it is awaited. Write \`await asyncio.sleep(delay)\`.`;
}

export function finishedTooSoon(elapsed: number, delay: number): string {
  return `\`wait_and_return\` finished after ${formatSeconds(elapsed)}, but it was asked to wait ${formatSeconds(delay)}. Make it wait the whole delay: \`await asyncio.sleep(delay)\`.`;
}

// The same wait whatever the delay: a constant in place of `delay`.
export function fixedWait(calls: { delay: number; seconds: number }[]): string {
  const list = calls.map((c) => `${formatSeconds(c.seconds)} when asked for ${formatSeconds(c.delay)}`).join(', ');
  return `\`wait_and_return\` waited about the same time whatever delay it was given (${list}): it waits a fixed time instead of \`delay\` seconds. Pass the argument on: \`await asyncio.sleep(delay)\`.`;
}

export function waitedTooLong(elapsed: number, delay: number): string {
  return `\`wait_and_return\` took ${formatSeconds(elapsed)} when it was asked to wait ${formatSeconds(delay)}. Wait exactly \`delay\` seconds: \`await asyncio.sleep(delay)\`.`;
}

export const NOT_BLOCKING =
  'Wait with `await asyncio.sleep(delay)`: it lets the loop run other tasks meanwhile; time.sleep (or a loop that watches the clock) stops everything.';

export function valueFromEarlierCall(name: string, actual: EncodedValue, expected: Json): string {
  return `\`${name}\` returned ${describeValue(actual)}, the value of an earlier call, instead of this call's value ${show(expected)}. It kept something from one call to the next: return the \`value\` argument of the call itself.`;
}

export function valueChangedType(name: string, actual: EncodedValue, expected: Json, advice: string): string {
  const kind =
    actual.type === 'NoneType' ? 'None' : /^[aeiou]/i.test(actual.type) ? `an ${actual.type}` : `a ${actual.type}`;
  return `\`${name}\` returned ${describeValue(actual)} (${kind}) when it was given ${show(expected)} (${pythonType(expected)}). ${advice}`;
}

export function printedNotReturned(name: string, what: string): string {
  return `\`${name}\` printed its result and returned None. print shows a value to a person; \`return\` hands it to the caller, who gets nothing here. Return ${what}.`;
}

export function returnedNothing(name: string, what: string): string {
  return `\`${name}\` returned None: it has no \`return\`, so its caller gets nothing. Return ${what}.`;
}

// ---- task 2: main ---------------------------------------------------------------------

export function mainIsPlain(file: string, nested: LearnerFrame | null): string {
  const run = nested
    ? ` and starts a second event loop with asyncio.run at ${at(file, nested)}${quoteCode(nested)}, inside the one that is already running`
    : '';
  return `\`main\` is a plain function${run}. main is meant to be a coroutine: define it with \`async def main(value, delay):\` and get the result with \`return await wait_and_return(value, delay)\`; only the program's entry point calls asyncio.run.`;
}

export function taskResultTooEarly(file: string, name: string, exc: EncodedException): string {
  const frame = exc.frames.at(-1);
  return `\`${name}\` asked a task for its result at ${at(file, frame)}${quoteCode(frame)} before the task had finished (InvalidStateError: ${exc.message}). A task runs only while your coroutine waits; \`await task\` waits for it and gives its result.`;
}

export function returnedTask(name: string): string {
  return `\`${name}\` returned an asyncio Task, not its result: a task is a handle on work in progress. Await it and return what the await gives back: \`return await task\`.`;
}

export function helperNotRun(name: string, helper: string, result: EncodedValue, right: boolean): string {
  const got = right ? 'the right value' : describeValue(result);
  return `\`${name}\` returned ${got} without running ${helper}. Get the value by awaiting it: \`return await ${helper}(value, delay)\`.`;
}

export function helperRunTwice(name: string, helper: string, count: number, seconds: number): string {
  return `\`${name}\` ran ${helper} ${count} times in one call, so it took ${formatSeconds(seconds)} instead of one wait. Await it once and return its result.`;
}

export function helperWrongArguments(name: string, helper: string, got: Json[], expected: Json[]): string {
  return `\`${name}\` ran ${helper}(${got.map(show).join(', ')}), but it was called as ${name}(${expected.map(show).join(', ')}): pass its own arguments on, in the same order: \`${helper}(value, delay)\`.`;
}

export function mainTookLonger(total: number, helperSeconds: number, delay: number): string {
  return `\`main\` took ${formatSeconds(total)}, but wait_and_return, its only work, took ${formatSeconds(helperSeconds)} (delay ${formatSeconds(delay)}): main spent ${formatSeconds(total - helperSeconds)} waiting on something else. main should only await wait_and_return and return its result.`;
}

// ---- task 3: run_and_return -------------------------------------------------------------

export function runnerIsAsync(): string {
  return '`run_and_return` is defined with `async def`, so calling it from plain code only makes a coroutine and nothing runs. It is the bridge from plain code into asyncio: make it a plain `def` that starts the loop with `return asyncio.run(main(value, delay))`.';
}

export function ranWithoutAsyncioRun(ranMain: boolean): string {
  if (ranMain) {
    return '`run_and_return` ran main on an event loop of its own (loop.run_until_complete), not with asyncio.run. asyncio.run is the entry point this task is about: it makes a fresh loop, runs the coroutine to the end and closes the loop, all of which run_until_complete leaves to you. Write `return asyncio.run(main(value, delay))`.';
  }
  return '`run_and_return` never started an event loop, so main never ran. Start one with `return asyncio.run(main(value, delay))`.';
}

export function ranOtherCoroutine(file: string, where: LearnerFrame | null, name: string): string {
  return `\`run_and_return\` ran \`${name}\` with asyncio.run at ${at(file, where)}${quoteCode(where)}, not main: the program's entry point runs main, which does the rest. Write \`asyncio.run(main(value, delay))\`.`;
}

export function ranMainTwice(file: string, where: LearnerFrame | null, count: number): string {
  return `\`run_and_return\` ran main ${count} times in one call (again at ${at(file, where)}${quoteCode(where)}), doubling its time. Run it once and return what asyncio.run gives back.`;
}

export function runResultDropped(
  file: string,
  where: LearnerFrame | null,
  result: EncodedValue,
  actual: EncodedValue,
): string {
  return `asyncio.run at ${at(file, where)}${quoteCode(where)} gave back ${describeValue(result)}, but \`run_and_return\` returned ${describeValue(actual)}: return what asyncio.run gives back, \`return asyncio.run(main(value, delay))\`.`;
}

// ---- task 4: the script guard -----------------------------------------------------------

export function workAtImport(file: string, what: string, where: LearnerFrame | null): string {
  const place = where ? ` at ${at(file, where)}${quoteCode(where)}` : '';
  return `Importing your file ${what}${place}. Importing a module should only define things: put the code that runs the program under \`if __name__ == "__main__":\`.`;
}

const GUARD =
  'Under `if __name__ == "__main__":`, run the program with asyncio.run and print its result: `print(asyncio.run(main("hello, asyncio", 0.1)))`.';

export function scriptDidNothing(file: string, what: string): string {
  return `Running \`python ${file}\` ${what}. ${GUARD}`;
}

export function falseGuard(file: string, line: number, code: string, string: string): string {
  return `The script guard at ${file}:${line} (\`${code}\`) compares __name__ with ${JSON.stringify(string)}, which it never equals: when Python runs a file as a script, __name__ is "__main__", so nothing under the guard ran. Write \`if __name__ == "__main__":\`.`;
}

export function invertedGuard(file: string, line: number, code: string): string {
  return `The script guard at ${file}:${line} (\`${code}\`) runs its block only when __name__ is not "__main__", that is when the file is imported, never when it runs as a script. Write \`if __name__ == "__main__":\`.`;
}

export function noGuard(file: string): string {
  return `Running \`python ${file}\` did nothing: the file has no script guard. Add one at the end of the file: ${GUARD.replace(/^Under /, 'under ')}`;
}

export function coroutineNeverRun(file: string, where: LearnerFrame | null, name: string): string {
  return `Running \`python ${file}\` made the coroutine \`${name}(...)\` at ${at(file, where)}${quoteCode(where)} but never ran it: calling a coroutine function only makes the coroutine. Run it with asyncio.run and print what asyncio.run returns: \`print(asyncio.run(main("hello, asyncio", 0.1)))\`.`;
}

export function scriptRaised(file: string, exc: EncodedException): string {
  const frame = exc.frames.at(-1);
  const nameError =
    exc.type === 'NameError'
      ? ' A script runs from top to bottom, so a guard above the definitions runs before they exist: put the guard at the end of the file.'
      : '';
  return `Running \`python ${file}\` raised ${exc.type}: ${exc.message} at ${at(file, frame)}${quoteCode(frame)}.${nameError}`;
}

export function runGivenNotACoroutine(file: string, where: LearnerFrame | null, given: EncodedValue): string {
  return `Running \`python ${file}\`, asyncio.run at ${at(file, where)}${quoteCode(where)} was given ${describeValue(given)} (a ${given.type}), not a coroutine, so it raised ValueError. asyncio.run needs the coroutine that calling an \`async def\` function makes: \`asyncio.run(main("hello, asyncio", 0.1))\` with main defined by \`async def\`.`;
}

export function guardRanOther(file: string, where: LearnerFrame | null, call: string): string {
  return `Running \`python ${file}\` ran ${call} at ${at(file, where)}${quoteCode(where)}, but the script should run main("hello, asyncio", 0.1) and print its result.`;
}

export function guardDidNotPrint(file: string, where: LearnerFrame | null, result: EncodedValue): string {
  return `Running \`python ${file}\` ran main at ${at(file, where)}${quoteCode(where)} but did not print its result (${result.repr}). Print what asyncio.run returns: \`print(asyncio.run(main("hello, asyncio", 0.1)))\`.`;
}
