// The options for reporters, Gradescope and bulk grading, parsed without running anything.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArgv } from '../../grader/cli/argv.js';
import { wantsGithub } from '../../grader/reporters/github-choice.js';

describe('buildArgv: reporters and bulk', () => {
  it('reads --reporter, --format and --json', async () => {
    expect(await buildArgv(['01', '--reporter', 'github'])).toMatchObject({
      kind: 'grade',
      exercises: ['01'],
      reporter: 'github',
    });
    expect(await buildArgv(['--format', 'gradescope', '--json', 'r.json'])).toMatchObject({
      format: 'gradescope',
      json: path.resolve('r.json'),
    });
  });

  it('rejects an unknown reporter and a Gradescope format with nowhere to write', async () => {
    await expect(buildArgv(['--reporter', 'slack'])).rejects.toThrow(
      /^--reporter takes terminal or github, not "slack"\.\nExample: npm run grade -- --reporter github/,
    );
    await expect(buildArgv(['--format', 'gradescope'])).rejects.toThrow(
      /--format gradescope writes a file: say where with --json\.\nExample:/,
    );
  });

  it('reads --submissions with --out and --jobs, and rejects what does not go with it', async () => {
    expect(await buildArgv(['--submissions', 'class', '--out', 'grades', '--jobs', '3'])).toMatchObject({
      submissions: path.resolve('class'),
      out: path.resolve('grades'),
      jobs: 3,
    });
    await expect(buildArgv(['01', '--submissions', 'class', '--file', 'x.py'])).rejects.toThrow(
      /leave out --file, --json and --format/,
    );
    await expect(buildArgv(['--jobs', '2'])).rejects.toThrow(/--out, --jobs and --shard go with --submissions/);
    await expect(buildArgv(['--submissions', 'class', '--jobs', '0'])).rejects.toThrow(/--jobs takes a whole number/);
  });
});

describe('wantsGithub', () => {
  it('follows --reporter, else GITHUB_ACTIONS', () => {
    expect(wantsGithub(undefined, { GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(wantsGithub(undefined, {})).toBe(false);
    expect(wantsGithub('terminal', { GITHUB_ACTIONS: 'true' })).toBe(false);
    expect(wantsGithub('github', {})).toBe(true);
  });
});
