// The learner's loop outside watch mode, on a temporary copy of the kit: reset (after asking, keeping a backup),
// progressive hints remembered per learner, the solution only after a pass, and list with a progress bar.
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askYesNo } from '../../grader/cli/ask.js';
import { parseHeader } from '../../grader/maintainer/corpus.js';
import { runKitCli, runKitCommand } from '../helpers/kit-process.js';
import { course, hintCount, maxPoints, pointsWithout, progressPattern } from '../helpers/course-size.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';

const BACKUP = /^gather\.backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d+)?\.py$/;

describe('reset', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());
  const gather = (): string => kit.exercise('03-gather', 'gather.py');
  const stub = (): string => readFileSync(kit.exercise('03-gather', '.meta', 'stub.py'), 'utf8');
  const backups = (): string[] =>
    readdirSync(kit.exercise('03-gather'))
      .filter((f) => BACKUP.test(f))
      .sort();

  it('without a terminal to ask in, refuses without --yes and changes nothing', async () => {
    writeFileSync(gather(), '# my work 0\n');
    const run = await runKitCommand(kit, 'reset', { kind: 'reset', exercise: '03' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/no terminal to ask in\. Add --yes[\s\S]*Example: npm run grade -- reset 03 --yes/);
    expect(readFileSync(gather(), 'utf8')).toBe('# my work 0\n');
    expect(backups()).toEqual([]);
  });

  it('with --yes puts the stub back and keeps the learner version as a timestamped backup next to it', async () => {
    writeFileSync(gather(), '# my work 1\n');
    const run = await runKitCommand(kit, 'reset', { kind: 'reset', exercise: '03', yes: true });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(readFileSync(gather(), 'utf8')).toBe(stub());
    expect(backups()).toHaveLength(1);
    const [backup] = backups();
    expect(readFileSync(kit.exercise('03-gather', backup!), 'utf8')).toBe('# my work 1\n');
    expect(run.stdout).toContain(
      `exercises/03-gather/gather.py is back as shipped. Your version is kept in exercises/03-gather/${backup}.`,
    );
  });

  it('never overwrites an earlier backup, even within the same second', async () => {
    writeFileSync(gather(), '# my work 2\n');
    await runKitCommand(kit, 'reset', { kind: 'reset', exercise: 'gather', yes: true });
    writeFileSync(gather(), '# my work 3\n');
    await runKitCommand(kit, 'reset', { kind: 'reset', exercise: '03-gather', yes: true });
    const contents = backups().map((f) => readFileSync(kit.exercise('03-gather', f), 'utf8'));
    expect(contents.sort()).toEqual(['# my work 1\n', '# my work 2\n', '# my work 3\n']);
  });

  it('says so, and makes no backup, when the file is already as shipped; brings back a deleted file', async () => {
    const before = backups().length;
    const run = await runKitCommand(kit, 'reset', { kind: 'reset', exercise: '03' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/gather\.py is already as shipped; nothing to reset\./);
    expect(backups()).toHaveLength(before);
    rmSync(gather());
    const restored = await runKitCommand(kit, 'reset', { kind: 'reset', exercise: '03' });
    expect(restored.stdout).toMatch(/gather\.py was missing; it is back as shipped\./);
    expect(readFileSync(gather(), 'utf8')).toBe(stub());
    expect(backups()).toHaveLength(before);
  });

  it('--all resets every exercise the learner changed, each with its own backup', async () => {
    writeFileSync(kit.exercise('01-runners', 'runners.py'), '# runners work\n');
    writeFileSync(gather(), '# gather work\n');
    const run = await runKitCommand(kit, 'reset', { kind: 'reset', all: true, yes: true });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.match(/is back as shipped/g)).toHaveLength(2);
    expect(run.stdout.match(/already as shipped/g)).toHaveLength(course.length - 2);
    expect(readdirSync(kit.exercise('01-runners')).some((f) => /^runners\.backup-.*\.py$/.test(f))).toBe(true);
  });

  it('keeps backups out of git: a learner committing their work never commits a backup', async () => {
    await execa('git', ['init', '-q'], { cwd: kit.root });
    writeFileSync(gather(), '# my work for git\n');
    const run = await runKitCli(kit, ['reset', '03', '--yes']);
    expect(run.exitCode, run.stderr).toBe(0);
    const backup = /Your version is kept in (\S+\.py)\./.exec(run.stdout)?.[1];
    expect(backup && existsSync(`${kit.root}/${backup}`), run.stdout).toBe(true);
    const status = await execa('git', ['status', '--porcelain', '--untracked-files=all', 'exercises/03-gather'], {
      cwd: kit.root,
    });
    expect(status.stdout).toMatch(/gather\.py/);
    expect(status.stdout).not.toMatch(/backup/);
  });

  it('without an exercise or --all is a usage error with an example', async () => {
    const run = await runKitCommand(kit, 'reset', { kind: 'reset' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/Example: npm run grade -- reset 03/);
  });

  it('asks y/N: only "y" or "yes" is yes; Enter or anything else is no', async () => {
    const answer = async (typed: string): Promise<boolean> => {
      const input = new PassThrough();
      const output = new PassThrough();
      const pending = askYesNo('Reset? [y/N] ', input, output);
      input.end(typed);
      return pending;
    };
    expect(await answer('y\n')).toBe(true);
    expect(await answer('YES\n')).toBe(true);
    expect(await answer('\n')).toBe(false);
    expect(await answer('n\n')).toBe(false);
    expect(await answer('sure\n')).toBe(false);
    expect(await answer('')).toBe(false);
  });
});

