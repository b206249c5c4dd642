// What a learner reads, through the real command line on a temporary copy of the kit: usage errors that say what to
// type, "did you mean", messages folded at spaces to the terminal's width, hints that follow the file as it is, the
// pass screen's next step, and list's closing suggestion.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exerciseNumber } from '../../grader/engine/course.js';
import { visibleLength, words } from '../../grader/reporters/wrap.js';
import type { RunResults } from '../../grader/results/types.js';
import { course, hintCount } from '../helpers/course-size.js';
import { runKitCli } from '../helpers/kit-process.js';
import { testPython } from '../helpers/python.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';

const [first, second] = course;

// yargs' own words, which say nothing a learner can act on.
const YARGS = /non-option arguments|Unknown argument|Invalid values|Not enough arguments/;

describe('usage errors say what to type', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());

  it.each([
    [['gathr'], /There is no exercise called "gathr"\. Did you mean 03-gather\?\nExample: npm run grade -- 03$/],
    [
      ['hint', 'gathr'],
      /There is no exercise called "gathr"\. Did you mean 03-gather\?\nExample: npm run grade -- hint 03$/,
    ],
    [['solution', 'thread'], /Did you mean 04-threads\?\nExample: npm run grade -- solution 04$/],
    [['reset', 'corutines'], /Did you mean 02-coroutines\?\nExample: npm run grade -- reset 02$/],
    [['lst'], /There is no exercise called "lst"\. Did you mean the list command\?\nExample: npm run grade -- list$/],
    [['99'], /There is no exercise called "99"\. Exercises: 01-runners, .*\.\nExample: npm run grade -- 01$/],
  ])('%j: did you mean, with the command to type', async (args, expected) => {
    const run = await runKitCli(kit, args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(expected);
  });

  it.each([
    [
      ['solution'],
      /^Name the exercise whose reference solution you want to see\.\nExample: npm run grade -- solution 03 /,
    ],
    [
      ['hint', '03', '2', '5'],
      /^hint takes an exercise and, if you like, a task number, so "5" is one word too many\.\nExample: npm run grade -- hint 03 /,
    ],
    [
      ['list', 'everything'],
      /^list takes nothing, so "everything" is one word too many\.\nExample: npm run grade -- list /,
    ],
    [['--jsn', 'out.json'], /^There is no option --jsn; did you mean --json\?\nExample: npm run grade -- 03 /],
    [['reset', '03', '--yse'], /^There is no option --yse; did you mean --yes\?\nExample: npm run grade -- reset 03 /],
    [
      ['--reporter', 'slack'],
      /^--reporter takes terminal or github, not "slack"\.\nExample: npm run grade -- --reporter github /,
    ],
    [
      ['hint', '03', 'nine'],
      /^Exercise 03-gather has no task "nine"; its tasks are 1 to \d+\.\nExample: npm run grade -- hint 03 2$/,
    ],
  ])('%j: what was wrong, then an example of the right command', async (args, expected) => {
    const run = await runKitCli(kit, args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(YARGS);
  });

  it('hint with no exercise gives the hint for the first exercise not passed yet, not a usage error', async () => {
    const run = await runKitCli(kit, ['hint']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^Hints for ${first?.meta.id}, the first exercise you have not passed yet`));
    expect(run.stdout).toMatch(new RegExp(`${first?.meta.id}, task 1: .*\\(hint 1 of \\d\\)`));
  });

  it('an option given twice keeps the last value instead of crashing the grader', async () => {
    const run = await runKitCli(kit, ['01', '--seed', '1', '--seed', '2', '--json', 'a.json', '--json', 'b.json']);
    // Exercise 01 as shipped: not started, which is no failure.
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/seed 2 · results: b\.json/);
  });
});

describe('messages fold at spaces to the terminal width', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());

  it('no line is wider than $COLUMNS unless it is one word, and every message reads as it was written', async () => {
    copyFileSync(
      kit.exercise('03-gather', '.meta', 'mistakes', 'sequential-loop.py'),
      kit.exercise('03-gather', 'gather.py'),
    );
    const wide = await runKitCli(kit, ['03', '--seed', '5', '--json', 'wide.json']);
    const run = await runKitCli(kit, ['03', '--seed', '5', '--json', 'narrow.json'], { COLUMNS: '60' });
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.split('\n');
    for (const line of lines) if (visibleLength(line) > 60) expect(words(line.trim()), line).toHaveLength(1);
    // Folded: more lines than unfolded, and the same words in the same order.
    expect(lines.length).toBeGreaterThan(wide.stdout.split('\n').length);
    const results = JSON.parse(readFileSync(`${kit.root}/narrow.json`, 'utf8')) as RunResults;
    const messages = results.exercises
      .flatMap((e) => e.checks)
      .flatMap((c) => (c.status === 'pass' || !c.message ? [] : [c.message]));
    expect(messages.length).toBeGreaterThan(0);
    const flowing = run.stdout.replace(/\n +/g, ' ');
    for (const message of messages) expect(flowing).toContain(message.replace(/\n +/g, ' ').replace(/\n/g, ' '));
    // Code spans stay whole.
    expect(run.stdout).toMatch(/`asyncio\.gather\(\*fetches\)`|`await asyncio\.gather/);
  });
});

