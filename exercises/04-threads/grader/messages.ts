// Every sentence exercise 04's checks say to a learner; the shared grader/messages.ts keeps the course's common words.
import { formatIntervals, formatSeconds } from '../../../grader/evidence/intervals.js';
import { at, describeValue } from '../../../grader/messages.js';
import type { EncodedException, EncodedValue, LearnerFrame, Span } from '../../../grader/run/observations.js';
import { sizeOf, type BodyDifference } from './evidence.js';

function quoteCode(frame: LearnerFrame | null | undefined): string {
  return frame && frame.code ? ` (\`${frame.code}\`)` : '';
}

function place(file: string, frame: LearnerFrame | null | undefined): string {
  return frame ? ` at ${at(file, frame)}${quoteCode(frame)}` : '';
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${count} ${many}`;
}

function shorten(text: string, limit = 60): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 3)}...`;
}

// "kalo-12 0.00-0.24 s on asyncio_0": which thread ran each instrumented call, in start order.
export function threadTimeline(spans: Span[], limit = 5): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const shown = sorted
    .slice(0, limit)
    .map(
      (s) =>
        `${s.label} ${formatIntervals([s])} s on ${s.mainThread ? `${s.thread} (the event loop's thread)` : s.thread}`,
    );
  if (sorted.length > limit) shown.push('...');
  return shown.join(', ');
}

// "kalo-12 0.00-0.24 s, rumi-40 0.24-0.50 s": the calls and their intervals, for calls that all ran on one thread.
function callTimes(spans: Span[], limit = 5): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const shown = sorted.slice(0, limit).map((s) => `${s.label} ${formatIntervals([s])} s`);
  if (sorted.length > limit) shown.push('...');
  return shown.join(', ');
}

// "the body of kalo-12 (74,213 characters in 1,012 lines, starting "\n  kalo-12 3f…")".
export function pageText(name: string, body: string): string {
  const { chars, lines } = sizeOf(body);
  if (chars === 0) return `the body of ${name}, which is empty ("")`;
  return `the body of ${name} (${chars.toLocaleString('en-US')} characters in ${plural(lines, 'line', 'lines')}, starting ${JSON.stringify(shorten(body, 24))})`;
}

// ---- task 1: fetch_url -----------------------------------------------------------

export function fetchIsAsync(name: string): string {
  return `\`${name}\` is defined with \`async def\`, but it should be a plain, blocking function: the point of this exercise is to run blocking code in a worker thread. Define it with \`def\` and let it return the body.`;
}

export function bytesNotText(name: string, value: EncodedValue): string {
  return `\`${name}\` returned bytes (${shorten(value.repr)}), but it should return text. urlopen gives the body as bytes: decode it with \`.decode("utf-8")\`.`;
}

export function notText(name: string, value: EncodedValue, page: string): string {
  return `\`${name}\` returned ${describeValue(value)}, but it should return ${page} as a string. Read the whole body with \`response.read()\` and decode it: \`.decode("utf-8")\`.`;
}

export function bodyDiffers(call: string, got: string, page: string, difference: BodyDifference): string {
  const gotSize = sizeOf(got);
  const returned = `\`${call}\` returned ${plural(gotSize.chars, 'character', 'characters').replace(/^\d+/, gotSize.chars.toLocaleString('en-US'))} (${JSON.stringify(shorten(got, 40))}), but it should return ${page}.`;
  switch (difference.kind) {
    case 'bytes-repr':
      return `${returned} The text starts with b': it is str() of the bytes, their repr, not their text. Decode the bytes instead: \`response.read().decode("utf-8")\`.`;
    case 'byte-per-char':
      return `${returned} Every byte became a character of its own, so each non-ASCII character turned into two or three strange ones: the bytes were decoded as Latin-1 (or cp1252). The page is UTF-8, as its Content-Type header says (charset=utf-8): \`.decode("utf-8")\`.`;
    case 'non-ascii-dropped':
      return `${returned} Every non-ASCII character (é, →, 東京...) is missing: the bytes were decoded as ASCII with errors ignored. The page is UTF-8: \`.decode("utf-8")\`, without errors="ignore".`;
    case 'replaced':
      return `${returned} It holds U+FFFD (the replacement character) at character ${difference.at}, where some bytes could not be decoded: either the codec was wrong, or pieces of the body were decoded one by one and a piece ended inside a multi-byte character. Read all the bytes first, then decode them once as UTF-8.`;
    case 'stripped':
      return `${returned} The whitespace around the body is gone: the page starts and ends with spaces and newlines, and fetch_url must return every character of it. Do not call .strip() on the body.`;
    case 'first-line':
      return `${returned} That is only its first line: readline() (or iterating once) stops at the first newline. Read the whole body with \`response.read()\`.`;
    case 'cut-short':
      if (gotSize.chars === 0)
        return `${returned} Nothing of the page came back: if the code catches an exception around the fetch and returns "" instead, the error is hidden; let it raise (or read what it says) and fix what it points at.`;
      return `${returned} That is only its start, ${difference.chars.toLocaleString('en-US')} of its ${difference.of.toLocaleString('en-US')} characters: read(n) returns at most n bytes, and read1() (or a single recv) only what has arrived so far; this server sends the body in pieces. Read to the end with \`response.read()\` and no argument.`;
    case 'lines-changed':
      return `${returned} The words are the page's, but its whitespace is not: the spaces at the ends of its lines or the newlines between them were changed on the way (lines stripped, split or joined). Return the body as it came: \`response.read().decode("utf-8")\`, without splitting or stripping lines.`;
    default:
      return `${returned} They differ from character ${difference.at} on. Return the body exactly as the server sent it: \`response.read().decode("utf-8")\`.`;
  }
}

