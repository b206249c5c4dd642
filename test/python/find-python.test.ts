// Finding Python, against real interpreters: the one in use, PyPy and an old CPython where this machine has them.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../grader/errors.js';
import { candidates, findPython } from '../../grader/python/find-python.js';

const PYPY = ['/usr/bin/pypy3', '/usr/local/bin/pypy3'].find(existsSync);
const OLD = ['/root/.pyenv/versions/3.8.18/bin/python3.8', '/usr/bin/python3.8'].find(existsSync);
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-find-python-'));
const notExecutable = path.join(work, 'python3');
writeFileSync(notExecutable, 'not a program\n', { mode: 0o644 });
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('choosing candidates', () => {
  it('takes --python first, then $PYTHON, then python3 and python (and py -3 on Windows)', () => {
    expect(candidates('/opt/py', { PYTHON: 'x' }, 'linux')).toEqual([{ command: '/opt/py', args: [], source: 'option' }]);
    expect(candidates(undefined, { PYTHON: '/env/py' }, 'linux')).toEqual([{ command: '/env/py', args: [], source: 'env' }]);
    expect(candidates(undefined, {}, 'linux').map((c) => c.command)).toEqual(['python3', 'python']);
    expect(candidates(undefined, {}, 'win32').map((c) => [c.command, ...c.args].join(' '))).toEqual(['python3', 'python', 'py -3']);
  });
});

describe('finding Python', () => {
  it('resolves the real interpreter behind a launcher, once', async () => {
    const python = await findPython(undefined, process.env);
    expect(python.implementation).toBe('CPython');
    expect(python.executable).not.toMatch(/shims/);
    expect(existsSync(python.executable)).toBe(true);
  });

  it('tells a mistyped --python path that it does not exist, not to install Python', async () => {
    const attempt = findPython('/nowhere/python9', process.env);
    await expect(attempt).rejects.toThrow(EnvironmentError);
    await expect(attempt).rejects.toThrow(/^--python \/nowhere\/python9: there is no such file\. Check the path for a typo/);
    await expect(attempt).rejects.not.toThrow(/[Ii]nstall/);
  });

  it('tells a --python that is not Python (a folder, a program, a file) so in one line, with no command dump', async () => {
    const ls = ['/usr/bin/ls', '/bin/ls'].find(existsSync);
    if (ls) {
      const attempt = findPython(ls, process.env);
      await expect(attempt).rejects.toThrow(new RegExp(`^--python ${ls}: it is not a Python interpreter .*\\. Point it to CPython 3\\.\\d+ or newer\\.\\nExample: `));
      await expect(attempt).rejects.not.toThrow(/Command failed|import sys|exit code/);
    }
    await expect(findPython(tmpdir(), process.env)).rejects.toThrow(/: it is a folder, not a program\./);
    await expect(findPython(notExecutable, process.env)).rejects.toThrow(/: it is not a program that can be run \(permission denied\)\./);
  });

  it.skipIf(!PYPY)('refuses PyPy, saying it is not CPython', async () => {
    await expect(findPython(PYPY, process.env)).rejects.toThrow(/pypy3 \(from --python\): PyPy 3\.\d+\.\d+, which is not CPython/);
  });

  it.skipIf(!OLD)('refuses CPython 3.8 as too old', async () => {
    await expect(findPython(OLD, process.env)).rejects.toThrow(/CPython 3\.8\.\d+, which is too old/);
  });

  it('uses $PYTHON when no option is given', async () => {
    await expect(findPython(undefined, { ...process.env, PYTHON: '/nowhere/from-env' })).rejects.toThrow(/^\$PYTHON \(\/nowhere\/from-env\): there is no such file\..* Or unset PYTHON/);
  });
});
