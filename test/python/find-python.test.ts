// Finding Python, against real interpreters: the one in use, PyPy and old CPythons where this machine has them.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../grader/errors.js';
import { candidates, findPython, MINIMUM } from '../../grader/python/find-python.js';

const PYPY = ['/usr/bin/pypy3', '/usr/local/bin/pypy3'].find(existsSync);
const PYENV = path.join(process.env.PYENV_ROOT ?? path.join(process.env.HOME ?? '/root', '.pyenv'), 'versions');
// The newest CPython older than the minimum (3.9), and one older still, where pyenv or the system has them.
const OLD = (minor: number): string | undefined =>
  [
    ...(existsSync(PYENV) ? readdirSync(PYENV).filter((v) => v.startsWith(`3.${minor}.`)).map((v) => path.join(PYENV, v, 'bin', `python3.${minor}`)) : []),
    `/usr/bin/python3.${minor}`,
  ].find(existsSync);
const OLD_39 = OLD(9);
const OLD_38 = OLD(8);

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
    await expect(attempt).rejects.toThrow(/needs CPython 3\.10 or newer\. Found:\n {2}\/nowhere\/python9 \(from --python\): not found/);
  });

  it.skipIf(!PYPY)('refuses PyPy, saying it is not CPython', async () => {
    await expect(findPython(PYPY, process.env)).rejects.toThrow(/pypy3 \(from --python\): PyPy 3\.\d+\.\d+, which is not CPython/);
  });

  it('supports CPython 3.10 and newer: what Ubuntu 22.04 and Gradescope ship', () => {
    expect(MINIMUM).toEqual([3, 10]);
  });

  it.skipIf(!OLD_39)('refuses CPython 3.9, naming what was found and the oldest it supports', async () => {
    await expect(findPython(OLD_39, process.env)).rejects.toThrow(
      /This kit needs CPython 3\.10 or newer\. Found:\n {2}\S+python3\.9 \(from --python\): CPython 3\.9\.\d+, which is too old \(the oldest this kit supports is 3\.10\)/,
    );
  });

  it.skipIf(!OLD_38)('refuses CPython 3.8 as too old', async () => {
    await expect(findPython(OLD_38, process.env)).rejects.toThrow(/CPython 3\.8\.\d+, which is too old/);
  });

  it('uses $PYTHON when no option is given', async () => {
    await expect(findPython(undefined, { ...process.env, PYTHON: '/nowhere/from-env' })).rejects.toThrow(/\/nowhere\/from-env \(from \$PYTHON\): not found/);
  });
});
