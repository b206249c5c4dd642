// Every sentence a learner reads is built here, so the voice stays the same and wording is fixed in one place.
import type { Found } from './python/find-python.js';
import type { EncodedException, EncodedValue, LearnerFrame, NeverAwaited, Span } from './run/observations.js';
import { formatIntervals, formatSeconds } from './evidence/intervals.js';

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

export function outputFlood(limitBytes: number, file?: string, where?: LearnerFrame | null): string {
  const place = file && where ? ` The last print was at ${at(file, where)}${quoteCode(where)}.` : '';
  return `Your code printed more than ${Math.round(limitBytes / 1024)} KB of output, so it was stopped.${place} Look for a print inside a loop that never ends.`;
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
  return 'This is a bug in the grader, not in your code. Please report it to the maintainers of this kit (its issue tracker), with the command you ran and .asyncio-lab/results.json if it exists.';
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

// ---- reporters and bulk --------------------------------------------------------

export const MANIFEST_COMMAND = 'npm run manifest';

export function graderModified(files: string[]): string {
  const shown = files.slice(0, 5).join(', ');
  const more = files.length > 5 ? ` and ${files.length - 5} more` : '';
  return `The grader's own files differ from the kit as shipped (${shown}${more}). Your grade is shown, but a teacher will see that the grader was changed.`;
}

export function manifestStale(files: string[]): string {
  return `The grader manifest is out of date for: ${files.join(', ')}.\nIf you changed these files on purpose, run \`${MANIFEST_COMMAND}\` and commit grader-manifest.json.`;
}

export function summaryNotWritten(detail: string): string {
  return `asyncio-lab could not write the job summary (${detail}); the grade is still in the log and the results file.`;
}

export function outputsNotWritten(detail: string): string {
  return `asyncio-lab could not set the step outputs (${detail}); the grade is still in the log and the results file.`;
}

export function annotationTitle(exerciseId: string, checkTitle: string): string {
  return `${exerciseId}: ${checkTitle}`;
}

export function gradescopeOutput(points: number, maxPoints: number, failing: number, modified: boolean): string {
  const verdict = failing === 0 ? 'Every check passes.' : `${failing} ${failing === 1 ? 'check is' : 'checks are'} failing; each test below says why.`;
  const warning = modified ? '\nWarning: the grader files in this run differ from the kit as shipped.' : '';
  return `Score ${points}/${maxPoints}. ${verdict}${warning}`;
}

export function gradescopeNeedsJson(): string {
  return '--format gradescope writes a file: say where with --json.\nExample: npm run grade -- --format gradescope --json /autograder/results/results.json';
}

export function submissionsNotAFolder(dir: string): string {
  return `--submissions needs a folder holding one folder per learner, but ${dir} is not a folder.\nExample: npm run grade -- --submissions ./class-submissions`;
}

export function noSubmissions(dir: string): string {
  return `${dir} holds no submission folders. Put each learner's files in a folder of its own inside it.`;
}

export function submissionEmpty(): string {
  return 'No exercise files found in this submission.';
}

export function submissionLink(file: string): string {
  return `${file} is a link; a submission's files must be plain files, so it was not graded.`;
}

export function submissionFailed(detail: string): string {
  return `This submission could not be graded: ${detail}`;
}

export function bulkProgress(done: number, total: number, name: string, points: number, maxPoints: number, seconds: number, missing: string[], problem: string | undefined): string {
  const width = String(total).length;
  const gaps = missing.length > 0 ? `  no file for ${missing.join(', ')}` : '';
  const first = problem?.split(/\n|; /)[0] ?? '';
  const more = problem && problem.includes('; ') ? ' (and more: see the gradebook)' : '';
  const tail = problem ? `  error: ${first.length > 120 ? `${first.slice(0, 117)}...` : first}${more}` : '';
  return `[${String(done).padStart(width)}/${total}] ${name}  ${points}/${maxPoints}  (${seconds.toFixed(1)} s)${gaps}${tail}`;
}

export function bulkStarted(count: number, jobs: number): string {
  return `Grading ${count} ${count === 1 ? 'submission' : 'submissions'}, ${jobs} at a time.`;
}

export function bulkFinished(count: number, seconds: number, gradebook: string, folder: string): string {
  return `Graded ${count} ${count === 1 ? 'submission' : 'submissions'} in ${seconds.toFixed(1)} s. Gradebook: ${gradebook}; one results file per submission in ${folder}.`;
}

// ---- 02-coroutines ----------------------------------------------------------------

export function printedUnfinished(file: string, name: string, what: string, line: string, origin: LearnerFrame | null, advice: string): string {
  const made = origin ? ` (made at ${at(file, origin)}${quoteCode(origin)})` : '';
  return `\`${name}\` printed ${what}${made} instead of a greeting: ${JSON.stringify(line.slice(0, 80))}. ${advice}`;
}

export function printedWrong(name: string, expected: string[], actual: string[]): string {
  const shown = actual.length === 0 ? 'nothing' : actual.slice(0, 5).map((l) => JSON.stringify(l.slice(0, 60))).join(', ');
  return `\`${name}\` printed ${shown}, but it should print ${expected.map((l) => JSON.stringify(l)).join(', ')}: one greeting a line, in the order of \`suffixes\`. The grader picks new suffixes on every run.`;
}

export function listOfUnfinished(name: string, what: string, count: number, total: number, advice: string): string {
  return `\`${name}\` returned a list holding ${count === total ? `only ${what}` : `${count} ${what} among ${total} items`} instead of greetings. ${advice}`;
}

export function wrongOrder(name: string, expected: string[], actual: string[], byCompletion: boolean, advice: string): string {
  const why = byCompletion ? ', which is the order in which the calls finished,' : '';
  return `\`${name}\` returned the right greetings in the wrong order: ${actual.map((g) => `'${g}'`).join(', ')}${why} but it should follow the order of \`suffixes\`: ${expected.map((g) => `'${g}'`).join(', ')}. ${advice}`;
}

export function ranTogether(spans: Span[], helper: string, peak: number, advice: string): string {
  return `These ${spans.length} \`${helper}\` calls overlapped (${formatIntervals(spans)} s; up to ${peak} at the same time). ${advice}`;
}

export function notAllTogether(spans: Span[], helper: string, peak: number, total: number, advice: string): string {
  return `Only ${peak} of the ${total} \`${helper}\` calls were running at the same time (${formatIntervals(spans)} s); all ${total} should be. ${advice}`;
}

export function helperSkipped(name: string, helper: string, missing: string[], total: number): string {
  const list = missing.slice(0, 3).map((s) => JSON.stringify(s)).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
  return `\`${name}\` did not run \`${helper}\` to the end for ${plural(missing.length, 'suffix', 'suffixes')} of ${total} (${list}). Get each greeting from ${helper}(suffix) itself, and await every call.`;
}

// "`kale()` made at coroutines.py:75 (`...`), 3 times": leftovers from one line are named once.
function byOrigin(file: string, items: NeverAwaited[]): string {
  const groups = new Map<string, { item: NeverAwaited; count: number }>();
  for (const item of items) {
    const key = `${item.name}@${item.origin?.line ?? '?'}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { item, count: 1 });
  }
  const shown = [...groups.values()].slice(0, 3).map(({ item, count }) => `\`${item.name}()\` made at ${at(file, item.origin)}${quoteCode(item.origin)}${count > 1 ? `, ${count} times` : ''}`);
  return shown.join('; ') + (groups.size > 3 ? `; and more` : '');
}

export function tasksLeftRunning(file: string, name: string, items: NeverAwaited[]): string {
  return `\`${name}\` returned while ${plural(items.length, 'task it started was', 'tasks it started were')} still running: ${byOrigin(file, items)}. Nobody collects their results: asyncio cancels them when the program ends, or reports "Task was destroyed but it is pending!", and their work is lost. Await every task you create before returning, even the ones whose result you do not need.`;
}

export function coroutinesNeverAwaited(file: string, name: string, items: NeverAwaited[]): string {
  return `\`${name}\` made ${plural(items.length, 'coroutine', 'coroutines')} that ${items.length === 1 ? 'was' : 'were'} never awaited: ${byOrigin(file, items)}. A coroutine that is never awaited never runs (Python warns "coroutine ... was never awaited"): await it, or pass it to asyncio.create_task and await the task.`;
}

// ---- learner loop ----------------------------------------------------------------

export function htmlWritten(file: string): string {
  return `HTML report: ${file}`;
}

export function resetAsk(file: string, backup: string): string {
  return `Put ${file} back as shipped? Your version will be kept as ${backup}. [y/N] `;
}

export function resetDone(file: string, backup: string): string {
  return `${file} is back as shipped. Your version is kept in ${backup}.`;
}

export function resetAlreadyShipped(file: string): string {
  return `${file} is already as shipped; nothing to reset.`;
}

export function resetRestoredMissing(file: string): string {
  return `${file} was missing; it is back as shipped.`;
}

export function resetCancelled(): string {
  return 'Nothing was changed.';
}

export function resetNeedsConfirmation(): string {
  return 'reset asks before it changes your file, but there is no terminal to ask in. Add --yes to reset without asking.\nExample: npm run grade -- reset 03 --yes';
}

export function resetNeedsExercise(): string {
  return 'Name the exercise to reset, or reset every exercise with --all.\nExample: npm run grade -- reset 03';
}

export function hintHeading(exercise: string, task: number, title: string, shown: number, total: number): string {
  return `${exercise}, task ${task}: ${title} (hint ${shown} of ${total})`;
}

export function hintWhy(exercise: string, task: number, why: 'failing' | 'chosen' | 'no-results' | 'not-started' | 'all-pass'): string {
  if (why === 'failing') return `Task ${task} is the first task of ${exercise} with a failing check in your last grade.`;
  if (why === 'not-started') return `${exercise} is not started yet, so this is task ${task}.`;
  if (why === 'no-results') return `No grade of ${exercise} yet, so this is task ${task}. After grading, hint shows the first failing task.`;
  if (why === 'all-pass') return `Every check of ${exercise} passed in your last grade; here is task ${task}.`;
  return '';
}

export function hintNext(exerciseNumber: string, task: number, remaining: number): string {
  if (remaining === 0) return `That was the last hint for task ${task}. Run the same command again to read them all.`;
  return `${remaining} more ${remaining === 1 ? 'hint' : 'hints'} for this task: run npm run grade -- hint ${exerciseNumber} ${task} again.`;
}

export function noHints(exercise: string, task: number): string {
  return `Exercise ${exercise} has no hints for task ${task}.`;
}

export function solutionLocked(exercise: string, exerciseNumber: string, points: number | null, maxPoints: number): string {
  const last = points === null ? 'it has not been graded yet' : `your last grade was ${points}/${maxPoints}`;
  return `The reference solution of ${exercise} opens once every check of it passes (${last}).\nGrade it: npm run grade -- ${exerciseNumber}    Stuck? npm run grade -- hint ${exerciseNumber}`;
}

export function solutionHeading(exercise: string, file: string): string {
  return `Reference solution of ${exercise} (${file}); yours passed too, and there are many right answers.`;
}

export function listProgress(done: number, total: number, points: number, maxPoints: number): string {
  return `${done} of ${total} exercises done · ${points}/${maxPoints} points`;
}

export function watchWatching(exercise: string, file: string): string {
  return `Watching ${file} (${exercise}): save it to grade it again.`;
}

export function watchKeys(manual: boolean): string {
  return `Keys: h hint · l list · n next exercise · r grade now · q quit${manual ? '  (manual: press r after saving)' : ''}`;
}

export function watchPassed(exercise: string, next: string | null): string {
  return next ? `${exercise} passes! Moving on to ${next}.` : `${exercise} passes, and with it the whole course. Well done!`;
}

export function watchAllDone(): string {
  return 'Every exercise passes. Press q to quit, or n to look at one again.';
}

export function watchCancelled(file: string): string {
  return `${file} changed while it was being graded; grading the new version.`;
}

export function watchNoTerminal(): string {
  return 'Watch mode reads keys from a terminal; stdin is not one, so only file changes are followed (stop with Ctrl-C).';
}
