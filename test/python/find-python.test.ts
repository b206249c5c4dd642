// Finding Python, against real interpreters: the one in use, PyPy and an old CPython where this machine has them.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../grader/errors.js';
import { candidates, findPython } from '../../grader/python/find-python.js';

const PYPY = ['/usr/bin/pypy3', '/usr/local/bin/pypy3'].find(existsSync);
const OLD = ['/root/.pyenv/versions/3.8.18/bin/python3.8', '/usr/bin/python3.8'].find(existsSync);

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

  it('names a missing interpreter and what is needed', async () => {
    const attempt = findPython('/nowhere/python9', process.env);
    await expect(attempt).rejects.toThrow(EnvironmentError);
    await expect(attempt).rejects.toThrow(/needs CPython 3\.9 or newer\. Found:\n {2}\/nowhere\/python9 \(from --python\): not found/);
  });

  it.skipIf(!PYPY)('refuses PyPy, saying it is not CPython', async () => {
    await expect(findPython(PYPY, process.env)).rejects.toThrow(/pypy3 \(from --python\): PyPy 3\.\d+\.\d+, which is not CPython/);
  });

  it.skipIf(!OLD)('refuses CPython 3.8 as too old', async () => {
    await expect(findPython(OLD, process.env)).rejects.toThrow(/CPython 3\.8\.\d+, which is too old/);
  });

  it('uses $PYTHON when no option is given', async () => {
    await expect(findPython(undefined, { ...process.env, PYTHON: '/nowhere/from-env' })).rejects.toThrow(/\/nowhere\/from-env \(from \$PYTHON\): not found/);
  });
});
