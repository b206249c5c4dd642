// `npm run new-exercise -- NN-name` on a temporary copy of the kit: it scaffolds a folder, its registry line and its
// course test; the maintainer check refuses the scaffold until its FILL IN marks are written, then accepts it; and the
// scaffold's stub fails its check (as a fail, not an error) while its solution passes and its mistake is caught.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXERCISE_NAME, PLACEHOLDER, withRegistryLine } from '../../grader/maintainer/scaffold.js';
import { testPython } from '../helpers/python.js';
import { makeTempKit, type TempKit } from '../helpers/temp-kit.js';
import type { RunResults } from '../../grader/results/types.js';

const NAME = '07-sleepy-doubles';

describe('npm run new-exercise', () => {
  let kit: TempKit;
  const npm = (args: string[]) =>
    execa('npm', args, { cwd: kit.root, reject: false, env: { NO_COLOR: '1', npm_config_update_notifier: 'false' } });
  const node = async (args: string[]) =>
    execa(process.execPath, args, {
      cwd: kit.root,
      reject: false,
      env: { NO_COLOR: '1', PYTHON: (await testPython()).executable },
    });
  beforeAll(() => {
    kit = makeTempKit({ sources: true });
  });
  afterAll(() => kit.remove());

  it('scaffolds the folder, its line in the registry (in course order) and its course test', async () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(kit.root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts['new-exercise']).toBe('npm run build && node dist/scripts/new-exercise.js');
    // The copy's dist/ is already built: run the script itself (npm run check-course below builds the copy once).
    const run = await node(['dist/scripts/new-exercise.js', NAME]);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Scaffolded ${NAME}:`));
    const dir = kit.exercise(NAME);
    expect(readdirSync(dir).sort()).toEqual([
      '.meta',
      'README.md',
      'exercise.json',
      'grader',
      'hints.md',
      'sleepy_doubles.py',
    ]);
    expect(readFileSync(path.join(dir, 'sleepy_doubles.py'), 'utf8')).toBe(
      readFileSync(path.join(dir, '.meta', 'stub.py'), 'utf8'),
    );
    expect(existsSync(path.join(kit.root, 'test', 'course', `${NAME}.test.ts`))).toBe(true);
    const registry = readFileSync(path.join(kit.root, 'exercises', 'registry.ts'), 'utf8');
    const ids = [...registry.matchAll(/\{ id: '([^']+)'/g)].map((m) => m[1]);
    expect(ids).toContain(NAME);
    expect(ids).toEqual([...ids].sort());
  });

  it('refuses a second scaffold of the same name, and a name that is not NN-name', async () => {
    const again = await node(['dist/scripts/new-exercise.js', NAME]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const bad = await node(['dist/scripts/new-exercise.js', 'Sleepy']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/Example: npm run new-exercise -- 05-api-calls/);
  });

  it('the maintainer check refuses the scaffold until every FILL IN is written, then accepts it', async () => {
    const unfinished = await npm(['run', 'check-course']);
    expect(unfinished.exitCode, `${unfinished.stdout}\n${unfinished.stderr}`).toBe(1);
    expect(unfinished.stdout).toMatch(
      new RegExp(`${NAME} still has the scaffold's "${PLACEHOLDER}" marks, at .*exercises/${NAME}/README\\.md:\\d+`),
    );
    expect(unfinished.stdout).toMatch(new RegExp(`exercises/${NAME}/hints\\.md:\\d+`));
    expect(unfinished.stdout).toMatch(new RegExp(`exercises/${NAME}/exercise\\.json:\\d+`));
    // The author fills them in.
    for (const file of [
      'README.md',
      'hints.md',
      'exercise.json',
      'sleepy_doubles.py',
      '.meta/stub.py',
      'grader/checks.ts',
    ]) {
      const full = kit.exercise(NAME, file);
      writeFileSync(
        full,
        readFileSync(full, 'utf8').replaceAll(`${PLACEHOLDER}:`, 'Written:').replaceAll(PLACEHOLDER, 'Written'),
      );
    }
    const finished = await node(['dist/scripts/check-course.js']);
    expect(finished.stdout, finished.stderr).toMatch(/The course is consistent/);
    expect(finished.exitCode).toBe(0);
    // Each step builds the kit with tsc: minutes, not seconds, on a machine busy with other work.
  }, 300_000);

  it('its stub fails its check as a fail, not an error; its solution passes; its mistake is caught', async () => {
    const grade = async (file: string): Promise<RunResults> => {
      const json = path.join(kit.root, `${path.basename(file)}.json`);
      await node(['bin/asyncio-lab.js', NAME.slice(0, 2), '--file', file, '--json', json]);
      return JSON.parse(readFileSync(json, 'utf8')) as RunResults;
    };
    // A comment makes the stub count as started, so it is graded for real.
    const started = path.join(kit.root, 'started.py');
    copyFileSync(kit.exercise(NAME, '.meta', 'stub.py'), started);
    writeFileSync(started, `${readFileSync(started, 'utf8')}# started\n`);
    const stub = (await grade(started)).exercises[0];
    expect(stub?.started).toBe(true);
    expect(stub?.checks.map((c) => c.status)).toEqual(['fail']);
    const solution = (await grade(kit.exercise(NAME, '.meta', 'solution.py'))).exercises[0];
    expect(solution?.status, JSON.stringify(solution?.checks)).toBe('pass');
    const mistake = (await grade(kit.exercise(NAME, '.meta', 'mistakes', 'not-doubled.py'))).exercises[0];
    expect(mistake?.checks.map((c) => [c.id, c.status])).toEqual([['returns-double', 'fail']]);
  });
});

describe('the scaffold, without running it', () => {
  it('accepts NN-name only', () => {
    expect(EXERCISE_NAME.test('05-api-calls')).toBe(true);
    for (const bad of ['5-api', 'api-calls', '05_api', '05-Api', '05-', '05-api--calls'])
      expect(EXERCISE_NAME.test(bad), bad).toBe(false);
  });

  it('puts the registry line in course order', () => {
    const registry = "export const registry = [\n  { id: '01-a', load: x },\n  { id: '03-c', load: x },\n];\n";
    expect(withRegistryLine(registry, '02-b')).toMatch(/'01-a'[\s\S]*'02-b'[\s\S]*'03-c'/);
    expect(withRegistryLine(registry, '04-d')).toMatch(/'03-c'[\s\S]*'04-d'[\s\S]*\n\];/);
  });
});