describe('hints follow the file as it is now', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());

  it('after an edit, hint no longer says "not started", even when the last grade was of the stub', async () => {
    const graded = await runKitCli(kit, ['03']);
    expect(graded.stdout).toMatch(/not started/);
    writeFileSync(
      kit.exercise('03-gather', 'gather.py'),
      `${readFileSync(kit.exercise('03-gather', 'gather.py'), 'utf8')}\n# started\n`,
    );
    const run = await runKitCli(kit, ['hint', '03']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/not started/);
    expect(run.stdout).toMatch(
      /03-gather has not been graded since you started on it, so this is task 1; once it is graded, hints go to the first failing task\./,
    );
  });

  it('after the last hint, repeats say every hint was read, not "run the same command again"', async () => {
    const count = hintCount('03-gather', 2);
    expect(count).toBeGreaterThan(1);
    const runs = [];
    for (let i = 0; i < count + 2; i++) runs.push(await runKitCli(kit, ['hint', '03', '2']));
    expect(runs[count - 2]?.stdout).toMatch(/1 more hint for this task: run npm run grade -- hint 03 2 again\./);
    expect(runs[count - 1]?.stdout).toMatch(new RegExp(`\\(hint ${count} of ${count}\\)`));
    expect(runs[count - 1]?.stdout).toMatch(
      /That was the last hint for task 2\. The lesson, exercises\/03-gather\/README\.md, explains/,
    );
    for (const repeat of runs.slice(count)) {
      expect(repeat.stdout).toMatch(/You have read every hint for task 2; they are all above\./);
      expect(repeat.stdout).not.toMatch(/again/);
      expect(repeat.stdout.match(/^\d\. /gm)).toHaveLength(count);
    }
  });
});

describe('the pass screen and list suggest the next step', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());
  const id = first?.meta.id ?? '';
  const number = exerciseNumber(id);

  it('list on a fresh kit suggests reading the first lesson and grading the first exercise', async () => {
    const run = await runKitCli(kit, ['list']);
    expect(run.stdout).toMatch(
      new RegExp(
        `\\nNext: ${id}\\. Read exercises/${id}/README\\.md, replace the TODOs in exercises/${id}/\\S+\\.py, then grade it: npm run grade -- ${number} \\(or npm run watch, to grade on every save\\)\\.$`,
      ),
    );
    expect(run.stdout).not.toMatch(/Grade one with/);
  });

  it('in progress, list says to keep going and where to get a hint; after an edit, to grade again', async () => {
    const mistake = readFileSync(kit.exercise(id, '.meta', 'mistakes', 'time-sleep.py'), 'utf8');
    writeFileSync(kit.exercise(id, first?.meta.file ?? ''), mistake);
    await runKitCli(kit, [number]);
    const progressing = await runKitCli(kit, ['list']);
    expect(progressing.stdout).toMatch(
      new RegExp(`Keep going with ${id}: npm run grade -- ${number} {4}Stuck\\? npm run grade -- hint ${number}$`),
    );
    writeFileSync(kit.exercise(id, first?.meta.file ?? ''), `${mistake}\n# more\n`);
    const edited = await runKitCli(kit, ['list']);
    expect(edited.stdout).toMatch(
      new RegExp(`${id} has changed since it was last graded: npm run grade -- ${number}$`),
    );
  });

  it('a pass opens the solution and names the next exercise; list then suggests that one', async () => {
    copyFileSync(kit.exercise(id, '.meta', 'solution.py'), kit.exercise(id, first?.meta.file ?? ''));
    const run = await runKitCli(kit, [number]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const next = second?.meta.id ?? '';
    expect(run.stdout).toMatch(
      new RegExp(
        `${id} passes! Its reference solution is open now, to compare with yours: npm run grade -- solution ${number}\\. Next: ${next}\\. Read exercises/${next}/README\\.md`,
      ),
    );
    const listed = await runKitCli(kit, ['list']);
    expect(listed.stdout).toMatch(new RegExp(`\\nNext: ${next}\\. `));
  });
});

describe('watch mode without a terminal', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());

  it('--manual, with no terminal to press r in, says so and what to do instead', async () => {
    const run = await runKitCli(kit, ['watch', '--manual']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /^watch --manual grades when you press r, but there is no terminal here to press it in\. .*\nExample: npm run grade -- 03$/,
    );
  });

  it('prints each screen after the last (no clearing), without keys, saying how to stop', async () => {
    const python = await testPython();
    const child = execa(process.execPath, [kit.bin, 'watch'], {
      cwd: kit.root,
      env: { PYTHON: python.executable, NO_COLOR: '1', GITHUB_ACTIONS: undefined, COLUMNS: undefined },
      stdin: 'ignore',
      reject: false,
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    try {
      for (let tries = 0; !/Keys need a terminal/.test(out.slice(out.indexOf('○'))) && tries < 1200; tries++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(out).toMatch(new RegExp(`Grading ${first?.meta.id}…`));
      expect(out).toMatch(
        new RegExp(
          `○ ${first?.meta.id} {2}not started[\\s\\S]*Current exercise: ${first?.meta.id}[\\s\\S]*Keys need a terminal, so stop with Ctrl-C\\.`,
        ),
      );
      expect(out).not.toMatch(/Keys: h hint/);
      expect(out).not.toContain('\u001b[');
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  });
});
