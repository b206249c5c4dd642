// Hostile learner code against the grader, the kit and classmates, through the real CLI on a throwaway kit, at
// every isolation level this machine can give (bubblewrap as root and as an unprivileged user, an unprivileged
// user of its own when the grader is root). Each attack must be contained: the kit and classmates unchanged,
// no secret or solution in any output, nothing raw in the terminal or the Actions log, nothing left running.
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitRoot } from '../../grader/paths.js';
import { chownTree, makeAttackKit, type AttackKit } from '../helpers/attack-kit.js';
import { bwrapPath, isRoot, systemPython } from '../helpers/isolation.js';
import { processWith } from '../helpers/processes.js';
import { testPython } from '../helpers/python.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'attacks');
const NOBODY = 65534;

interface Setting {
  name: string;
  sandbox: 'bwrap' | 'uid';
  // Run the grader itself as this user (an ordinary user rather than root).
  uid?: number;
  python: () => string | undefined | Promise<string | undefined>;
}

const linux = process.platform === 'linux';
const SETTINGS: (Setting & { skip: string | false })[] = [
  {
    name: 'bubblewrap, grader as root',
    sandbox: 'bwrap',
    python: async () => (await testPython()).executable,
    skip: !linux || !bwrapPath() ? 'needs Linux and bubblewrap' : !isRoot() ? 'needs root' : false,
  },
  {
    name: 'bubblewrap, grader as an ordinary user',
    sandbox: 'bwrap',
    uid: NOBODY,
    python: () => systemPython(),
    skip:
      !linux || !bwrapPath()
        ? 'needs Linux and bubblewrap'
        : !isRoot()
          ? 'needs root to start the grader as another user'
          : !systemPython()
            ? 'needs a system Python other users can run'
            : false,
  },
  {
    name: 'an unprivileged user, grader as root',
    sandbox: 'uid',
    python: () => systemPython(),
    skip:
      !linux || !isRoot()
        ? 'needs Linux and root'
        : !systemPython()
          ? 'needs a system Python other users can run'
          : false,
  },
];

function fill(template: string, values: Record<string, string>): string {
  return Object.entries(values).reduce((text, [key, value]) => text.split(key).join(value), template);
}

// Every line that is not learner-derived text inside the paused stretch of the log, for GitHub's command parser.
function commandsOutsidePause(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => /^::stop-commands::[0-9a-f]{32}$/.test(line));
  const token = start === -1 ? null : (lines[start] as string).split('::')[2];
  const end = token ? lines.findIndex((line) => line === `::${token}::`) : -1;
  return lines.filter((line, i) => (start === -1 || i < start || i > end) && /^\s*::/.test(line));
}