describe('hint, solution and list follow the last grade', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());
  const gather = (): string => kit.exercise('03-gather', 'gather.py');
  const hint = (task?: string) =>
    runKitCommand(kit, 'hint', { kind: 'hint', exercise: '03', ...(task ? { task } : {}) });
  const SOLUTION_LINE = 'return await asyncio.gather(*fetches)';
  // What the sequential-loop mistake scores: every check but the ones it is labelled to fail.
  const sequentialFile = (): string => kit.exercise('03-gather', '.meta', 'mistakes', 'sequential-loop.py');
  let sequential = 0;
  beforeAll(() => {
    sequential = pointsWithout('03-gather', parseHeader(readFileSync(sequentialFile(), 'utf8')).caughtBy);
  });

  it('before any grade: hint shows task 1 one hint at a time, remembering what was read', async () => {
    const first = await hint();
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /03-gather is not started yet \(its file is still the stub as shipped\), so this is task 1/,
    );
    expect(first.stdout).toMatch(new RegExp(`03-gather, task 1: .* \\(hint 1 of ${hintCount('03-gather', 1)}\\)`));
    expect(first.stdout).toMatch(/^1\. Two functions here/m);
    expect(first.stdout).not.toMatch(/^2\. /m);
    const second = await hint();
    expect(second.stdout).toMatch(new RegExp(`\\(hint 2 of ${hintCount('03-gather', 1)}\\)`));
    expect(second.stdout).toMatch(/^1\. Two functions here[\s\S]*^2\. In `factorial`, keep a running/m);
    const seen = JSON.parse(readFileSync(`${kit.root}/.asyncio-lab/hints-seen.json`, 'utf8')) as unknown;
    expect(seen).toEqual({ '03-gather': { '1': 2 } });
  });

  it('the solution stays locked while the exercise has not passed', async () => {
    const run = await runKitCommand(kit, 'solution', { kind: 'solution', exercise: '03' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/opens once every check of it passes \(it has not been graded yet\)/);
    expect(run.stdout + run.stderr).not.toContain(SOLUTION_LINE);
  });

  it('after a grade with task 2 failing: hint goes to task 2, a chosen task on request, and the solution stays locked', async () => {
    copyFileSync(sequentialFile(), gather());
    const graded = await runKitCli(kit, ['03']);
    expect(graded.exitCode, graded.stdout + graded.stderr).toBe(1);
    const auto = await hint();
    expect(auto.stdout).toMatch(/Task 2 is the first task of 03-gather with a failing check/);
    expect(auto.stdout).toMatch(
      new RegExp(
        `03-gather, task 2: A comprehension unpacked into gather \\(hint 1 of ${hintCount('03-gather', 2)}\\)`,
      ),
    );
    const chosen = await hint('4');
    expect(chosen.stdout).toMatch(/03-gather, task 4: .*\(hint 1 of \d\)/);
    const locked = await runKitCommand(kit, 'solution', { kind: 'solution', exercise: '03' });
    expect(locked.exitCode).toBe(1);
    expect(locked.stderr).toMatch(`your last grade was ${sequential}/${maxPoints('03-gather')}`);
    expect(locked.stdout).not.toContain(SOLUTION_LINE);
    const listed = await runKitCommand(kit, 'list', {}, 'list');
    expect(listed.stdout).toMatch(new RegExp(`✗ 03-gather +${sequential}/${maxPoints('03-gather')} .* in progress`));
  });

  it('says when the last hint of a task was read, and shows them all from then on', async () => {
    let last = await hint('2');
    const count = hintCount('03-gather', 2);
    for (let i = 0; i < count + 1 && !/That was the last hint/.test(last.stdout); i++) last = await hint('2');
    expect(last.stdout).toMatch(`(hint ${count} of ${count})`);
    expect(last.stdout).toMatch(/That was the last hint for task 2/);
    expect(last.stdout.match(/^\d\. /gm)).toHaveLength(count);
  });

  it('after the exercise passes: the solution is shown, and list shows it done with the progress bar', async () => {
    copyFileSync(kit.exercise('03-gather', '.meta', 'solution.py'), gather());
    const graded = await runKitCli(kit, ['03']);
    expect(graded.exitCode, graded.stdout + graded.stderr).toBe(0);
    const shown = await runKitCommand(kit, 'solution', { kind: 'solution', exercise: '03' });
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Reference solution of 03-gather/);
    expect(shown.stdout).toContain(SOLUTION_LINE);
    const listed = await runKitCommand(kit, 'list', {}, 'list');
    expect(listed.stdout).toMatch(
      new RegExp(`✓ 03-gather +${maxPoints('03-gather')}/${maxPoints('03-gather')} .* done`),
    );
    expect(listed.stdout).toMatch(new RegExp(`○ 01-runners +0/${maxPoints('01-runners')} .* not started`));
    expect(listed.stdout).toMatch(progressPattern(1, maxPoints('03-gather')));
  });

  it('list says "changed since last graded" once the file is saved again', async () => {
    writeFileSync(gather(), `${readFileSync(gather(), 'utf8')}\n# edited\n`);
    const listed = await runKitCommand(kit, 'list', {}, 'list');
    expect(listed.stdout).toMatch(
      new RegExp(`… 03-gather +${maxPoints('03-gather')}/${maxPoints('03-gather')} .* changed since last graded`),
    );
    expect(existsSync(`${kit.root}/.asyncio-lab/results.json`)).toBe(true);
  });
});

