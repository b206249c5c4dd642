// Watch mode driven as a learner would, in a real terminal (tmux): save a file and see the verdict, move on when it
// passes, the keys, a save mid-run cancelling the stale run with its Python processes gone, and --manual.
// Also reset's y/N question on a real terminal. Everything runs on a temporary copy of the kit.
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../grader/engine/course.js';
import { testPython } from '../helpers/python.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';
import { alive, openTerminal, processesMatching, tmuxPath, type Terminal } from '../helpers/tmux.js';

// The course's size, from the registry: adding an exercise must not break these tests.
const COURSE = loadCourse();
const POINTS = COURSE.flatMap((e) => e.meta.tasks.flatMap((t) => t.checks)).reduce((sum, c) => sum + c.points, 0);

// Saves the way many editors do: write a new file, then rename it over the old one.
function save(file: string, text: string): void {
  writeFileSync(`${file}.swp`, text);
  renameSync(`${file}.swp`, file);
}

function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

// The kit's own command line in the temporary copy, as `npm run grade -- ARGS` would run it.
async function start(kit: TempKit, args: string[]): Promise<Terminal> {
  const python = await testPython();
  const line = [process.execPath, kit.bin, ...args].map((a) => `'${a}'`).join(' ');
  return openTerminal(line, { PYTHON: python.executable, NO_COLOR: '1' }, kit.root);
}

describe.runIf(tmuxPath)('watch mode in a real terminal', () => {
  let kit: TempKit;
  let term: Terminal;
  const harness = (): string => path.join(kit.root, 'grader', 'python', 'harness.py');
  beforeAll(async () => {
    kit = makeTempKit();
    term = await start(kit, ['watch']);
  });
  afterAll(async () => {
    await term?.kill();
    kit?.remove();
  });

  it('starts on the first exercise not yet passed and shows the keys', async () => {
    const screen = await term.waitFor(/Keys: h hint · l list · n next exercise · r grade now · q quit/);
    expect(screen).toMatch(/○ 01-runners {2}not started: edit exercises\/01-runners\/runners\.py/);
    expect(screen).toMatch(/Watching exercises\/01-runners\/runners\.py \(01-runners\)/);
  });

  it('grades the file again when it is saved, and moves on when it passes', async () => {
    save(kit.exercise('01-runners', 'runners.py'), readFileSync(kit.exercise('01-runners', '.meta', 'solution.py'), 'utf8'));
    const screen = await term.waitFor(/01-runners passes! Moving on to 02-coroutines\.[\s\S]*Watching exercises\/02-coroutines/);
    expect(screen).toMatch(/✓ 01-runners {2}Runners.* 10\/10/);
  });

  it('l lists the course with the progress, h shows a hint for the current exercise', async () => {
    await term.keys('l');
    await term.waitFor(new RegExp(`✓ 01-runners +10/10 .* done[\\s\\S]*1 of ${COURSE.length} exercises done · 10/${POINTS} points`));
    await term.keys('h');
    await term.waitFor(/02-coroutines, task 1: .*\(hint 1 of \d\)/);
  });

  it('a save in the middle of a run cancels it: its Python processes are gone and its verdict never shows', async () => {
    const file = kit.exercise('02-coroutines', 'coroutines.py');
    const solution = readFileSync(kit.exercise('02-coroutines', '.meta', 'solution.py'), 'utf8');
    // Importing this version hangs until the grader stops it (after the probe's deadline, 5 s or more).
    save(file, `import time\ntime.sleep(60)\n${solution}`);
    let stale: number[] = [];
    const until = Date.now() + 30_000;
    while (stale.length === 0 && Date.now() < until) {
      stale = await processesMatching(harness());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stale.length, await term.screen()).toBeGreaterThan(0);
    const seenAt = Date.now();
    save(file, solution);
    await term.waitFor(/changed while it was being graded; grading the new version/);
    while (stale.some(alive) && Date.now() - seenAt < 20_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stale.filter(alive)).toEqual([]);
    // Gone well before the run's own deadline would have stopped it.
    expect(Date.now() - seenAt).toBeLessThan(4500);
    const screen = await term.waitFor(/02-coroutines passes! Moving on to 03-gather\./);
    expect(screen).not.toMatch(/still running after/);
    expect(count(screen, /Score 9\/9/)).toBe(1);
  });

  it('n goes to the next exercise, r grades it again, q quits leaving no Python behind', async () => {
    await term.waitFor(/Watching exercises\/03-gather/);
    await term.keys('n');
    await term.waitFor(/grading 04-threads[\s\S]*Watching exercises\/04-threads\/threads\.py/);
    const before = count(await term.screen(), /grading 04-threads/);
    await term.keys('r');
    await term.waitFor(new RegExp(`(grading 04-threads[\\s\\S]*){${before + 1}}`));
    await term.keys('q');
    await term.waitFor(/EXITED-0/);
    expect(await processesMatching(harness())).toEqual([]);
  });
});

describe.runIf(tmuxPath)('watch --manual in a real terminal', () => {
  let kit: TempKit;
  let term: Terminal;
  beforeAll(async () => {
    kit = makeTempKit();
    term = await start(kit, ['03', '--watch', '--manual']);
  });
  afterAll(async () => {
    await term?.kill();
    kit?.remove();
  });

  it('grades only when r is pressed', async () => {
    await term.waitFor(/\(manual: press r after saving\)/);
    expect(count(await term.screen(), /grading 03-gather/)).toBe(1);
    copyFileSync(kit.exercise('03-gather', '.meta', 'mistakes', 'sequential-loop.py'), kit.exercise('03-gather', 'gather.py'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(count(await term.screen(), /grading 03-gather/)).toBe(1);
    await term.keys('r');
    const screen = await term.waitFor(/✗ 2\. fetch_all fetches every item at once[\s\S]*Timeline: 5 calls of fetch_item, one at a time/);
    expect(count(screen, /grading 03-gather/)).toBe(2);
    await term.keys('q');
    await term.waitFor(/EXITED-0/);
  });
});

describe.runIf(tmuxPath)('reset asks on a real terminal', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit?.remove());

  it('N (or Enter) keeps the file; y resets it and names the backup', async () => {
    const file = kit.exercise('03-gather', 'gather.py');
    writeFileSync(file, '# mine\n');
    const no = await start(kit, ['reset', '03']);
    try {
      await no.waitFor(/Put exercises\/03-gather\/gather\.py back as shipped\? Your version will be kept as exercises\/03-gather\/gather\.backup-[\dT-]+\.py\. \[y\/N\]/);
      await no.keys('n', 'Enter');
      await no.waitFor(/Nothing was changed\.[\s\S]*EXITED-0/);
    } finally {
      await no.kill();
    }
    expect(readFileSync(file, 'utf8')).toBe('# mine\n');
    const yes = await start(kit, ['reset', 'gather']);
    try {
      await yes.waitFor(/\[y\/N\]/);
      await yes.keys('y', 'Enter');
      await yes.waitFor(/is back as shipped\. Your version is kept in exercises\/03-gather\/gather\.backup-[\dT-]+\.py\.[\s\S]*EXITED-0/);
    } finally {
      await yes.kill();
    }
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(kit.exercise('03-gather', '.meta', 'stub.py'), 'utf8'));
  });
});

// Only when the tool is missing: a visible skip in the report, rather than a silent pass.
if (!tmuxPath) describe('watch mode in a real terminal', () => {
  it.skip('SKIPPED: tmux is not installed (apt-get install -y tmux)', () => {});
});
