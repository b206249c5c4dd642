// Every sentence a learner reads is built here, so the voice stays the same and wording is fixed in one place.
import type { Found } from './python/find-python.js';
import type { EncodedException, EncodedValue, LearnerFrame, NeverAwaited, Span } from './run/observations.js';
import { formatIntervals, formatSeconds } from './evidence/intervals.js';

export const REPORT_URL = 'https://github.com/asyncio-lab/asyncio-lab/issues';

// ---- where ---------------------------------------------------------------

export function at(file: string, frame: { line: number } | null | undefined): string {
  return frame ? `${file}:${frame.line}` : file;
}

function quoteCode(frame: LearnerFrame | null | undefined): string {
  return frame && frame.code ? ` (\`${frame.code}\`)` : '';
}

export function describeValue(value: EncodedValue | undefined): string {
  if (!value) return 'nothing';
  if (value.kind === 'coroutine') return `a coroutine object (${value.repr})`;
  if (value.kind === 'task') return 'an asyncio Task';
  if (value.kind === 'future') return 'an asyncio Future';
  return value.repr;
}

// ---- the run could not happen ---------------------------------------------

export function syntaxError(file: string, exc: EncodedException): string {
  const s = exc.syntax;
  const where = s?.line ? `${file}:${s.line}` : file;
  const text = s?.text ? `\n    ${s.text.trim()}` : '';
  return `Python could not read your file: ${s?.msg ?? exc.message} at ${where}.${text}\nFix the syntax first; nothing else can be graded until the file loads.`;
}

export function importFailed(file: string, exc: EncodedException): string {
  if (exc.type === 'SystemExit') {
    return `Your file called sys.exit() while it was being imported (${at(file, exc.frames.at(-1))}). Put the code that should run as a script under \`if __name__ == "__main__":\`.`;
  }
  if (exc.type === 'MemoryError') return outOfMemory(file, exc.frames.at(-1), 'while your file was being imported');
  if (exc.type === 'EOFError' && /EOF when reading a line/.test(exc.message)) return inputCalled(file, exc.frames.at(-1));
  const frame = exc.frames.at(-1);
  return `Importing your file raised ${exc.type}: ${exc.message} at ${at(file, frame)}${quoteCode(frame)}.\nImporting the file must only define things; it should not fail.`;
}

export function timedOut(file: string, seconds: number, phase: string, where: LearnerFrame | null): string {
  const during = phase === 'import' ? 'Importing your file' : phase === 'script' ? 'Running your file as a script' : 'Your code';
  const line = where ? ` It was at ${at(file, where)}${quoteCode(where)} when it was stopped.` : '';
  return `${during} was still running after ${formatSeconds(seconds)}, so it was stopped.${line}\nLook for a loop that never ends or a wait that never finishes.`;
}

export function outputFlood(limitBytes: number): string {
  return `Your code printed more than ${Math.round(limitBytes / 1024)} KB of output, so it was stopped. Look for a print inside a loop that never ends.`;
}

export function hardExit(file: string, where: LearnerFrame | null): string {
  return `Your code called os._exit() at ${at(file, where)}, which ends Python at once. Return from your function instead.`;
}

export function sysExit(file: string, where: LearnerFrame | undefined): string {
  return `Your code called sys.exit() at ${at(file, where)}. A graded function must return its result, not end the program.`;
}

export function stoppedEarly(exitCode: number | undefined, signal: string | undefined, stderr: string): string {
  const how = signal ? `was killed by ${signal}` : `stopped with exit code ${exitCode ?? 'unknown'}`;
  const memory = signal === 'SIGKILL' ? ' This often means it used too much memory.' : '';
  const tail = stderr.trim() ? `\nPython said:\n${indent(lastLines(stderr, 8))}` : '';
  return `Python ${how} before the check finished.${memory}${tail}`;
}

export function leftoverProcesses(count: number): string {
  return `Your code left ${count === 1 ? 'a process' : `${count} processes`} running after the check ended; ${count === 1 ? 'it was' : 'they were'} stopped. Wait for every process you start, or do not start any.`;
}

export function outOfMemory(file: string, where: LearnerFrame | undefined | null, when = ''): string {
  return `Your code ran out of memory${when ? ` ${when}` : ''} at ${at(file, where)}${quoteCode(where)}. Look for a list or string that grows without end.`;
}

export function inputCalled(file: string, where: LearnerFrame | undefined | null): string {
  return `Your code called input() at ${at(file, where)}, but nobody types during grading. Take values as function arguments instead.`;
}

export function harnessDidNotStart(stderr: string): string {
  return `The grader could not start its Python harness. ${bugAdvice()}${stderr.trim() ? `\nPython said:\n${indent(lastLines(stderr, 8))}` : ''}`;
}

export function couldNotStart(detail: string): string {
  return `The grader could not start Python: ${detail}`;
}

// ---- the run happened, and a check failed -----------------------------------

export function missingFunction(name: string, found: string | null | undefined): string {
  if (found) return `\`${name}\` should be a function, but your file defines it as ${found}.`;
  return `Your file has no function named \`${name}\`. Keep the names from the exercise's stub.`;
}

export function raised(file: string, name: string, exc: EncodedException): string {
  const frame = exc.frames.at(-1);
  if (exc.type === 'EOFError' && /EOF when reading a line/.test(exc.message)) return inputCalled(file, frame);
  if (exc.type === 'NotImplementedError') return `\`${name}\` is not written yet: it raised NotImplementedError at ${at(file, frame)}.`;
  const message = exc.message ? `: ${exc.message}` : '';
  return `\`${name}\` raised ${exc.type}${message} at ${at(file, frame)}${quoteCode(frame)}.`;
}

