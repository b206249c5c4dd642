// Every ```python block of every lesson runs as a script and exits cleanly: the lessons' code is real code.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../grader/engine/course.js';
import { sandboxEnv } from '../../grader/run/sandbox-env.js';
import { testPython } from '../helpers/python.js';

export function pythonBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const pattern = /^```python[ \t]*\r?\n([\s\S]*?)^```/gm;
  for (const match of markdown.matchAll(pattern)) {
    const line = markdown.slice(0, match.index).split('\n').length;
    blocks.push({ line, code: match[1] ?? '' });
  }
  return blocks;
}

describe('lessons', () => {
  for (const exercise of loadCourse()) {
    const lesson = path.join(exercise.dir, 'README.md');
    const blocks = existsSync(lesson) ? pythonBlocks(readFileSync(lesson, 'utf8')) : [];
    describe.concurrent(exercise.meta.id, () => {
      it('has code to run', () => {
        expect(blocks.length).toBeGreaterThan(0);
      });
      for (const block of blocks) {
        it(`README.md:${block.line} runs`, async () => {
          const python = await testPython();
          const run = await execa(python.executable, ['-I', '-X', 'utf8', '-c', block.code], {
            reject: false,
            // Against a hang only: the examples take a second or two, more on a busy machine.
            timeout: 60_000,
            stdin: 'ignore',
            env: sandboxEnv(process.env),
            extendEnv: false,
          });
          expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
          expect(run.stderr, 'a lesson example should not warn').not.toMatch(/Warning|Traceback/);
        });
      }
    });
  }
});
