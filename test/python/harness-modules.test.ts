// The harness is a package of small modules, each importable on its own by an isolated interpreter (python -I, as
// the grader starts it), without running anything or printing anything at import.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { kitRoot } from '../../grader/paths.js';
import { testPython } from '../helpers/python.js';

const root = path.join(kitRoot, 'grader', 'python');
const modules = readdirSync(path.join(root, 'asyncio_lab'))
  .filter((file) => file.endsWith('.py') && file !== '__init__.py')
  .map((file) => file.slice(0, -3));

describe('the harness package', () => {
  it('has the modules the grader relies on, one reason each', () => {
    expect(modules.sort()).toEqual(
      expect.arrayContaining([
        'channel',
        'events',
        'heartbeat',
        'learner',
        'limits',
        'output',
        'probe',
        'prctl',
        'relay',
        'steps',
        'witness',
        'zygote',
      ]),
    );
  });

  it.each(modules)('asyncio_lab.%s imports alone under python -I, silently', async (name) => {
    const python = await testPython();
    const code = `import sys; sys.path.insert(0, ${JSON.stringify(root)}); import importlib; importlib.import_module("asyncio_lab.${name}")`;
    const result = await execa(python.executable, ['-I', '-S', '-B', '-c', code], { reject: false });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