export function decodeFailed(
  file: string,
  call: string,
  exc: EncodedException,
  where: LearnerFrame | null | undefined,
): string {
  if (/'ascii' codec/.test(exc.message)) {
    return `\`${call}\` raised UnicodeDecodeError: ${exc.message}${place(file, where)}. The page holds non-ASCII text (é, →, 東京...), which ASCII cannot decode. It is UTF-8, as its Content-Type header says (charset=utf-8): \`.decode("utf-8")\`.`;
  }
  if (/unexpected end of data|invalid start byte|invalid continuation byte/.test(exc.message)) {
    return `\`${call}\` raised UnicodeDecodeError: ${exc.message}${place(file, where)}. A piece of the body was decoded on its own, and it began or ended in the middle of a character that takes several bytes in UTF-8. Join all the bytes first (or just \`response.read()\`), then decode them once.`;
  }
  return `\`${call}\` raised UnicodeDecodeError: ${exc.message}${place(file, where)}. The page is UTF-8, as its Content-Type header says (charset=utf-8): read all the bytes, then \`.decode("utf-8")\`.`;
}

// ---- tasks 2 to 5: threads -----------------------------------------------------------

export function ranOnLoopThread(spans: Span[]): string {
  const thread = spans[0]?.thread ?? 'MainThread';
  return `\`${spans[0]?.helper ?? 'fetch_url'}\` ran on ${thread}, the event loop's own thread (${callTimes(spans)}).`;
}

export function waitedForThreads(spans: Span[]): string {
  return `Meanwhile the fetches ran in worker threads (${threadTimeline(spans)}), and the loop's own thread sat waiting for them instead of running other tasks.`;
}

export const READ_ON_LOOP =
  "Reading a response's body waits for the server just as opening it does (this server sends the body bit by bit): open and read in the worker thread, as fetch_url does.";

export function threadsOneByOne(spans: Span[]): string {
  return `Each ran in a worker thread (${threadTimeline(spans)}), but each was awaited before the next one was started.`;
}

export function oneThreadForAll(spans: Span[]): string {
  return `They all ran on one worker thread, ${spans[0]?.thread ?? '?'}, one after another (${callTimes(spans)}): a single asyncio.to_thread call ran every fetch in a loop, and one thread does one thing at a time.`;
}

export function fewerAtOnce(spans: Span[], peak: number): string {
  const threads = [...new Set(spans.map((s) => s.thread))];
  return `Only ${peak} of the ${spans.length} fetches were in flight at a time (${formatIntervals(spans)} s, on ${plural(threads.length, 'thread', 'threads')}: ${threads.slice(0, 6).join(', ')}): something held the others back, such as a pool of ${peak} threads, a semaphore or batches. "At the same time" means every fetch in flight together: one asyncio.to_thread per URL, all in one asyncio.gather.`;
}

export function helperNeverCalled(name: string, helper: string, advice: string): string {
  return `\`${name}\` never called \`${helper}\`, so nothing was fetched the way this task asks. ${advice}`;
}

export function fetchesNotAsked(
  name: string,
  wanted: string[],
  made: string[],
  missing: string[],
  extra: string[],
): string {
  const parts: string[] = [];
  if (extra.length)
    parts.push(`fetched ${extra.join(', ')} ${extra.length === 1 ? 'once more than asked' : 'more often than asked'}`);
  if (missing.length) parts.push(`never fetched ${missing.join(', ')}`);
  return `\`${name}\` made ${plural(made.length, 'fetch', 'fetches')} for ${plural(wanted.length, 'URL', 'URLs')} (${made.join(', ') || 'none'}): it ${parts.join(' and ')}. Fetch each URL it is given exactly once, in a worker thread: every extra fetch is another wait for the server.`;
}

