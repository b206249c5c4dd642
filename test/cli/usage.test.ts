// Usage errors turned into the learner's words, parsed without running anything (the same through the real CLI is in
// test/cli/learner-screen.test.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArgv, OPTIONS } from '../../grader/cli/argv.js';
import { commandOf, explainUsageError } from '../../grader/cli/usage.js';

const OPTION_NAMES = Object.keys(OPTIONS);

describe('buildArgv: hint and repeated options', () => {
  it('hint takes an exercise and a task, both optional', async () => {
    expect(await buildArgv(['hint'])).toEqual({ kind: 'hint' });
    expect(await buildArgv(['hint', '03'])).toEqual({ kind: 'hint', exercise: '03' });
    expect(await buildArgv(['hint', '03', '2'])).toEqual({ kind: 'hint', exercise: '03', task: '2' });
  });

  it('an option given twice keeps its last value', async () => {
    expect(await buildArgv(['01', '--file', 'a.py', '--file', 'b.py'])).toMatchObject({
      kind: 'grade',
      file: path.resolve('b.py'),
    });
  });

  it('every usage error ends with an example to type, never with yargs words', async () => {
    for (const argv of [
      ['solution'],
      ['hint', '1', '2', '3'],
      ['list', 'x'],
      ['--nope'],
      ['watch', '01', '02'],
      ['reset', '--al'],
      ['--format', 'csv'],
    ]) {
      const error = await buildArgv(argv).then(
        () => null,
        (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)),
      );
      expect(error, argv.join(' ')).toMatch(/\nExample: npm run (grade|watch) /);
      expect(error, argv.join(' ')).not.toMatch(/non-option|Unknown argument|Invalid values|Argument:/);
    }
  });
});

describe('explainUsageError', () => {
  it('knows the command from the first word that names one', () => {
    expect(commandOf(['hint', '03'])).toBe('hint');
    expect(commandOf(['--json', 'x', '03'])).toBe('grade');
    expect(commandOf(['--seed', '1', 'reset'])).toBe('reset');
  });

  it('suggests the option meant, or says there is none', () => {
    expect(explainUsageError('Unknown argument: pyhton', ['--pyhton', 'x'], OPTION_NAMES)).toMatch(
      /^There is no option --pyhton; did you mean --python\?\n/,
    );
    expect(explainUsageError('Unknown arguments: zzz', ['--zzz'], OPTION_NAMES)).toMatch(
      /^There is no option --zzz\.\n/,
    );
    expect(explainUsageError('Unknown argument: q', ['-q'], OPTION_NAMES)).toMatch(/^There is no option -q\.\n/);
  });

  it('says what a command takes when it was given too much or too little', () => {
    expect(explainUsageError('Unknown argument: 02', ['watch', '01', '02'], OPTION_NAMES)).toMatch(
      /^watch takes one exercise to start with, so "02" is one word too many\.\nExample: npm run watch /,
    );
    expect(
      explainUsageError('Not enough non-option arguments: got 0, need at least 1', ['solution'], OPTION_NAMES),
    ).toMatch(/^Name the exercise whose reference solution/);
  });

  it('keeps a message it does not know, with an example', () => {
    expect(explainUsageError('Something new', ['list'], OPTION_NAMES)).toBe(
      'Something new\nExample: npm run grade -- list    (all options: npm run grade -- list --help)',
    );
  });
});