export function wrongValue(name: string, expected: string, actual: EncodedValue | undefined, advice = ''): string {
  return `\`${name}\` returned ${describeValue(actual)}, but it should return ${expected}.${advice ? ` ${advice}` : ''}`;
}

export function returnedCoroutine(name: string, advice: string): string {
  return `\`${name}\` returned a coroutine object instead of a result. Calling a coroutine function only creates the coroutine; nothing in it runs until something awaits it or runs it. ${advice}`;
}

export function notACoroutineFunction(name: string): string {
  return `\`${name}\` is a plain function. Define it with \`async def\` so that calling it creates a coroutine.`;
}

export function blockedLoop(file: string, gapSeconds: number, where: LearnerFrame | null, advice: string): string {
  const place = where ? ` at ${at(file, where)}${quoteCode(where)}` : '';
  return `The event loop was blocked for ${formatSeconds(gapSeconds)}${place}: while that line ran, no other task could run. ${advice}`;
}

export function finishedTooSoon(name: string, elapsed: number, minimum: number): string {
  return `\`${name}\` finished after ${formatSeconds(elapsed)}, but it was asked to wait ${formatSeconds(minimum)}. Make it really wait: \`await asyncio.sleep(delay)\`.`;
}

export function nestedAsyncioRun(file: string, where: LearnerFrame | null): string {
  return `asyncio.run() was called inside a coroutine at ${at(file, where)}${quoteCode(where)}. asyncio.run starts the event loop and is the program's entry point, called once from plain code; inside a coroutine, use \`await\` instead.`;
}

export function workAtImport(file: string, what: string, where: LearnerFrame | null): string {
  const place = where ? ` at ${at(file, where)}${quoteCode(where)}` : '';
  return `Importing your file ${what}${place}. Importing a module should only define things: put the code that runs the program under \`if __name__ == "__main__":\`.`;
}

export function scriptDidNothing(file: string, what: string): string {
  return `Running \`python ${file}\` ${what}. Under \`if __name__ == "__main__":\`, run the program with asyncio.run and print its result.`;
}

export function neverAwaited(file: string, items: NeverAwaited[]): string {
  const list = items.slice(0, 3).map((item) => `\`${item.name}()\` made at ${at(file, item.origin)}${quoteCode(item.origin)}`);
  const more = items.length > 3 ? ` and ${items.length - 3} more` : '';
  return `${plural(items.length, 'coroutine was', 'coroutines were')} never awaited: ${list.join('; ')}${more}. A coroutine that is never awaited never runs; await it, or pass it to asyncio.create_task and await the task.`;
}

export function pendingTasks(file: string, items: NeverAwaited[]): string {
  const list = items.slice(0, 3).map((item) => `\`${item.name}()\` from ${at(file, item.origin)}`);
  const more = items.length > 3 ? ` and ${items.length - 3} more` : '';
  return `${plural(items.length, 'task was', 'tasks were')} still running when your coroutine returned: ${list.join('; ')}${more}. Their results are lost; await every task you create before returning.`;
}

export function ranSequentially(spans: Span[], helper: string, advice: string): string {
  return `These ${spans.length} \`${helper}\` calls ran one after another (${formatIntervals(spans)} s). ${advice}`;
}

export function tooSlow(name: string, elapsed: number, cutoff: number, sequential: number, advice: string): string {
  return `\`${name}\` took ${formatSeconds(elapsed)}; run concurrently it takes under ${formatSeconds(cutoff)} (one after another it would take about ${formatSeconds(sequential)}). ${advice}`;
}

// ---- exercise and course level -----------------------------------------------

export function notStarted(file: string): string {
  return `Not started: ${file} is still the stub as shipped. Open it and replace the TODOs.`;
}

export function fileMissing(file: string): string {
  return `Cannot find ${file}. If you moved or renamed it, put it back, or grade another file with --file PATH.`;
}

export function unknownExercise(name: string, known: string[]): string {
  return `There is no exercise called "${name}". Exercises: ${known.join(', ')}.\nExample: npm run grade -- 01`;
}

export function unknownTask(exercise: string, task: string, count: number): string {
  return `Exercise ${exercise} has no task "${task}"; its tasks are 1 to ${count}.\nExample: npm run grade -- hint ${exercise} 1`;
}

export function pythonProblem(tried: Found[], minimum: readonly [number, number]): string {
  const need = `CPython ${minimum[0]}.${minimum[1]} or newer`;
  const lines = tried.map(({ candidate, info, error }) => {
    const name = [candidate.command, ...candidate.args].join(' ');
    const via = candidate.source === 'option' ? ' (from --python)' : candidate.source === 'env' ? ' (from $PYTHON)' : '';
    if (error) return `  ${name}${via}: ${error}`;
    if (info && info.implementation !== 'CPython') return `  ${name}${via}: ${info.implementation} ${info.version}, which is not CPython`;
    return `  ${name}${via}: ${info?.implementation ?? 'Python'} ${info?.version ?? '?'}, which is too old`;
  });
  return `This kit needs ${need}. Found:\n${lines.join('\n')}\nInstall CPython from https://www.python.org/downloads/ and try again, or point to one with --python PATH (for example: npm run grade -- --python /usr/bin/python3.12).`;
}

export function bugAdvice(): string {
  return `This is a bug in the grader, not in your code; please report it at ${REPORT_URL} with the command you ran.`;
}

export function graderBug(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `The grader failed: ${detail}. ${bugAdvice()}`;
}

// ---- helpers -----------------------------------------------------------------

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${count} ${many}`;
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
