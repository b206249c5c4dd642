// Secrets in the grader's environment (a CI token, an API key) never reach learner code, at any isolation level.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { runProbe } from '../../grader/run/run-probe.js';
import { sandboxEnv } from '../../grader/run/sandbox-env.js';
import { isolationLevels } from '../helpers/isolation.js';
import { testPython } from '../helpers/python.js';

const SECRETS = {
  GITHUB_TOKEN: 'fake-secret-123',
  MY_API_TOKEN: 'fake-secret-456',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-789',
  NPM_TOKEN: 'fake-secret-abc',
  ACTIONS_RUNTIME_TOKEN: 'fake-secret-def',
  OPENAI_API_KEY: 'fake-secret-ghi',
};

// A learner file that looks for the secrets at import, in a function, and as a script, and prints what it saw.
const SNOOP = `import os

def snoop():
    return sorted(k for k, v in os.environ.items() if "fake-secret" in v)

print("import saw:", snoop(), "of", len(os.environ), "variables")

if __name__ == "__main__":
    print("script saw:", snoop(), dict(os.environ))
`;

const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-secrets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(isolationLevels())(
  'the environment learner code runs in (isolation: $level)',
  ({ level, python: pythonPath }) => {
    it('has no secret, at import, in a call or as a script', async () => {
      const file = path.join(work, `snoop-${level}.py`);
      writeFileSync(file, SNOOP);
      const python = await testPython(pythonPath);
      const saved = { ...process.env };
      Object.assign(process.env, SECRETS);
      try {
        // Control: run directly with the same environment, the file does see the secrets.
        const direct = await execa(python.executable, [file], { reject: false });
        expect(String(direct.stdout)).toContain('fake-secret-123');

        const run = await runProbe(
          python,
          {
            file,
            moduleName: 'snoop',
            steps: [{ op: 'import' }, { op: 'call', id: 'snoop', function: 'snoop' }, { op: 'script' }],
            deadlineSeconds: 10,
          },
          level,
        );
        const seen = JSON.stringify(run);
        expect(seen).toContain('import saw: []');
        expect(seen).toContain('script saw: []');
        expect(seen).not.toContain('fake-secret');
      } finally {
        for (const key of Object.keys(SECRETS)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    });
  },
);

describe('the environment a run starts from', () => {
  it('keeps what Python needs and drops anything that looks like a secret', () => {
    const env = sandboxEnv({
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      HOME: '/home/x',
      ...SECRETS,
      GITHUB_WORKSPACE: '/w',
      RUNNER_TEMP: '/t',
      SOME_PASSWORD: 'p',
    });
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'C.UTF-8', HOME: '/home/x' });
  });
});
