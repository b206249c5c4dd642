// Exercise 05's lesson shows `except*`, which only Python 3.11 and newer can read: such blocks are fenced
// "```python 3.11+" so the lessons test (which runs every ```python block on every supported Python) leaves them
// out. They run here, on a Python new enough for them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { kitRoot } from '../../grader/paths.js';
import { sandboxEnv } from '../../grader/run/sandbox-env.js';
import { testPython } from '../helpers/python.js';

const lesson = readFileSync(path.join(kitRoot, 'exercises', '05-api-calls', 'README.md'), 'utf8');
const blocks = [...lesson.matchAll(/^```python 3\.11\+[ \t]*\r?\n([\s\S]*?)^```/gm)].map((m) => ({
  line: lesson.slice(0, m.index).split('\n').length,
  code: m[1] ?? '',
}));

describe("exercise 05's lesson: the blocks for Python 3.11 and newer", () => {
  it('has such a block (TaskGroup and except*)', () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.some((b) => /except\* /.test(b.code))).toBe(true);
  });
  for (const block of blocks) {
    it(`README.md:${block.line} runs on Python 3.11 or newer`, async (ctx) => {
      const python = await testPython();
      const [major = 0, minor = 0] = python.version.split('.').map(Number);
      if (major === 3 && minor < 11) ctx.skip();
      const run = await execa(python.executable, ['-I', '-X', 'utf8', '-c', block.code], {
        reject: false,
        timeout: 15_000,
        stdin: 'ignore',
        env: sandboxEnv(process.env),
        extendEnv: false,
      });
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stderr).not.toMatch(/Warning|Traceback/);
    });
  }
});
