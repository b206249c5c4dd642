// Every sentence a learner reads is built here, so the voice stays the same and wording is fixed in one place.
import type { Found } from './python/find-python.js';
import type { EncodedException, EncodedValue, LearnerFrame, NeverAwaited, Span } from './run/observations.js';
import { formatIntervals, formatSeconds } from './evidence/intervals.js';

// ---- where ---------------------------------------------------------------

export function at(file: string, frame: { line: number } | null | undefined): string {
  return frame ? `${file}:${frame.line}` : file;
}

export function quoteCode(frame: LearnerFrame | null | undefined): string {
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
  if (exc.type === 'EOFError' && /EOF when reading a line/.test(exc.message))
    return inputCalled(file, exc.frames.at(-1));
  const frame = exc.frames.at(-1);
  return `Importing your file raised ${exc.type}: ${exc.message} at ${at(file, frame)}${quoteCode(frame)}.\nImporting the file must only define things; it should not fail.`;
}

export function timedOut(file: string, seconds: number, phase: string, where: LearnerFrame | null): string {
  const during =
    phase === 'import' ? 'Importing your file' : phase === 'script' ? 'Running your file as a script' : 'Your code';
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

// Said only when no limit of the grader's stopped the run (those have messages of their own), so it names none.
export function stoppedEarly(exitCode: number | undefined, signal: string | undefined, stderr: string): string {
  const tail = stderr.trim() ? `\nPython said:\n${indent(lastLines(stderr, 8))}` : '';
  if (signal === 'SIGKILL') {
    return `Python was killed by SIGKILL before the check finished, and not by the grader: none of its limits was reached (a run past its time limit or printing too much is stopped with a message saying so, and one out of memory raises MemoryError). Something outside the grader killed it, such as the system running short of memory. Grade again when the machine is less busy.${tail}`;
  }
  const how = signal ? `crashed (${signal})` : `stopped with exit code ${exitCode ?? 'unknown'}`;
  return `Python ${how} before the check finished.${tail}`;
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

export function forgedRecords(problems: string[]): string {
  return `Something in your code wrote to the grader's private channel (${problems[0] ?? 'an unexpected record'}${problems.length > 1 ? `, and ${problems.length - 1} more` : ''}), so nothing this run recorded can be trusted. Leave the grader's files and connections alone.`;
}

// ---- isolation: how learner code is kept from the grader ----------------------

export function isolationBwrap(tmpBytes: number): string {
  return `bubblewrap: its own PID, network, mount and user namespaces; a read-only view of Python, the harness and a copy of the file; a private ${Math.round(tmpBytes / (1024 * 1024))} MB /tmp`;
}

export function isolationUid(uid: number, whyNotBwrap: string, protectedDirs: string[]): string {
  const changed = protectedDirs.length > 0 ? `; made unreadable to other users: ${protectedDirs.join(', ')}` : '';
  return `an unprivileged user of its own (uid ${uid}), which cannot read the kit, signal the grader or read its environment${changed}${whyNotBwrap ? `. No bubblewrap sandbox: ${whyNotBwrap}` : ''}`;
}

export function isolationDeclined(): string {
  return "no sandbox, as asked (--no-sandbox or ASYNCIO_LAB_SANDBOX=none): learner code runs as the grader's own user, with resource limits only";
}

export function isolationWindows(): string {
  return 'Windows has no sandbox the grader can use: learner code runs as your own user, with a job object, a time limit and capped output';
}

export function isolationNotLinux(platform: string): string {
  return `${platform === 'darwin' ? 'macOS' : platform} has no sandbox the grader can use (bubblewrap is Linux only): learner code runs as your own user, with resource limits only`;
}

export function bwrapMissing(): string {
  return 'bubblewrap is not installed (Debian and Ubuntu: sudo apt-get install bubblewrap)';
}

export function bwrapUnusable(why: string): string {
  return `A bubblewrap sandbox was asked for (ASYNCIO_LAB_SANDBOX=bwrap), but ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
}

export function uidUnusable(why: string): string {
  return `Learner code could not be run as an unprivileged user: ${why.trim().split('\n')[0] ?? why}`;
}

// One line under the header when learner code runs without isolation.
export function noIsolationNote(reason: string): string {
  return `No sandbox: ${reason}. See docs/sandbox.md.`;
}

export function graderChangedDuringRun(files: string[]): string {
  const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? ` and ${files.length - 5} more` : '');
  return `The grader changed during the run (${shown}), so no verdict of this run can be trusted and none is given. Something wrote to the kit's own files while learner code ran: grade again in a sandbox (see docs/sandbox.md), from a fresh copy of the kit.`;
}

export function bulkNeedsSandbox(reason: string): string {
  return `Grading a class runs every learner's code; without a sandbox one submission could read or change another's files, or the grader's. No sandbox is available here: ${reason}.\nInstall bubblewrap (Debian and Ubuntu: sudo apt-get install bubblewrap), or run the grader as root in a container, or, if you trust every submission, pass --no-sandbox.\nExample: npm run grade -- --submissions ./class --no-sandbox`;
}

// ---- the run happened, and a check failed -----------------------------------

export function missingFunction(name: string, found: string | null | undefined): string {
  if (found) return `\`${name}\` should be a function, but your file defines it as ${found}.`;
  return `Your file has no function named \`${name}\`. Keep the names from the exercise's stub.`;
}

export function raised(file: string, name: string, exc: EncodedException): string {
  const frame = exc.frames.at(-1);
  if (exc.type === 'EOFError' && /EOF when reading a line/.test(exc.message)) return inputCalled(file, frame);
  if (exc.type === 'NotImplementedError')
    return `\`${name}\` is not written yet: it raised NotImplementedError at ${at(file, frame)}.`;
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
  if (!where)
    return `The event loop was blocked for ${formatSeconds(gapSeconds)}: while your code held its thread, no other task could run. ${advice}`;
  return `The event loop was blocked for ${formatSeconds(gapSeconds)} at ${at(file, where)}${quoteCode(where)}: while that line ran, no other task could run. ${advice}`;
}

export function nestedAsyncioRun(file: string, where: LearnerFrame | null): string {
  return `asyncio.run() was called inside a coroutine at ${at(file, where)}${quoteCode(where)}. asyncio.run starts the event loop and is the program's entry point, called once from plain code; inside a coroutine, use \`await\` instead.`;
}

export function neverAwaited(file: string, items: NeverAwaited[]): string {
  const list = items
    .slice(0, 3)
    .map((item) => `\`${item.name}()\` made at ${at(file, item.origin)}${quoteCode(item.origin)}`);
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

// `meant` is the closest known name (an exercise, or a command such as list), with the command line to type for it.
export function unknownExercise(name: string, known: string[], meant: { id: string } | null, example: string): string {
  if (meant) return `There is no exercise called "${name}". Did you mean ${meant.id}?\nExample: ${example}`;
  return `There is no exercise called "${name}". Exercises: ${known.join(', ')}.\nExample: ${example}`;
}

export function unknownTask(exerciseNumber: string, exercise: string, task: string, count: number): string {
  return `Exercise ${exercise} has no task "${task}"; its tasks are 1 to ${count}.\nExample: npm run grade -- hint ${exerciseNumber} ${count > 1 ? 2 : 1}`;
}

export function pythonProblem(tried: Found[], minimum: readonly [number, number]): string {
  const need = `CPython ${minimum[0]}.${minimum[1]} or newer`;
  const example = 'npm run grade -- --python /usr/bin/python3.12';
  const [only] = tried;
  // The one the learner pointed to (--python or $PYTHON) could not even run: say why in one line, and how to fix that.
  if (tried.length === 1 && only?.notRun && only.candidate.source !== 'path') {
    const name =
      only.candidate.source === 'option' ? `--python ${only.candidate.command}` : `$PYTHON (${only.candidate.command})`;
    const unset = only.candidate.source === 'env' ? ' Or unset PYTHON to use python3 from your PATH.' : '';
    if (only.notRun === 'no-such-file') {
      return `${name}: there is no such file. Check the path for a typo; \`which python3\` (on Windows, \`where python\`) shows where your Python is.${unset}\nExample: ${example}`;
    }
    return `${name}: ${only.error ?? 'it could not be run'}. Point it to ${need}.${unset}\nExample: ${example}`;
  }
  const lines = tried.map(({ candidate, info, error }) => {
    const name = [candidate.command, ...candidate.args].join(' ');
    const via =
      candidate.source === 'option' ? ' (from --python)' : candidate.source === 'env' ? ' (from $PYTHON)' : '';
    if (error) return `  ${name}${via}: ${error}`;
    if (info && info.implementation !== 'CPython')
      return `  ${name}${via}: ${info.implementation} ${info.version}, which is not CPython`;
    return `  ${name}${via}: ${info?.implementation ?? 'Python'} ${info?.version ?? '?'}, which is too old (the oldest this kit supports is ${minimum[0]}.${minimum[1]})`;
  });
  return `This kit needs ${need}. Found:\n${lines.join('\n')}\nInstall CPython from https://www.python.org/downloads/ and try again, or point to one with --python PATH (for example: ${example}).`;
}

export function bugAdvice(): string {
  return 'This is a bug in the grader, not in your code. Please report it to the maintainers of this kit (its issue tracker), with the command you ran and .asyncio-lab/results.json if it exists.';
}

export function graderBug(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `The grader failed: ${detail}. ${bugAdvice()}`;
}

// ---- helpers -----------------------------------------------------------------

export function plural(count: number, one: string, many: string): string {
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

export function summaryNotStarted(exercises: string[]): string {
  return `⚪ Not started yet: ${exercises.join(', ')}. Edit a file to begin it; until then it counts as no failure.`;
}

export function annotationTitle(exerciseId: string, checkTitle: string): string {
  return `${exerciseId}: ${checkTitle}`;
}

export function gradescopeOutput(
  points: number,
  maxPoints: number,
  standing: { graded: number; failing: number; notStarted: number },
  modified: boolean,
): string {
  const { graded, failing, notStarted } = standing;
  const started =
    notStarted > 0
      ? `${notStarted} ${notStarted === 1 ? 'exercise is' : 'exercises are'} not started yet (still the file as shipped).`
      : '';
  const verdict =
    graded === 0
      ? 'Nothing is graded yet.'
      : failing === 0
        ? 'Every graded check passes.'
        : `${failing} ${failing === 1 ? 'check fails' : 'checks fail'} or could not run; each test below says why.`;
  const warning = modified ? '\nWarning: the grader files in this run differ from the kit as shipped.' : '';
  return `Score ${points}/${maxPoints}. ${[verdict, started].filter(Boolean).join(' ')}${warning}`;
}

// Gradescope's advice for a file the submission lacks: upload it again, by name (there is no --file on Gradescope).
export function gradescopeFileMissing(file: string): string {
  return `Your submission has no ${file}. Submit your file with exactly that name (on its own, or anywhere in a folder or zip you submit), then submit again.`;
}

// ---- the student edition (npm run release) --------------------------------------

export function releaseUsage(): string {
  return 'release writes the student edition of the kit to a new folder: say which.\nExample: npm run release -- ../asyncio-lab-student';
}

export function releaseNotEmpty(dir: string): string {
  return `${dir} is not empty (or holds this kit): the student edition goes to a new or empty folder.\nExample: npm run release -- ../asyncio-lab-student`;
}

export function releaseWritten(dir: string, files: number, exercises: string[]): string {
  return `Wrote the student edition to ${dir}: ${files} files, exercises ${exercises.join(', ')}, with no reference solutions, alternatives or labelled mistakes, and its own grader-manifest.json.\nPublish it as the repository your learners clone: cd ${dir} && git init && git add -A && git commit -m "asyncio-lab"`;
}

// ---- the grading policy (grading-policy.json) ------------------------------------

export function policyInvalid(file: string, detail: string): string {
  return `${file} is not a valid grading policy: ${detail}.\nFix it (the README's "For teachers" section describes it), or delete it to grade by the default policy.`;
}

export function policyUnknownExercise(file: string, id: string, known: string[]): string {
  return `${file} names an exercise "${id}" that the course does not have. Exercises: ${known.join(', ')}.`;
}

export function policyUnknownCheck(file: string, exercise: string, id: string, known: string[]): string {
  return `${file} gives points to a check "${id}" that ${exercise} does not have. Its checks: ${known.join(', ')}.`;
}

function notStartedNote(notStarted: number): string {
  return notStarted > 0 ? ` (${notStarted} ${notStarted === 1 ? 'exercise' : 'exercises'} not started yet)` : '';
}

export function policyNothingStarted(notStarted: number): string {
  return `Nothing graded yet: ${notStarted === 1 ? 'the exercise is' : `all ${notStarted} exercises are`} still as shipped, so there is no grade to hold against the policy. Start an exercise and push it.`;
}

export function policyEveryCheckPasses(points: number, maxPoints: number, notStarted: number): string {
  return `Score ${points}/${maxPoints}: every graded check passes${notStartedNote(notStarted)}.`;
}

export function policyChecksFail(points: number, maxPoints: number, failing: number): string {
  return `Score ${points}/${maxPoints}: ${failing} ${failing === 1 ? 'check fails' : 'checks fail'}, and the course's policy asks that every graded check passes. See the job summary for what to fix.`;
}

export function policyScoreReached(points: number, maxPoints: number, minScore: number): string {
  return `Score ${points}/${maxPoints} reaches the course's minimum of ${minScore}.`;
}

export function policyScoreBelow(points: number, maxPoints: number, minScore: number): string {
  return `Score ${points}/${maxPoints} is below the course's minimum of ${minScore}. See the job summary for what to fix.`;
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
  return `${file} is a symbolic link, so this submission was not graded: a submission is graded from its own files only, and a link could point at a classmate's work or the teacher's. Hand in the files themselves.`;
}

export function submissionFailed(detail: string): string {
  return `This submission could not be graded: ${detail}`;
}

export function submissionLacks(file: string): string {
  return `This submission has no ${file}.`;
}

export function bulkShardStarted(
  shard: { index: number; count: number },
  count: number,
  total: number,
  jobs: number,
): string {
  return `Grading shard ${shard.index}/${shard.count}: ${count} of the ${total} submissions, ${jobs} at a time.`;
}

export function bulkShardEmpty(shard: { index: number; count: number }, total: number): string {
  return `Shard ${shard.index}/${shard.count} has no submissions to grade (the class has ${total}); its gradebook is empty, which the merge accepts.`;
}

// ---- merging the gradebooks of a class graded in shards ----------------------------

export function mergeNothing(): string {
  return 'merge needs the output folders of the shards (each holds a gradebook.json), or one folder holding them.\nExample: npm run grade -- merge shards/ --out grades';
}

export function mergeNotAGradebook(where: string): string {
  return `${where} holds no gradebook.json, and no folders that do. Point merge at the --out folders of the shards.\nExample: npm run grade -- merge shards/shard-1 shards/shard-2 --out grades`;
}

export function mergeInvalid(where: string, detail: string): string {
  return `${where} is not a gradebook this kit can merge: ${detail}.`;
}

export function mergeDifferentCounts(a: string, countA: number, b: string, countB: number): string {
  return `These gradebooks come from different splits of the class: ${a} is one of ${countA} shards, ${b} one of ${countB}. Grade every shard with the same --shard K/N count.`;
}

export function mergeDifferentClass(a: string, b: string): string {
  return `${a} and ${b} graded different class folders (their lists of submissions differ). Grade every shard from the same folder.`;
}

export function mergeDifferentExercises(a: string, b: string): string {
  return `${a} and ${b} graded different exercises or points. Grade every shard with the same kit and the same exercises.`;
}

export function mergeOverlap(index: number, count: number, a: string, b: string): string {
  return `Shard ${index}/${count} was given twice: ${a} and ${b}. Give each shard once.`;
}

export function mergeGap(absent: number[], count: number): string {
  return `${absent.length === 1 ? 'Shard' : 'Shards'} ${absent.map((i) => `${i}/${count}`).join(', ')} ${absent.length === 1 ? 'is' : 'are'} missing, so the gradebook would leave learners out. Grade ${absent.length === 1 ? 'it' : 'them'} (--shard K/${count}) and merge again.`;
}

export function mergeSubmissionTwice(name: string, a: string, b: string): string {
  return `The submission ${JSON.stringify(name)} was graded twice, in ${a} and in ${b}. Give each shard once.`;
}

export function mergeSubmissionsMissing(names: string[]): string {
  const shown = names
    .slice(0, 5)
    .map((n) => JSON.stringify(n))
    .join(', ');
  return `No shard graded ${shown}${names.length > 5 ? ` and ${names.length - 5} more` : ''}. Grade every shard and merge again.`;
}

export function mergeOutIsAShard(out: string): string {
  return `--out ${out} is one of the shards' own folders; write the merged gradebook somewhere else.\nExample: npm run grade -- merge shards/ --out grades`;
}

export function mergeFinished(shards: number, rows: number, gradebook: string): string {
  return `Merged ${shards} ${shards === 1 ? 'shard' : 'shards'}: ${rows} ${rows === 1 ? 'submission' : 'submissions'}. Gradebook: ${gradebook}`;
}

export function bulkProgress(
  done: number,
  total: number,
  name: string,
  points: number,
  maxPoints: number,
  seconds: number,
  missing: string[],
  problem: string | undefined,
): string {
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

export function resetNeedsConfirmation(which: string): string {
  return `reset asks before it changes your file, but there is no terminal to ask in. Add --yes to reset without asking.\nExample: npm run grade -- reset ${which} --yes`;
}

export function resetNeedsExercise(): string {
  return 'Name the exercise to reset, or reset every exercise with --all.\nExample: npm run grade -- reset 03';
}

export function hintHeading(exercise: string, task: number, title: string, shown: number, total: number): string {
  return `${exercise}, task ${task}: ${title} (hint ${shown} of ${total})`;
}

export function hintWhy(
  exercise: string,
  task: number,
  why: 'failing' | 'failing-before-edit' | 'chosen' | 'not-started' | 'not-graded' | 'all-pass',
): string {
  if (why === 'failing')
    return `Task ${task} is the first task of ${exercise} with a failing check in your last grade.`;
  if (why === 'failing-before-edit')
    return `Task ${task} was the first task of ${exercise} with a failing check when you last graded it (you have changed the file since).`;
  if (why === 'not-started')
    return `${exercise} is not started yet (its file is still the stub as shipped), so this is task ${task}.`;
  if (why === 'not-graded')
    return `${exercise} has not been graded since you started on it, so this is task ${task}; once it is graded, hints go to the first failing task.`;
  if (why === 'all-pass') return `Every check of ${exercise} passed in your last grade; here is task ${task}.`;
  return '';
}

// What to do after reading: `how` is how this learner asks for the next hint (the command, or watch mode's h key).
export function hintNext(
  exerciseNumber: string,
  task: number,
  remaining: number,
  allReadBefore: boolean,
  lesson: string,
  how: 'command' | 'key',
): string {
  if (remaining > 0) {
    const more = `${remaining} more ${remaining === 1 ? 'hint' : 'hints'} for this task`;
    return how === 'key'
      ? `${more}: press h again.`
      : `${more}: run npm run grade -- hint ${exerciseNumber} ${task} again.`;
  }
  if (allReadBefore)
    return `You have read every hint for task ${task}; they are all above. The lesson, ${lesson}, explains the idea behind them.`;
  return `That was the last hint for task ${task}. The lesson, ${lesson}, explains the idea behind it.`;
}

export function hintForCurrent(exercise: string): string {
  return `Hints for ${exercise}, the first exercise you have not passed yet (for another one, name it: npm run grade -- hint 01).`;
}

export function hintAllDone(): string {
  return 'Every exercise passes, so there is no hint to give. To read the hints of one again, name it: npm run grade -- hint 03';
}

export function noHints(exercise: string, task: number): string {
  return `Exercise ${exercise} has no hints for task ${task}.`;
}

export function solutionLocked(
  exercise: string,
  exerciseNumber: string,
  points: number | null,
  maxPoints: number,
): string {
  const last = points === null ? 'it has not been graded yet' : `your last grade was ${points}/${maxPoints}`;
  return `The reference solution of ${exercise} opens once every check of it passes (${last}).\nGrade it: npm run grade -- ${exerciseNumber}    Stuck? npm run grade -- hint ${exerciseNumber}`;
}

export function solutionNotShipped(exercise: string, passed: boolean): string {
  const yours = passed
    ? ` Your own file passes every check of ${exercise}, so it is a solution: there are many right answers.`
    : '';
  return `This copy of the kit has no reference solutions: the learners' edition leaves them out, and your teacher decides when and how to share them (ask them, or look where your course posts its material).${yours}`;
}

export function solutionHeading(exercise: string, file: string): string {
  return `Reference solution of ${exercise} (${file}); yours passed too, and there are many right answers.`;
}

export function nextAllDone(firstNumber: string): string {
  return `Every exercise passes: you have finished the course. Well done! Compare your code with the reference solutions: npm run grade -- solution ${firstNumber}`;
}

export function nextMissing(exercise: string, exerciseNumber: string, file: string): string {
  return `${file} (${exercise}) is missing: put the stub back with npm run grade -- reset ${exerciseNumber}`;
}

export function nextNotStarted(exercise: string, exerciseNumber: string, file: string, lesson: string): string {
  return `Next: ${exercise}. Read ${lesson}, replace the TODOs in ${file}, then grade it: npm run grade -- ${exerciseNumber} (or npm run watch, to grade on every save).`;
}

export function nextChanged(exercise: string, exerciseNumber: string): string {
  return `${exercise} has changed since it was last graded: npm run grade -- ${exerciseNumber}`;
}

export function nextCannotRun(exercise: string, exerciseNumber: string): string {
  return `${exercise} cannot run yet; npm run grade -- ${exerciseNumber} shows why.`;
}

export function nextInProgress(exercise: string, exerciseNumber: string): string {
  return `Keep going with ${exercise}: npm run grade -- ${exerciseNumber}    Stuck? npm run grade -- hint ${exerciseNumber}`;
}

export function passedNow(exercise: string, exerciseNumber: string): string {
  return `${exercise} passes! Its reference solution is open now, to compare with yours: npm run grade -- solution ${exerciseNumber}.`;
}

export function listProgress(done: number, total: number, points: number, maxPoints: number): string {
  return `${done} of ${total} exercises done · ${points}/${maxPoints} points`;
}

export function watchCurrent(exercise: string, file: string): string {
  return `Current exercise: ${exercise} · ${file}`;
}

// What to do now: `keys` is false when stdin is not a terminal (only saves are followed then).
export function watchInstruction(
  manual: boolean,
  keys: boolean,
  notStarted: boolean,
  file: string,
  lesson: string,
): string {
  const grade = manual ? 'then press r to grade it' : 'it is graded again every time you save it';
  const what = notStarted
    ? `Read the lesson, ${lesson}, then replace the TODOs in ${file}: ${grade}.`
    : manual
      ? 'Save your changes, then press r to grade them.'
      : 'Save your changes to grade them again.';
  return keys ? what : `${what} Keys need a terminal, so stop with Ctrl-C.`;
}

export function watchKeys(): string {
  return 'Keys: h hint · l list · n next exercise · r grade now · q quit';
}

export function watchGrading(exercise: string): string {
  return `Grading ${exercise}…`;
}

export function watchGradedAt(time: string): string {
  return `graded at ${time}`;
}

export function watchPassed(exercise: string, exerciseNumber: string, next: string | null): string {
  if (next)
    return `${exercise} passes! Press n to move on to ${next}, or keep experimenting: saves are still graded. Compare with the reference solution: npm run grade -- solution ${exerciseNumber}`;
  return `${exercise} passes, and with it the whole course. Well done! Compare with the reference solution (npm run grade -- solution ${exerciseNumber}), or press q to quit.`;
}

export function watchManualNeedsTerminal(): string {
  return 'watch --manual grades when you press r, but there is no terminal here to press it in. Run it in a terminal, or grade once.\nExample: npm run grade -- 03';
}

export function watchCancelled(file: string): string {
  return `${file} changed while it was being graded; grading the new version.`;
}