export function asyncFunctionToThread(name: string, count: number): string {
  return `\`${name}\` handed fetch_url_async to asyncio.to_thread, so ${count === 1 ? 'its worker thread' : 'each worker thread'} only called it, and calling a coroutine function just makes a coroutine: nobody awaited ${count === 1 ? 'it' : 'them'}, so nothing was fetched and ${count === 1 ? 'a coroutine object' : 'coroutine objects'} came back instead of text. asyncio.to_thread is for plain blocking functions: \`asyncio.to_thread(fetch_url, url)\`; fetch_url_async(url) is awaited directly.`;
}

export function stringToThread(file: string, where: LearnerFrame | null | undefined): string {
  return `asyncio.to_thread was given a string where the function belongs, so its worker thread tried to call the string: TypeError: 'str' object is not callable, raised at ${at(file, where)}${quoteCode(where)}. asyncio.to_thread(func, *args) calls func(*args) in a worker thread: pass the function first and its argument after it, \`asyncio.to_thread(fetch_url, url)\`.`;
}

export function toThreadMissingArgument(file: string, where: LearnerFrame | null | undefined, detail: string): string {
  return `asyncio.to_thread called fetch_url with no argument (TypeError: ${detail}), raised at ${at(file, where)}${quoteCode(where)}. asyncio.to_thread passes on the arguments that follow the function: \`asyncio.to_thread(fetch_url, url)\`.`;
}

export function calledBeforeToThread(file: string, where: LearnerFrame | null | undefined, spans: Span[]): string {
  const blocked = spans.reduce((sum, s) => sum + ((s.end ?? s.start) - s.start), 0);
  return `\`fetch_url(...)\` ran right away on the event loop's own thread at ${at(file, where)}${quoteCode(where)} (on ${spans[0]?.thread ?? 'MainThread'}: ${callTimes(spans)}), blocking the loop for ${formatSeconds(blocked)}; asyncio.to_thread was then handed its result, a string, instead of the function, and raised TypeError: 'str' object is not callable. Writing \`fetch_url(url)\` calls the function on the spot; let asyncio.to_thread make the call in its worker thread: \`asyncio.to_thread(fetch_url, url)\`.`;
}

export function threadsLeftRunning(
  file: string,
  name: string,
  threads: { origin: LearnerFrame | null }[],
  result: EncodedValue | undefined,
): string {
  const origin = threads[0]?.origin;
  return `\`${name}\` returned ${describeValue(result)} while ${plural(threads.length, 'thread', 'threads')} it started ${threads.length === 1 ? 'was' : 'were'} still running (started at ${at(file, origin)}${quoteCode(origin)}), so their results came too late. A threading.Thread runs on its own and nothing waits for it, and thread.join() would block the event loop. Let asyncio run the threads and await them: \`await asyncio.gather(*(asyncio.to_thread(fetch_url, url) for url in urls))\`.`;
}

// ---- lists of bodies ---------------------------------------------------------------------

export function bodiesOutOfOrder(name: string, got: string[], why: string, argument: string): string {
  return `\`${name}\` returned the right bodies in the wrong order: those of ${got.join(', ')}${why}, but they must follow the order of \`${argument}\`. asyncio.gather gives back results in the order of its arguments, whatever order they finish in: return its list as it is.`;
}

export const IN_ARRIVAL_ORDER = ', which is the order the responses arrived in';
export const SORTED = ', sorted as text';
export const SWAPPED = ', the two the other way round';

export function wrongBodies(name: string, got: string[], wanted: string[]): string {
  return `\`${name}\` returned ${got.length ? `[${got.join(', ')}]` : '[]'}, but it should return the bodies of ${wanted.length ? wanted.join(', ') : 'no pages (an empty list)'}, in that order: one body per URL, repeats included.`;
}

export function notAList(name: string, value: EncodedValue): string {
  return `\`${name}\` returned a ${value.type}, ${shorten(value.repr, 80)}, but it should return a list. asyncio.gather already returns a list: return it as it is.`;
}

export function inputChanged(name: string, argument: string, before: number, after: number): string {
  return `\`${name}\` changed the caller's \`${argument}\`: it held ${plural(before, 'URL', 'URLs')} before the call and ${after} after it. Leave the inputs as they are; iterate over the list instead of taking URLs out of it.`;
}

export function emptyInputFailed(
  file: string,
  name: string,
  exc: EncodedException,
  where: LearnerFrame | null | undefined,
): string {
  return `\`${name}\` called with an empty list raised ${exc.type}: ${exc.message}${place(file, where)}. With nothing to fetch it should return []. asyncio.wait refuses an empty collection; asyncio.gather() with nothing to gather returns [] at once, or return [] early when there is nothing to do.`;
}
