// The command line as one typed table: every option has its help, its example and its commands in one row, paths are
// resolved from where the command was typed, and the table's own rules (shards, merge) hold.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArgv, COMMANDS, OPTIONS } from '../../grader/cli/argv.js';
import { invocationDir, kitRoot } from '../../grader/paths.js';
import { runCliProcess } from '../helpers/cli-process.js';

describe('the options table', () => {
  it('gives every option a help text, an example that uses it, and at least one command', () => {
    for (const [name, spec] of Object.entries(OPTIONS)) {
      expect(spec.description.length, name).toBeGreaterThan(10);
      expect(spec.example, name).toMatch(new RegExp(`--(no-)?${name}\\b`));
      expect(spec.commands.length, name).toBeGreaterThan(0);
      for (const command of spec.commands) expect(Object.keys(COMMANDS), name).toContain(command);
    }
  });

  it('lists each option once in the help of the grade command', async () => {
    const help = await runCliProcess(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout.match(/^\s+--watch\b/gm)).toHaveLength(1);
    expect(help.stdout).toMatch(/^\s+--shard\b/m);
    expect(help.stdout).toMatch(/merge <shards\.\.>/);
  });
});

describe('paths on the command line', () => {
  it('are resolved from the folder the command was typed in, and --python only when it is a path', async () => {
    const typedIn = path.join(kitRoot, 'exercises', '01-runners');
    const command = await buildArgv(
      ['01', '--file', 'runners.py', '--json', 'here.json', '--html', '../r.html', '--python', 'python3'],
      { cwd: typedIn },
    );
    expect(command).toMatchObject({
      kind: 'grade',
      file: path.join(typedIn, 'runners.py'),
      json: path.join(typedIn, 'here.json'),
      html: path.join(kitRoot, 'exercises', 'r.html'),
      python: 'python3',
    });
    expect(await buildArgv(['--python', './venv/bin/python'], { cwd: typedIn })).toMatchObject({
      python: path.join(typedIn, 'venv', 'bin', 'python'),
    });
  });

  it("take npm's INIT_CWD only when npm started this process in the kit's root", () => {
    const env = { INIT_CWD: '/home/ada/kit/exercises', npm_lifecycle_event: 'grade' };
    expect(invocationDir(env, kitRoot)).toBe('/home/ada/kit/exercises');
    expect(invocationDir({ INIT_CWD: '/elsewhere' }, kitRoot)).toBe(kitRoot);
    expect(invocationDir(env, '/tmp/somewhere')).toBe('/tmp/somewhere');
  });
});

describe('--shard and merge', () => {
  it('reads K/N with --submissions, and refuses what is not a slice', async () => {
    expect(await buildArgv(['--submissions', 'class', '--shard', '2/3'])).toMatchObject({
      shard: { index: 2, count: 3 },
    });
    await expect(buildArgv(['--submissions', 'class', '--shard', '4/3'])).rejects.toThrow(
      /--shard takes K\/N: slice K of N, with K from 1 to N \(got "4\/3"\)/,
    );
    await expect(buildArgv(['--submissions', 'class', '--shard', '0/3'])).rejects.toThrow(/--shard takes K\/N/);
    await expect(buildArgv(['--shard', '1/2'])).rejects.toThrow(/go with --submissions/);
  });

  it('merge takes folders and --out, resolved from where it was typed', async () => {
    expect(await buildArgv(['merge', 'a', 'b', '--out', 'all'], { cwd: '/tmp/t' })).toEqual({
      kind: 'merge',
      shards: ['/tmp/t/a', '/tmp/t/b'],
      out: '/tmp/t/all',
    });
    expect(await buildArgv(['merge', 'shards'], { cwd: '/tmp/t' })).toEqual({
      kind: 'merge',
      shards: ['/tmp/t/shards'],
      out: '/tmp/t/grades',
    });
    await expect(buildArgv(['merge'])).rejects.toThrow(
      /merge needs the slices' output folders\.\nExample: npm run grade -- merge /,
    );
  });
});

describe('the options kept from before the table', () => {
  it('watch, reset, hint and solution parse as they did', async () => {
    expect(await buildArgv(['03', '--watch', '--manual', '--seed', '7'])).toEqual({
      kind: 'watch',
      exercise: '03',
      manual: true,
      seed: 7,
    });
    expect(await buildArgv(['watch', '02', '--manual'])).toEqual({ kind: 'watch', exercise: '02', manual: true });
    expect(await buildArgv(['reset', '--all', '--yes'])).toEqual({ kind: 'reset', all: true, yes: true });
    await expect(buildArgv(['reset', '03', '--all'])).rejects.toThrow(/Name one exercise or use --all, not both/);
    expect(await buildArgv(['hint', '01', '2'])).toEqual({ kind: 'hint', exercise: '01', task: '2' });
    expect(await buildArgv(['solution', '01'])).toEqual({ kind: 'solution', exercise: '01' });
    expect(await buildArgv(['list'])).toEqual({ kind: 'list' });
    await expect(buildArgv(['--manual'])).rejects.toThrow(/--manual goes with --watch/);
    await expect(buildArgv(['01', '02', '--watch'])).rejects.toThrow(/--watch follows one exercise at a time/);
    await expect(buildArgv(['--seed', '-1'])).rejects.toThrow(/--seed takes a whole number/);
    await expect(buildArgv(['01', '--json', ''])).rejects.toThrow(
      /--json needs a value\.\nExample: npm run grade -- --json out\/results\.json/,
    );
  });
});