for (const setting of SETTINGS) {
  // Only where the setting cannot be had: a visible skip in the report, rather than a silent pass.
  if (setting.skip) {
    describe(`attacks on the grader (${setting.name})`, () => {
      it.skip(`SKIPPED: ${setting.skip} (apt-get install -y bubblewrap python3)`, () => {});
    });
    continue;
  }
  describe(`attacks on the grader (${setting.name})`, () => {
    let kit: AttackKit;
    let python: string;
    const scratch = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-attacks-'));
    beforeAll(async () => {
      kit = makeAttackKit(setting.uid);
      python = (await setting.python()) as string;
      if (setting.uid !== undefined) chownTree(scratch, setting.uid);
    });
    afterAll(() => {
      kit?.remove();
      rmSync(scratch, { recursive: true, force: true });
    });
    const env = (extra: Record<string, string> = {}): Record<string, string> => ({
      ASYNCIO_LAB_SANDBOX: setting.sandbox,
      ...extra,
    });

    it('reads nothing of the grader, the kit or the solutions, writes nothing outside its sandbox, and shows only inert text', async () => {
      const token = randomUUID().replace(/-/g, '');
      const file = path.join(scratch, 'runners.py');
      writeFileSync(
        file,
        fill(readFileSync(path.join(fixtures, 'snoop.py'), 'utf8'), {
          __TOKEN__: token,
          __KIT_HINTS__: JSON.stringify([kit.root]),
        }),
      );
      const githubEnv = path.join(scratch, 'github-env');
      const summary = path.join(scratch, 'summary.md');
      const outputs = path.join(scratch, 'outputs');
      for (const f of [githubEnv, summary, outputs]) writeFileSync(f, '');
      if (setting.uid !== undefined) chownTree(scratch, setting.uid);
      const before = kit.digests();
      const secret = `fake-grader-secret-${token}`;
      const results = path.join(scratch, 'results.json');
      const run = await kit.cli(['01', '--file', file, '--json', results], {
        python,
        ...(setting.uid !== undefined ? { uid: setting.uid } : {}),
        env: env({
          GITHUB_ACTIONS: 'true',
          GITHUB_ENV: githubEnv,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_OUTPUT: outputs,
          MY_SERVICE_TOKEN: secret,
        }),
      });
      const document = readFileSync(results, 'utf8');
      const everything = [run.stdout, run.stderr, document, readFileSync(summary, 'utf8')].join('\n');
      expect(run.exitCode, run.stderr).toBe(1);
      expect((JSON.parse(document) as { isolation: { level: string } }).isolation.level).toBe(setting.sandbox);
      // The kit as it was, its grader intact, and no trace of the injected code.
      expect(kit.digests()).toEqual(before);
      expect(everything).not.toContain(`TAMPERED-${token}`);
      // No secret, no solution, and GITHUB_ENV untouched.
      expect(everything).not.toContain(secret);
      expect(readFileSync(githubEnv, 'utf8')).toBe('');
      // What the learner's code found is raised back through a message: there must be nothing to raise.
      expect(everything).not.toContain('LEAKED');
      const solution = readFileSync(path.join(kitRoot, 'exercises', '01-runners', '.meta', 'solution.py'), 'utf8');
      // Its first line, as it would read in a message or escaped in JSON alike.
      expect(everything).not.toContain((solution.split('\n')[0] ?? '').replace(/"/g, '').trim());
      // Nothing left in the shared temporary folders.
      for (const dir of ['/tmp', '/var/tmp', '/dev/shm']) {
        expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.includes(token)) : []).toEqual([]);
      }
      // The terminal got no raw control character, and GitHub no command from the learner's text.
      // eslint-disable-next-line no-control-regex -- the test is that no raw control character got through
      expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(run.stdout).toContain('␛[2K');
      // The grader's own annotations carry the learner's text escaped (newlines as %0A) on their own line.
      const learnerCommands = commandsOutsidePause(run.stdout).filter(
        (line) => line.includes(token) && !/^::error title=[^:]*::`main` raised/.test(line),
      );
      expect(learnerCommands).toEqual([]);
      expect(run.stdout).toMatch(/^::error title=.*%0A::add-mask::/m);
      expect(readFileSync(outputs, 'utf8')).not.toContain(token);
    });

    it('cannot stop the grader: killing every process it sees only fails its own checks', async () => {
      const file = path.join(scratch, 'killer', 'runners.py');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, readFileSync(path.join(fixtures, 'killer.py'), 'utf8'));
      if (setting.uid !== undefined) chownTree(scratch, setting.uid);
      const results = path.join(scratch, 'killer', 'results.json');
      const run = await kit.cli(['01', '--file', file, '--json', results], {
        python,
        ...(setting.uid !== undefined ? { uid: setting.uid } : {}),
        env: env(),
      });
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
      const document = JSON.parse(readFileSync(results, 'utf8')) as { exercises: { checks: { status: string }[] }[] };
      expect(document.exercises[0]?.checks.every((c) => c.status !== 'pass')).toBe(true);
      expect(run.stdout).toMatch(/Score 0\//);
    });

    it('in a class, one submission changes nothing of another: files, processes, grades or the gradebook', async () => {
      const token = randomUUID().replace(/-/g, '');
      const klass = path.join(scratch, 'class');
      const out = path.join(scratch, 'grades');
      const victim = path.join(klass, 'bea', 'runners.py');
      mkdirSync(path.dirname(victim), { recursive: true });
      writeFileSync(
        victim,
        readFileSync(path.join(kitRoot, 'exercises', '01-runners', '.meta', 'solution.py'), 'utf8'),
      );
      mkdirSync(path.join(klass, 'ann'), { recursive: true });
      writeFileSync(
        path.join(klass, 'ann', 'runners.py'),
        fill(readFileSync(path.join(fixtures, 'classmate.py'), 'utf8'), {
          __TOKEN__: token,
          __CLASSMATE_FILE__: victim,
          __GRADEBOOK__: path.join(out, 'gradebook.csv'),
        }),
      );
      // A folder that is a link to a classmate's, and a file that is a link to a classmate's file.
      symlinkSync(path.join(klass, 'bea'), path.join(klass, 'cal'));
      mkdirSync(path.join(klass, 'dan'));
      symlinkSync(victim, path.join(klass, 'dan', 'runners.py'));
      if (setting.uid !== undefined) chownTree(scratch, setting.uid);
      const victimBefore = readFileSync(victim, 'utf8');
      const run = await kit.cli(['--submissions', klass, '--out', out, '--jobs', '2', '01'], {
        python,
        ...(setting.uid !== undefined ? { uid: setting.uid } : {}),
        env: env(),
      });
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      const written = readFileSync(path.join(out, 'gradebook.csv'), 'utf8');
      // The daemon, had it survived, would write within a quarter of a second; give it far longer.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(readFileSync(path.join(out, 'gradebook.csv'), 'utf8')).toBe(written);
      expect(written).not.toContain(token);
      expect(processWith(token)).toBeUndefined();
      expect(readFileSync(victim, 'utf8')).toBe(victimBefore);
      const rows = Object.fromEntries(
        written
          .trim()
          .split('\r\n')
          .slice(1)
          .map((line) => line.split(','))
          .map(([name = '', points = '', total = '', max = '']) => [name, { points, total, max }]),
      );
      // bea's correct solution keeps its full marks whatever ann's code did.
      expect(rows.bea?.total).toBe(rows.bea?.max);
      expect(rows.cal?.total).toBe('0');
      expect(rows.dan?.total).toBe('0');
      expect(written).toMatch(/cal,.*symbolic link/);
      expect(written).toMatch(/dan,.*runners\.py is a symbolic link/);
    });
  });
}
