// What each isolation level promises beyond the attacks: the level is recorded and said, a class is never graded
// without isolation unless the teacher says so, a grader changed during the run gives no verdict, and learner code
// in a sandbox has no network but the grader's own services.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitRoot } from '../../grader/paths.js';
import { runProbe } from '../../grader/run/run-probe.js';
import { RunSession } from '../../grader/run/session.js';
import { makeAttackKit, type AttackKit } from '../helpers/attack-kit.js';
import { bwrapPath } from '../helpers/isolation.js';
import { testPython } from '../helpers/python.js';

const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-isolation-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const solution = (): string =>
  readFileSync(path.join(kitRoot, 'exercises', '01-runners', '.meta', 'solution.py'), 'utf8');

describe('without isolation', () => {
  let kit: AttackKit;
  let python: string;
  beforeAll(async () => {
    kit = makeAttackKit();
    python = (await testPython()).executable;
  });
  afterAll(() => kit?.remove());

  it('a class is not graded unless the teacher passes --no-sandbox, and the message says how to get isolation', async () => {
    const klass = path.join(work, 'class');
    mkdirSync(path.join(klass, 'ann'), { recursive: true });
    writeFileSync(path.join(klass, 'ann', 'runners.py'), solution());
    const refused = await kit.cli(['--submissions', klass, '--out', path.join(work, 'refused'), '01'], {
      python,
      env: { ASYNCIO_LAB_SANDBOX: 'none' },
    });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/without a sandbox one submission could read or change another's/);
    expect(refused.stderr).toMatch(/apt-get install bubblewrap[\s\S]*--no-sandbox/);
    const trusted = await kit.cli(['--submissions', klass, '--out', path.join(work, 'trusted'), '--no-sandbox', '01'], {
      python,
    });
    expect(trusted.exitCode, trusted.stderr).toBe(0);
    expect(readFileSync(path.join(work, 'trusted', 'gradebook.csv'), 'utf8')).toMatch(/^ann,10,10,10/m);
    const results = JSON.parse(readFileSync(path.join(work, 'trusted', 'ann.json'), 'utf8')) as {
      isolation: { level: string; reason: string };
    };
    expect(results.isolation).toEqual({
      level: 'none',
      reason: expect.stringMatching(/no sandbox, as asked/) as string,
    });
  });

  it('one learner run says so in one line, and the results record the level and why', async () => {
    const file = path.join(work, 'runners.py');
    writeFileSync(file, solution());
    const run = await kit.cli(['01', '--file', file, '--json', path.join(work, 'none.json')], {
      python,
      env: { ASYNCIO_LAB_SANDBOX: 'none' },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.split('\n').filter((line) => line.includes('No sandbox'))).toHaveLength(1);
    const none = JSON.parse(readFileSync(path.join(work, 'none.json'), 'utf8')) as { isolation: { level: string } };
    expect(none.isolation.level).toBe('none');
  });

  it('a grader changed while learner code ran gives no verdict: every check is an error that says so', async () => {
    const file = path.join(work, 'changer', 'runners.py');
    mkdirSync(path.dirname(file), { recursive: true });
    const target = path.join(kit.root, 'dist', 'grader', 'reporters', 'gradescope.js');
    writeFileSync(file, `${solution()}\nopen(${JSON.stringify(target)}, "a").write("\\n// changed\\n")\n`);
    const results = path.join(work, 'changer', 'results.json');
    const run = await kit.cli(['01', '--file', file, '--json', results], {
      python,
      env: { ASYNCIO_LAB_SANDBOX: 'none' },
    });
    expect(run.exitCode).toBe(1);
    const document = JSON.parse(readFileSync(results, 'utf8')) as {
      status: string;
      integrity: { files: string[] };
      exercises: { checks: { status: string; message: string }[] }[];
    };
    expect(document.status).toBe('error');
    expect(document.integrity.files).toContain('dist/grader/reporters/gradescope.js');
    for (const check of document.exercises[0]?.checks ?? []) {
      expect(check.status).toBe('error');
      expect(check.message).toMatch(/The grader changed during the run \(dist\/grader\/reporters\/gradescope\.js\)/);
    }
  });
});

if (process.platform !== 'linux' || !bwrapPath()) {
  describe('in a bubblewrap sandbox', () => {
    it.skip('SKIPPED: needs Linux and bubblewrap (apt-get install -y bubblewrap)', () => {});
  });
}

describe.runIf(process.platform === 'linux')('bubblewrap that cannot start', () => {
  it("is explained, and grading goes on at the next level (Ubuntu's AppArmor restriction)", async () => {
    const bin = path.join(work, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    const fake = path.join(bin, 'bwrap');
    writeFileSync(fake, '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const file = path.join(work, 'fake.py');
    writeFileSync(file, 'def f():\n    return 1\n');
    const python = await testPython();
    // The grader finds bubblewrap on the PATH it is given: this one finds the fake first.
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
    const session = await RunSession.open({ python, isolation: 'auto', env });
    try {
      expect(session.isolation.level).not.toBe('bwrap');
      expect(session.isolation.reason).toMatch(
        /bubblewrap is installed but may not create user namespaces here \(bwrap: setting up uid map: Permission denied\)\. On Ubuntu 23\.10 and later, AppArmor/,
      );
    } finally {
      await session.close();
    }
    await expect(RunSession.open({ python, isolation: 'bwrap', env })).rejects.toThrow(/AppArmor/);
  });
});

describe.runIf(process.platform === 'linux' && bwrapPath())('in a bubblewrap sandbox', () => {
  it("learner code reaches no network: not the grader's machine, only the grader's own services", async () => {
    const server = createServer((socket) => socket.end('reached\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const file = path.join(work, 'net.py');
    writeFileSync(
      file,
      `import socket\n\ndef reach():\n    try:\n        with socket.create_connection(("127.0.0.1", ${port}), timeout=2) as s:\n            return s.recv(100).decode()\n    except OSError as e:\n        return type(e).__name__\n`,
    );
    try {
      const run = await runProbe(
        await testPython(),
        {
          file,
          moduleName: 'net',
          steps: [{ op: 'import' }, { op: 'call', id: 'reach', function: 'reach' }],
          deadlineSeconds: 10,
        },
        'bwrap',
      );
      const call = run.observations.find((o) => o.kind === 'call');
      expect(call && 'result' in call ? call.result?.value : undefined).toBe('ConnectionRefusedError');
    } finally {
      server.close();
    }
  });
});
