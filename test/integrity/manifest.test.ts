// Tamper evidence: the committed manifest matches the grader, a change is found and reported everywhere,
// and grading still works with a modified grader.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildManifest,
  checkIntegrity,
  differences,
  guardedFiles,
  MANIFEST_NAME,
  readManifest,
} from '../../grader/integrity/manifest.js';
import * as say from '../../grader/messages.js';
import { kitRoot } from '../../grader/paths.js';
import type { RunResults } from '../../grader/results/types.js';
import { testPython } from '../helpers/python.js';

const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-manifest-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function fakeKit(name: string): string {
  const root = path.join(work, name);
  const files: Record<string, string> = {
    'bin/asyncio-lab.js': 'main()\n',
    'grader/engine/grade.ts': 'export const x = 1;\n',
    'grader/python/harness.py': 'print(1)\n',
    'exercises/registry.ts': 'export const registry = [];\n',
    'exercises/01-a/exercise.json': '{}\n',
    'exercises/01-a/grader/checks.ts': 'export default {};\n',
    'exercises/01-a/a.py': '# the learner file: not guarded\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  writeFileSync(path.join(root, MANIFEST_NAME), JSON.stringify(buildManifest(root)));
  return root;
}

describe('the committed manifest', () => {
  it('matches the grader and exercise graders as they are now', () => {
    const manifest = readManifest(kitRoot);
    expect(manifest, `${MANIFEST_NAME} is missing. Run \`${say.MANIFEST_COMMAND}\` and commit it.`).not.toBeNull();
    const changed = manifest ? differences(kitRoot, manifest) : [];
    expect(changed, say.manifestStale(changed)).toEqual([]);
  });
});

describe('checkIntegrity', () => {
  it('is intact as made, and ignores learner files and line endings', () => {
    const root = fakeKit('clean');
    writeFileSync(path.join(root, 'exercises/01-a/a.py'), 'async def f(): pass\n');
    writeFileSync(path.join(root, 'grader/engine/grade.ts'), 'export const x = 1;\r\n');
    expect(checkIntegrity(root)).toEqual({ status: 'intact', files: [] });
  });

  it('names a changed, an added and a removed file', () => {
    const root = fakeKit('tampered');
    writeFileSync(path.join(root, 'exercises/01-a/grader/checks.ts'), 'export default { pass: true };\n');
    writeFileSync(path.join(root, 'grader/engine/extra.ts'), '\n');
    rmSync(path.join(root, 'grader/python/harness.py'));
    expect(checkIntegrity(root)).toEqual({
      status: 'modified',
      files: ['exercises/01-a/grader/checks.ts', 'grader/engine/extra.ts', 'grader/python/harness.py'],
    });
  });

  it("leaves the teacher's grading policy out: changing the minimum score is no modified grader", () => {
    const root = fakeKit('policy');
    writeFileSync(path.join(root, 'grading-policy.json'), '{ "minScore": null }\n');
    writeFileSync(path.join(root, MANIFEST_NAME), JSON.stringify(buildManifest(root)));
    writeFileSync(path.join(root, 'grading-policy.json'), '{ "minScore": 30 }\n');
    expect(checkIntegrity(root)).toEqual({ status: 'intact', files: [] });
    expect(guardedFiles(kitRoot)).not.toContain('grading-policy.json');
    expect(guardedFiles(kitRoot)).toContain('.github/workflows/grade.yml');
  });

  it('is unchecked without a manifest, and modified with a damaged one', () => {
    const root = fakeKit('no-manifest');
    rmSync(path.join(root, MANIFEST_NAME));
    expect(checkIntegrity(root).status).toBe('unchecked');
    writeFileSync(path.join(root, MANIFEST_NAME), '{ not json');
    expect(checkIntegrity(root)).toEqual({ status: 'modified', files: [MANIFEST_NAME] });
  });
});

describe('a graded run with a modified grader', () => {
  it('still grades, and reports it in the terminal, the results JSON and at the top of the job summary', async () => {
    // A copy of the kit (sources, build and manifest) whose grader a learner edited.
    const kit = path.join(work, 'kit');
    for (const part of [
      'bin',
      'grader',
      'exercises',
      'scripts',
      'dist',
      'package.json',
      'tsconfig.json',
      'tsconfig.build.json',
      MANIFEST_NAME,
      '.github',
    ]) {
      cpSync(path.join(kitRoot, part), path.join(kit, part), { recursive: true });
    }
    symlinkSync(path.join(kitRoot, 'node_modules'), path.join(kit, 'node_modules'), 'junction');
    // The copy as shipped: its manifest made fresh, so the learner's edit below is the only difference.
    writeFileSync(path.join(kit, MANIFEST_NAME), JSON.stringify(buildManifest(kit)));
    const edited = path.join(kit, 'grader', 'engine', 'grade.ts');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n// everything passes now\n`);
    const summary = path.join(work, 'summary.md');
    writeFileSync(summary, '');
    writeFileSync(path.join(work, 'out.txt'), '');
    const python = await testPython();
    const json = path.join(work, 'results.json');
    const solution = path.join(kit, 'exercises', '01-runners', '.meta', 'solution.py');
    const run = await execa(
      process.execPath,
      [path.join(kit, 'bin', 'asyncio-lab.js'), '01', '--file', solution, '--json', json],
      {
        cwd: kit,
        env: {
          PYTHON: python.executable,
          NO_COLOR: '1',
          GITHUB_ACTIONS: 'true',
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_OUTPUT: path.join(work, 'out.txt'),
        },
        reject: false,
      },
    );
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(String(run.stdout)).toMatch(
      /^! The grader's own files differ from the kit as shipped \(.*grader\/engine\/grade\.ts/m,
    );
    const results = JSON.parse(readFileSync(json, 'utf8')) as RunResults;
    expect(results.integrity?.status).toBe('modified');
    expect(results.integrity?.files).toEqual(['grader/engine/grade.ts']);
    const top = readFileSync(summary, 'utf8').split('\n').slice(0, 2).join('\n');
    expect(top).toMatch(/^> \[!WARNING\]\n> The grader's own files differ .*grader\/engine\/grade\.ts/);
  });
});
