// `npm run new-exercise -- NN-name` (like rustlings' `dev new`): a new exercise folder with every file the course
// needs, a working one-task grader to grow from, its line in the registry and its course-matrix test. What only the
// author can write is marked FILL IN, and the maintainer check rejects the exercise until every mark is gone.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The mark left where the author must write; check-course.ts refuses an exercise that still has one.
export const PLACEHOLDER = 'FILL IN';

// What was written, as kit-relative paths, for the script to list.
export interface Scaffolded {
  id: string;
  files: string[];
}

// "05-api-calls": two digits, a dash, then lowercase words joined by dashes.
export const EXERCISE_NAME = /^(\d{2})-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/;

// Thrown for a name or a folder that cannot be scaffolded; the message says what to type instead.
export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

export function scaffoldExercise(root: string, name: string): Scaffolded {
  const match = EXERCISE_NAME.exec(name);
  if (!match)
    throw new ScaffoldError(
      `"${name}" is not an exercise name: two digits, a dash, then lowercase words joined by dashes.\nExample: npm run new-exercise -- 05-api-calls`,
    );
  const [, number = '', slug = ''] = match;
  const dir = path.join(root, 'exercises', name);
  if (existsSync(dir))
    throw new ScaffoldError(`exercises/${name} already exists; pick another name, or remove the folder first.`);
  const registry = path.join(root, 'exercises', 'registry.ts');
  const registryText = readFileSync(registry, 'utf8');
  if (registryText.includes(`id: '${name}'`))
    throw new ScaffoldError(
      `exercises/registry.ts already lists ${name}; remove that line first, or pick another name.`,
    );
  const module = slug.replace(/-/g, '_');
  const file = `${module}.py`;
  const stub = stubText(number);
  const files: Record<string, string> = {
    [`exercises/${name}/${file}`]: stub,
    [`exercises/${name}/.meta/stub.py`]: stub,
    [`exercises/${name}/.meta/solution.py`]: solutionText(),
    [`exercises/${name}/.meta/mistakes/not-doubled.py`]: mistakeText(),
    [`exercises/${name}/README.md`]: lessonText(name),
    [`exercises/${name}/hints.md`]: hintsText(name),
    [`exercises/${name}/exercise.json`]: exerciseJson(name, file),
    [`exercises/${name}/grader/checks.ts`]: checksText(name),
    [`test/course/${name}.test.ts`]: `import { describeCourseMatrix } from '../helpers/matrix.js';\n\ndescribeCourseMatrix('${name}');\n`,
  };
  for (const [relative, text] of Object.entries(files)) {
    const target = path.join(root, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text, { flag: 'wx' });
  }
  writeFileSync(registry, withRegistryLine(registryText, name));
  return { id: name, files: [...Object.keys(files), 'exercises/registry.ts'] };
}

// The registry with a line for `name`, placed in course order (by the exercise's number).
export function withRegistryLine(text: string, name: string): string {
  const line = `  { id: '${name}', load: async () => (await import('./${name}/grader/checks.js')).default },`;
  const lines = text.split('\n');
  const entries = lines
    .map((l, index) => ({ index, id: /^\s*\{ id: '([^']+)'/.exec(l)?.[1] }))
    .filter((e): e is { index: number; id: string } => e.id !== undefined);
  const after = entries.filter((e) => e.id < name).at(-1);
  const before = entries.find((e) => e.id > name);
  const closing = lines.findIndex((l) => /^\];/.test(l));
  const at = before ? before.index : after ? after.index + 1 : closing;
  if (at < 0)
    throw new ScaffoldError('exercises/registry.ts has no `export const registry = [ ... ];` to add the exercise to.');
  lines.splice(at, 0, line);
  return lines.join('\n');
}

function stubText(number: string): string {
  return `"""Exercise ${number}: ${PLACEHOLDER} the idea this exercise teaches, in one line.

Read README.md in this folder first. Grade your work with:

    npm run grade -- ${number}

Stuck? \`npm run grade -- hint ${number}\` shows a hint.
"""

import asyncio


async def double_later(value, delay):
    """Task 1. Wait \`delay\` seconds without blocking the event loop, then return \`value\` doubled."""
    # TODO: wait for \`delay\` seconds the asyncio way, then return value * 2.
`;
}

function solutionText(): string {
  return `import asyncio


async def double_later(value, delay):
    await asyncio.sleep(delay)
    return value * 2
`;
}

function mistakeText(): string {
  return `# Mistake: double_later returns its value as it came, not doubled.
# Caught by: returns-double
import asyncio


async def double_later(value, delay):
    await asyncio.sleep(delay)
    return value
`;
}

function lessonText(name: string): string {
  return `# ${name} · ${PLACEHOLDER} the title

${PLACEHOLDER}: the lesson, in our own words. Every \`\`\`python block below runs as a script in the kit's tests.

\`\`\`python
import asyncio


async def main():
    await asyncio.sleep(0.01)
    print("${PLACEHOLDER}: an example that runs")


asyncio.run(main())
\`\`\`
`;
}

function hintsText(name: string): string {
  return `# Hints: ${name}

## 1. A coroutine that waits, then doubles

- ${PLACEHOLDER}: a nudge towards the idea.
- ${PLACEHOLDER}: nearly the answer.
`;
}

function exerciseJson(name: string, file: string): string {
  const meta = {
    $schema: '../../grader/schemas/exercise.schema.json',
    id: name,
    title: `${PLACEHOLDER}: what this exercise teaches`,
    file,
    tasks: [
      {
        number: 1,
        title: 'A coroutine that waits, then doubles',
        checks: [{ id: 'returns-double', title: 'double_later returns its value doubled', points: 1 }],
      },
    ],
  };
  return `${JSON.stringify(meta, null, 2)}\n`;
}

function checksText(name: string): string {
  return `// Exercise ${name}: ${PLACEHOLDER} what it teaches. One probe and one check to grow from; see docs/authoring.md.
import { check, defineExercise, fail, pass, probe } from '../../../grader/engine/define.js';
import * as say from '../../../grader/messages.js';

// Task 1: double_later(value, delay), awaited inside a running event loop, with inputs new on every run.
const doubleProbe = probe('double', (rng) => {
  const value = rng.int(100, 999);
  const delay = rng.int(5, 10) / 100;
  return {
    steps: [{ op: 'import' }, { op: 'call', id: 'double', function: 'double_later', args: [value, delay], inLoop: true }],
    expect: { doubled: value * 2 },
    deadlineSeconds: 5,
  };
});

export default defineExercise({
  checks: {
    'returns-double': check(doubleProbe, (run, { doubled }) => {
      const call = run.completed('double');
      if (call.result.kind !== 'value' || call.result.value !== doubled) {
        return fail(say.wrongValue('double_later', \`its \\\`value\\\` doubled (\${doubled} this time)\`, call.result, 'The grader picks a new value on every run.'), {
          expected: doubled,
          actual: call.result.repr,
        });
      }
      return pass();
    }),
  },
});
`;
}
