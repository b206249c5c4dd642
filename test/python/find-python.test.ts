// Finding Python, against real interpreters: the one in use, PyPy and old CPythons where this machine has them.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../grader/errors.js';
import { candidates, findPython, MINIMUM } from '../../grader/python/find-python.js';

const PYPY = ['/usr/bin/pypy3', '/usr/local/bin/pypy3'].find(existsSync);
const PYENV = path.join(process.env.PYENV_ROOT ?? path.join(process.env.HOME ?? '/root', '.pyenv'), 'versions');
// The newest CPython older than the minimum (3.9), and one older still, where pyenv or the system has them.
const OLD = (minor: number): string | undefined =>
  [
    ...(existsSync(PYENV)
      ? readdirSync(PYENV)
          .filter((v) => v.startsWith(`3.${minor}.`))
          .map((v) => path.join(PYENV, v, 'bin', `python3.${minor}`))
      : []),
    `/usr/bin/python3.${minor}`,
  ].find(existsSync);
const OLD_39 = OLD(9);
const OLD_38 = OLD(8);
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-find-python-'));
const notExecutable = path.join(work, 'python3');
writeFileSync(notExecutable, 'not a program\n', { mode: 0o644 });
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('choosing candidates', () => {
  it('takes --python first, then $PYTHON, then python3 and python (and py -3 on Windows)', () => {
    expect(candidates('/opt/py', { PYTHON: 'x' }, 'linux')).toEqual([
      { command: '/opt/py', args: [], source: 'option' },
    ]);
    expect(candidates(undefined, { PYTHON: '/env/py' }, 'linux')).toEqual([
      { command: '/env/py', args: [], source: 'env' },
    ]);
    expect(candidates(undefined, {}, 'linux').map((c) => c.command)).toEqual(['python3', 'python']);
    expect(candidates(undefined, {}, 'win32').map((c) => [c.command, ...c.args].join(' '))).toEqual([
      'python3',
      'python',
      'py -3',
    ]);
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
    await expect(attempt).rejects.toThrow(
      /^--python \/nowhere\/python9: there is no such file\. Check the path for a typo/,
    );
    await expect(attempt).rejects.not.toThrow(/[Ii]nstall/);
  });

  it('tells a --python that is not Python (a folder, a program, a file) so in one line, with no command dump', async () => {
    const ls = ['/usr/bin/ls', '/bin/ls'].find(existsSync);
    if (ls) {
      const attempt = findPython(ls, process.env);
      await expect(attempt).rejects.toThrow(
        new RegExp(
          `^--python ${ls}: it is not a Python interpreter .*\\. Point it to CPython 3\\.\\d+ or newer\\.\\nExample: `,
        ),
      );
      await expect(attempt).rejects.not.toThrow(/Command failed|import sys|exit code/);
    }
    await expect(findPython(tmpdir(), process.env)).rejects.toThrow(/: it is a folder, not a program\./);
    await expect(findPython(notExecutable, process.env)).rejects.toThrow(
      /: it is not a program that can be run \(permission denied\)\./,
    );
  });

  it.skipIf(!PYPY)('refuses PyPy, saying it is not CPython', async () => {
    await expect(findPython(PYPY, process.env)).rejects.toThrow(
      /pypy3 \(from --python\): PyPy 3\.\d+\.\d+, which is not CPython/,
    );
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
    await expect(findPython(undefined, { ...process.env, PYTHON: '/nowhere/from-env' })).rejects.toThrow(
      /^\$PYTHON \(\/nowhere\/from-env\): there is no such file\..* Or unset PYTHON/,
    );
  });
});
