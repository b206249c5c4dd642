import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { PythonInfo } from '../../grader/python/find-python.js';
import { plainStyle } from '../../grader/reporters/style.js';
import { createTerminalReporter } from '../../grader/reporters/terminal.js';
import { fixedResults } from './fixed-results.js';

const python: PythonInfo = {
  executable: '/usr/bin/python3',
  version: '3.12.1',
  implementation: 'CPython',
  requested: 'python3',
};

async function printed(integrity: { status: 'intact' | 'modified' | 'unchecked'; files: string[] }): Promise<string> {
  const sink = new PassThrough();
  const chunks: string[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c.toString()));
  const reporter = createTerminalReporter(sink, plainStyle);
  const results = fixedResults({ integrity });
  reporter.start?.({ kitVersion: '0.1.0', python, integrity });
  for (const exercise of results.exercises) reporter.exercise?.(exercise);
  await reporter.finish({ results, resultsPath: `${process.cwd()}/.asyncio-lab/results.json` });
  return chunks.join('');
}

describe('terminal reporter', () => {
  it('matches the snapshot for fixed results', async () => {
    expect(await printed({ status: 'intact', files: [] })).toMatchSnapshot();
  });

  it('warns under the header when the grader was modified, and only then', async () => {
    const lines = (await printed({ status: 'modified', files: ['grader/engine/grade.ts'] })).split('\n');
    expect(lines[1]).toMatch(/^! The grader's own files differ from the kit as shipped \(grader\/engine\/grade\.ts\)/);
    expect(await printed({ status: 'unchecked', files: [] })).not.toContain('differ');
  });
});
