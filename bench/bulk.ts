// `npm run bench:bulk`: wall time of grading 30 sample submissions in bulk (several at once) beside grading them
// one by one (one `npm run grade -- ID --file FILE` per exercise file, as a teacher would by hand).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { locateFile } from '../grader/bulk/locate.js';
import { loadCourse } from '../grader/engine/course.js';
import { kitRoot } from '../grader/paths.js';
import { findPython } from '../grader/python/find-python.js';
import { buildSubmissions } from './sample-submissions.js';

const COUNT = Number(process.env.BENCH_SUBMISSIONS ?? 30);
const bin = path.join(kitRoot, 'bin', 'asyncio-lab.js');

async function timed(label: string, work: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${label.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s\n`);
  return seconds;
}

async function cli(args: string[], env: Record<string, string>): Promise<void> {
  await execa(process.execPath, [bin, ...args], {
    env: { ...env, GITHUB_ACTIONS: '' },
    reject: false,
    stdin: 'ignore',
  });
}

const python = await findPython(undefined, process.env);
const env = { PYTHON: python.executable, NO_COLOR: '1' };
const work = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-bench-'));
try {
  const root = path.join(work, 'class');
  buildSubmissions(root, COUNT, python.version);
  const course = loadCourse();
  process.stdout.write(
    `${COUNT} submissions · ${course.length} exercises · ${availableParallelism()} cores · ${python.implementation} ${python.version}\n\n`,
  );
  const bulk = await timed('bulk, default jobs (--submissions)', () =>
    cli(['--submissions', root, '--out', path.join(work, 'a')], env),
  );
  const serial = await timed('bulk, --jobs 1', () =>
    cli(['--submissions', root, '--out', path.join(work, 'b'), '--jobs', '1'], env),
  );
  let runs = 0;
  const oneByOne = await timed('one by one (a grade --file per exercise file)', async () => {
    for (const name of readdirSync(root).sort()) {
      for (const exercise of course) {
        const where = locateFile(path.join(root, name), exercise);
        if (!('file' in where)) continue;
        runs += 1;
        await cli([exercise.meta.id, '--file', where.file, '--json', path.join(work, 'c', `${runs}.json`)], env);
      }
    }
  });
  process.stdout.write(
    `\n(${runs} single runs one by one) bulk is ${(oneByOne / bulk).toFixed(1)}x faster than one by one, ${(serial / bulk).toFixed(1)}x faster than --jobs 1\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