describe('the learner loop on the command line', () => {
  let kit: TempKit;
  beforeAll(() => {
    kit = makeTempKit();
  });
  afterAll(() => kit.remove());

  it('reset, solution and list are commands of the CLI', async () => {
    writeFileSync(kit.exercise('02-coroutines', 'coroutines.py'), '# mine\n');
    const reset = await runKitCli(kit, ['reset', '02', '--yes']);
    expect(reset.exitCode, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(
      /coroutines\.py is back as shipped\. Your version is kept in exercises\/02-coroutines\/coroutines\.backup-/,
    );
    const both = await runKitCli(kit, ['reset', '02', '--all']);
    expect(both.exitCode).toBe(2);
    const solution = await runKitCli(kit, ['solution', '02']);
    expect(solution.exitCode).toBe(1);
    expect(solution.stderr).toMatch(/opens once every check of it passes/);
    const listed = await runKitCli(kit, ['list']);
    expect(listed.stdout).toMatch(progressPattern(0, 0));
  });

  it('--html writes the page and says where; --watch and --manual reject what they cannot do', async () => {
    const html = await runKitCli(kit, ['01', '--html', 'out/report.html']);
    expect(html.stdout).toMatch(/^HTML report: out\/report\.html$/m);
    expect(readFileSync(`${kit.root}/out/report.html`, 'utf8')).toMatch(
      /<section class="exercise not-started" data-exercise="01-runners"/,
    );
    const watchFile = await runKitCli(kit, ['03', '--watch', '--file', 'x.py']);
    expect(watchFile.exitCode).toBe(2);
    expect(watchFile.stderr).toMatch(/Example: npm run grade -- 03 --watch/);
    const manual = await runKitCli(kit, ['--manual']);
    expect(manual.exitCode).toBe(2);
    expect(manual.stderr).toMatch(/--manual goes with --watch/);
  });

  it('npm run watch runs the watch command', () => {
    const scripts = (
      JSON.parse(readFileSync(`${kit.root}/package.json`, 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.watch).toBe('node bin/asyncio-lab.js watch');
  });
});
