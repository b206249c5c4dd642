// Watch mode in a real terminal (tmux), driven as a learner would on a temporary copy of the kit: one screen redrawn
// in place; a save is graded; a pass stays on screen with the next step until n; h and l show their text in place; a
// save in the middle of a run cancels it, with its Python processes gone; r grades again; q quits leaving no Python.
// The logic behind each of these is tested without a terminal in test/learner/watch-machine.test.ts.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { course, maxPoints, progressPattern } from '../helpers/course-size.js';
import { testPython } from '../helpers/python.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';
import { gradingProcesses, probeProcesses, processWith } from '../helpers/processes.js';
import { alive, openTerminal, tmuxPath, type Terminal } from '../helpers/tmux.js';

const [first = '', second = ''] = course.map((e) => e.meta.id);

// Saves the way many editors do: write a new file, then rename it over the old one.
function save(file: string, text: string): void {
  writeFileSync(`${file}.swp`, text);
  renameSync(`${file}.swp`, file);
}

// The kit's own command line in the temporary copy, as `npm run grade -- ARGS` would run it.
async function start(kit: TempKit, args: string[]): Promise<Terminal> {
  const python = await testPython();
  const line = [process.execPath, kit.bin, ...args].map((a) => `'${a}'`).join(' ');
  return openTerminal(line, { PYTHON: python.executable, NO_COLOR: '1' }, kit.root);
}

// The probes of the second exercise get a deadline of ten minutes in this copy of the kit, so a run that stops soon
// after a save was stopped by the cancel, never by its own deadline.
function lengthenDeadline(kit: TempKit, id: string): void {
  const checks = path.join(kit.root, 'dist', 'exercises', id, 'grader', 'checks.js');
  const text = readFileSync(checks, 'utf8');
  const longer = text.replace(/^const DEADLINE = [\d.]+;$/m, 'const DEADLINE = 600;');
  if (longer === text) throw new Error(`${checks} has no "const DEADLINE = N;" to lengthen`);
  writeFileSync(checks, longer);
}

const seedOf = (screen: string): string | undefined => /· seed (\d+) ·/.exec(screen)?.[1];

describe.runIf(tmuxPath)('watch mode in a real terminal', () => {
  let kit: TempKit;
  let term: Terminal;
  // What the watching grader (the kit's CLI in the terminal) runs learner code in, and its probes alone (its
  // sandbox stays up between saves; a cancelled run's probes must not).
  const cli = (): number | undefined => processWith(kit.bin);
  const graders = (): number[] => {
    const pid = cli();
    return pid === undefined ? [] : gradingProcesses(pid);
  };
  const probes = (): number[] => {
    const pid = cli();
    return pid === undefined ? [] : probeProcesses(pid);
  };
  const file = (id: string): string => {
    const exercise = course.find((e) => e.meta.id === id);
    return kit.exercise(id, exercise?.meta.file ?? '');
  };
  const solution = (id: string): string => readFileSync(kit.exercise(id, '.meta', 'solution.py'), 'utf8');
  beforeAll(async () => {
    kit = makeTempKit();
    lengthenDeadline(kit, second);
    term = await start(kit, ['watch']);
  });
  afterAll(async () => {
    await term?.kill();
    kit?.remove();
  });

  it('draws one screen: the first exercise not passed, the progress bar, what to do and the keys', async () => {
    // The first screen says it is grading; the verdict replaces it.
    const screen = await term.waitForVisible(
      new RegExp(
        `○ ${first} {2}not started: edit exercises/${first}/[\\s\\S]*Keys: h hint · l list · n next exercise · r grade now · q quit`,
      ),
    );
    expect(screen).toMatch(progressPattern(0, 0));
    expect(screen).toMatch(new RegExp(`Current exercise: ${first} · exercises/${first}/\\S+\\.py`));
    expect(screen).toMatch(new RegExp(`Read the lesson, exercises/${first}/README\\.md, then replace the TODOs`));
  });

  it('grades a save, and a pass stays on screen with the next step until n moves on', async () => {
    save(file(first), solution(first));
    const passed = await term.waitForVisible(new RegExp(`${first} passes! Press n to move on to ${second}`));
    expect(passed).toMatch(new RegExp(`✓ ${first} .* ${maxPoints(first)}/${maxPoints(first)}`));
    expect(passed).toMatch(progressPattern(1, maxPoints(first)));
    expect(passed).toMatch(new RegExp(`npm run grade -- solution ${first.split('-')[0]}`));
    // Redrawn in place: the screen before the pass is gone from the terminal, scrollback included.
    expect(await term.screen()).not.toMatch(/not started: edit/);
    await term.keys('n');
    const moved = await term.waitForVisible(
      new RegExp(`Current exercise: ${second}[\\s\\S]*Read the lesson, exercises/${second}/README\\.md`),
    );
    expect(moved).toMatch(new RegExp(`○ ${second} {2}not started`));
  });

  it('h shows the next hint there and then; l shows the list in place', async () => {
    await term.keys('h');
    const hinted = await term.waitForVisible(
      new RegExp(`${second}, task 1: .*\\(hint 1 of \\d\\)[\\s\\S]*more hints? for this task: press h again\\.`),
    );
    expect(hinted).not.toMatch(/npm run grade -- hint/);
    await term.keys('l');
    await term.waitForVisible(new RegExp(`✓ ${first} +${maxPoints(first)}/${maxPoints(first)} .* done\\n○ ${second} `));
  });

  it('a save in the middle of a run cancels it: its Python processes are gone and its verdict never shows', async () => {
    // Importing this version hangs; its deadline is ten minutes away, so only the cancel can stop it.
    save(file(second), `import time\ntime.sleep(600)\n${solution(second)}`);
    let stale: number[] = [];
    for (let tries = 0; stale.length === 0 && tries < 600; tries++) {
      stale = probes();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stale.length, await term.visible()).toBeGreaterThan(0);
    save(file(second), solution(second));
    await term.waitForVisible(/changed while it was being graded; grading the new version|passes!/);
    // Up to three minutes on a loaded machine: far below the ten-minute deadline, so the cancel is what stopped it.
    for (let tries = 0; stale.some(alive) && tries < 1800; tries++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stale.filter(alive), 'the cancelled run is still running').toEqual([]);
    const screen = await term.waitForVisible(new RegExp(`${second} passes! Press n to move on`));
    expect(screen).toMatch(new RegExp(`Score ${maxPoints(second)}/${maxPoints(second)} · every graded check passes`));
    expect(await term.screen()).not.toMatch(/still running after/);
  }, 300_000);

  it('r grades again (a new seed); q quits leaving no Python behind', async () => {
    const before = seedOf(await term.visible());
    expect(before).toBeTruthy();
    await term.keys('r');
    await term.waitForVisible(new RegExp(`· seed (?!${before} )\\d+ ·`));
    await term.keys('q');
    await term.waitFor(/EXITED-0/);
    expect(graders()).toEqual([]);
  });
});

// Only when the tool is missing: a visible skip in the report, rather than a silent pass.
if (!tmuxPath)
  describe('watch mode in a real terminal', () => {
    it.skip('SKIPPED: tmux is not installed (apt-get install -y tmux)', () => {});
  });
