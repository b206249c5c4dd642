// Parses the command line into one typed command. Every option is one row of OPTIONS (its type, help, the commands
// that take it and its validation), as in vitest's cli-config; the commands are rows of COMMANDS. Exported on its own
// so it is tested without running anything.
import path from 'node:path';
import yargs, { type Argv, type Options } from 'yargs';
import { parseShard, type Shard } from '../bulk/shard.js';
import { UsageError } from '../errors.js';
import * as say from '../messages.js';
import { asText } from '../text/as-text.js';
import type { MergeCommand } from './commands/merge.js';
import { explainUsageError } from './usage.js';
import type { ResetCommand } from './commands/reset.js';
import type { SolutionCommand } from './commands/solution.js';
import type { WatchCommand } from './commands/watch.js';

export type Command =
  | {
      kind: 'grade';
      exercises: string[];
      // Paths are absolute, resolved from where the command was typed.
      file?: string;
      json?: string;
      // Also write the run as one self-contained HTML page here.
      html?: string;
      python?: string;
      seed?: number;
      // Unset: GitHub when GITHUB_ACTIONS=true, else the terminal alone.
      reporter?: 'terminal' | 'github';
      format?: 'results' | 'gradescope';
      // Bulk grading: a folder of submissions, where to write their results, how many at once, which slice.
      submissions?: string;
      out?: string;
      jobs?: number;
      shard?: Shard;
      // Run learner code without a sandbox even where one is needed (--submissions refuses otherwise).
      noSandbox?: boolean;
    }
  | { kind: 'list' }
  // No exercise: the first one the learner has not passed yet.
  | { kind: 'hint'; exercise?: string; task?: string }
  | ResetCommand
  | SolutionCommand
  | WatchCommand
  | MergeCommand;

type CommandName = Command['kind'];

// What the parser hands a validation: the options as typed (before paths are resolved) and the exercises named.
interface Given {
  options: Record<string, unknown>;
  // The positionals (exercises, or merge's folders, resolved).
  exercises: string[];
  // Where the command was typed.
  cwd: string;
}

interface OptionSpec {
  type: 'string' | 'number' | 'boolean';
  // path: resolved from where the command was typed; command: resolved only when it names a path (--python ./py).
  value?: 'path' | 'command';
  choices?: readonly string[];
  // A boolean that is on unless turned off (--no-NAME).
  default?: boolean;
  description: string;
  // The commands that take it; where a command shows its own help text, `help` overrides `description`.
  commands: readonly CommandName[];
  help?: Partial<Record<CommandName, string>>;
  // A complete example of the option in use, for usage errors.
  example: string;
  // A usage error for a value or combination this option does not accept, in the command named; undefined when fine.
  validate?: (value: unknown, given: Given, command: CommandName) => string | undefined;
}

const present = (given: Given, name: string): boolean =>
  given.options[name] !== undefined && given.options[name] !== false;

export const OPTIONS = {
  file: {
    type: 'string',
    value: 'path',
    description: "grade this file in place of the exercise's own (one exercise only)",
    commands: ['grade'],
    example: 'npm run grade -- 03 --file my_gather.py',
    validate: (value, given) =>
      given.exercises.length !== 1
        ? `--file grades one exercise: name which one.\nExample: npm run grade -- 03 --file ${String(value) || 'my_gather.py'}`
        : undefined,
  },
  json: {
    type: 'string',
    value: 'path',
    description:
      'also write the results document of this run here (your latest grades stay in .asyncio-lab/results.json)',
    commands: ['grade'],
    example: 'npm run grade -- --json out/results.json',
  },
  html: {
    type: 'string',
    value: 'path',
    description: 'also write the whole run as one self-contained HTML page, with timelines',
    commands: ['grade'],
    example: 'npm run grade -- --html report.html',
  },
  python: {
    type: 'string',
    value: 'command',
    description: 'the Python interpreter to use (default: $PYTHON, then python3, python)',
    commands: ['grade', 'watch'],
    example: 'npm run grade -- --python /usr/bin/python3.12',
  },
  seed: {
    type: 'number',
    description: 'replay the random inputs of an earlier run',
    commands: ['grade', 'watch'],
    example: 'npm run grade -- --seed 1234',
    validate: (value) =>
      typeof value !== 'number' || !Number.isInteger(value) || value < 0
        ? '--seed takes a whole number, as printed at the end of a run.\nExample: npm run grade -- --seed 1234'
        : undefined,
  },
  reporter: {
    type: 'string',
    choices: ['terminal', 'github'],
    description: 'where to report besides the results file (default: github on GitHub Actions)',
    commands: ['grade'],
    example: 'npm run grade -- --reporter github',
  },
  format: {
    type: 'string',
    choices: ['results', 'gradescope'],
    description: "the form of the --json file: the kit's results document or Gradescope's results.json",
    commands: ['grade'],
    example: 'npm run grade -- --format gradescope --json results.json',
    validate: (value, given) =>
      value === 'gradescope' && !present(given, 'json') ? say.gradescopeNeedsJson() : undefined,
  },
  submissions: {
    type: 'string',
    value: 'path',
    description: "grade every learner's folder in this folder and write a gradebook",
    commands: ['grade'],
    example: 'npm run grade -- --submissions ./class',
    validate: (_value, given) =>
      present(given, 'file') || present(given, 'json') || given.options.format === 'gradescope'
        ? '--submissions grades many folders and writes its own files; leave out --file, --json and --format.\nExample: npm run grade -- --submissions ./class --out ./grades'
        : undefined,
  },
  out: {
    type: 'string',
    value: 'path',
    description: 'with --submissions: where to write the results and the gradebook (default: DIR-grades)',
    help: { merge: 'where to write the merged gradebook and every results file (default: grades)' },
    commands: ['grade', 'merge'],
    example: 'npm run grade -- --submissions ./class --out ./grades',
    validate: (_value, given, command) => (command === 'grade' ? needsSubmissions(given) : undefined),
  },
  jobs: {
    type: 'number',
    description: 'with --submissions: how many to grade at once (default: one per core)',
    commands: ['grade'],
    example: 'npm run grade -- --submissions ./class --jobs 4',
    validate: (value, given) =>
      needsSubmissions(given) ??
      (typeof value !== 'number' || !Number.isInteger(value) || value < 1
        ? '--jobs takes a whole number of submissions to grade at once.\nExample: npm run grade -- --submissions ./class --jobs 4'
        : undefined),
  },
  shard: {
    type: 'string',
    description:
      'with --submissions: grade slice K of N of the class (K/N), for one machine of many; join the slices with merge',
    commands: ['grade'],
    example: 'npm run grade -- --submissions ./class --shard 2/3 --out grades-2',
    validate: (value, given) =>
      needsSubmissions(given) ??
      (parseShard(String(value)) === null
        ? `--shard takes K/N: slice K of N, with K from 1 to N (got ${JSON.stringify(String(value))}).\nExample: npm run grade -- --submissions ./class --shard 2/3 --out grades-2`
        : undefined),
  },
  sandbox: {
    type: 'boolean',
    default: true,
    description: 'run learner code in a sandbox; --no-sandbox grades a class without one, trusting every submission',
    commands: ['grade'],
    example: 'npm run grade -- --submissions ./class --no-sandbox',
  },
  watch: {
    type: 'boolean',
    description: 'grade again every time the file is saved (the same as npm run watch)',
    commands: ['grade'],
    example: 'npm run grade -- 03 --watch',
    validate: (_value, given) =>
      given.exercises.length > 1 ||
      ['file', 'json', 'format', 'html', 'submissions'].some((name) => present(given, name))
        ? '--watch follows one exercise at a time in your own files; leave out --file, --json, --format, --html and --submissions.\nExample: npm run grade -- 03 --watch'
        : undefined,
  },
  manual: {
    type: 'boolean',
    description: 'with --watch: grade when you press r, for folders without change events',
    help: { watch: 'grade when you press r, for folders without change events' },
    commands: ['grade', 'watch'],
    example: 'npm run watch -- --manual',
    validate: (_value, given, command) =>
      command === 'grade' && !present(given, 'watch')
        ? '--manual goes with --watch.\nExample: npm run watch -- --manual'
        : undefined,
  },
  all: {
    type: 'boolean',
    description: 'reset every exercise you changed',
    commands: ['reset'],
    example: 'npm run grade -- reset --all',
  },
  yes: {
    type: 'boolean',
    description: 'do not ask (for scripts)',
    commands: ['reset'],
    example: 'npm run grade -- reset 03 --yes',
  },
} as const satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof OPTIONS;

function needsSubmissions(given: Given): string | undefined {
  return present(given, 'submissions')
    ? undefined
    : '--out, --jobs and --shard go with --submissions.\nExample: npm run grade -- --submissions ./class --jobs 4';
}

interface PositionalSpec {
  name: string;
  description: string;
  array?: boolean;
  required?: boolean;
}

interface CommandSpec {
  // yargs' command string is built from the positionals.
  name: string;
  description: string;
  positionals: PositionalSpec[];
  build(given: Given, read: Reader): Command;
}

// The options' values as the command receives them (paths resolved); choices were checked by the parser.
interface Reader {
  text(name: OptionName): string | undefined;
  number(name: OptionName): number | undefined;
}

export const COMMANDS: Record<CommandName, CommandSpec> = {
  grade: {
    name: '$0',
    description: 'grade exercises (all of them by default)',
    positionals: [{ name: 'exercises', description: 'exercise number, name or folder', array: true }],
    build: (given, read) => {
      if (present(given, 'watch')) {
        return {
          kind: 'watch',
          ...optional('exercise', given.exercises[0]),
          ...(present(given, 'manual') ? { manual: true } : {}),
          ...optional('python', read.text('python')),
          ...optional('seed', read.number('seed')),
        };
      }
      const shard = given.options.shard === undefined ? null : parseShard(asText(given.options.shard));
      return {
        kind: 'grade',
        exercises: given.exercises,
        ...optional('file', read.text('file')),
        ...optional('json', read.text('json')),
        ...optional('html', read.text('html')),
        ...optional('python', read.text('python')),
        ...optional('seed', read.number('seed')),
        ...optional('reporter', read.text('reporter') as 'terminal' | 'github' | undefined),
        ...optional('format', read.text('format') as 'results' | 'gradescope' | undefined),
        ...optional('submissions', read.text('submissions')),
        ...optional('out', read.text('out')),
        ...optional('jobs', read.number('jobs')),
        ...(shard ? { shard } : {}),
        ...(given.options.sandbox === false ? { noSandbox: true } : {}),
      };
    },
  },
  list: {
    name: 'list',
    description: "show each exercise's status and points, and your progress",
    positionals: [],
    build: () => ({ kind: 'list' }),
  },
  hint: {
    name: 'hint',
    description:
      'show the next hint for the first failing task (or the task you name) of the exercise (default: the first one not passed yet)',
    positionals: [
      { name: 'exercise', description: 'exercise number, name or folder (default: the first one not passed yet)' },
      { name: 'task', description: 'the task number (default: the first failing task)' },
    ],
    build: (given) => ({
      kind: 'hint',
      ...optional('exercise', given.exercises[0]),
      ...optional('task', given.exercises[1]),
    }),
  },
  watch: {
    name: 'watch',
    description:
      'one screen that grades again on every save; n moves on once it passes (keys: h hint, l list, n next, r grade now, q quit)',
    positionals: [{ name: 'exercise', description: 'start here (default: the first exercise not passed yet)' }],
    build: (given, read) => ({
      kind: 'watch',
      ...optional('exercise', given.exercises[0]),
      ...(present(given, 'manual') ? { manual: true } : {}),
      ...optional('python', read.text('python')),
      ...optional('seed', read.number('seed')),
    }),
  },
  reset: {
    name: 'reset',
    description: "put an exercise's file back as shipped, after asking; your version is kept as a backup next to it",
    positionals: [{ name: 'exercise', description: 'exercise number, name or folder' }],
    build: (given) => {
      if (given.exercises[0] !== undefined && present(given, 'all'))
        throw new UsageError('Name one exercise or use --all, not both.\nExample: npm run grade -- reset 03');
      return {
        kind: 'reset',
        ...optional('exercise', given.exercises[0]),
        ...(present(given, 'all') ? { all: true } : {}),
        ...(present(given, 'yes') ? { yes: true } : {}),
      };
    },
  },
  solution: {
    name: 'solution',
    description: 'show the reference solution, once the exercise passes',
    positionals: [{ name: 'exercise', description: 'exercise number, name or folder', required: true }],
    build: (given) => ({ kind: 'solution', exercise: given.exercises[0] ?? '' }),
  },
  merge: {
    name: 'merge',
    description:
      "join the gradebooks of a class graded in slices (--shard K/N) into one; each FOLDER is a slice's --out, or holds them",
    positionals: [{ name: 'shards', description: "the slices' output folders", array: true, required: true }],
    build: (given, read) => ({
      kind: 'merge',
      shards: given.exercises,
      out: read.text('out') ?? path.resolve(given.cwd, 'grades'),
    }),
  },
};

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const EXAMPLES: [string, string][] = [
  ['npm run grade', 'grade every exercise'],
  ['npm run grade -- 01', 'grade exercise 01 (also: runners, 01-runners)'],
  ['npm run grade -- 03 --file my_gather.py', "grade another file as exercise 03's"],
  ['npm run grade -- --json out/results.json', 'also write the results document there'],
  ['npm run grade -- --python /usr/bin/python3.12', 'use that Python'],
  ['npm run grade -- --reporter github', 'also report to GitHub Actions (automatic when GITHUB_ACTIONS=true)'],
  ['npm run grade -- --format gradescope --json results.json', "write Gradescope's results.json"],
  ['npm run grade -- --submissions ./class', 'grade every submission folder in ./class, with a gradebook CSV'],
  ['npm run grade -- --submissions ./class --shard 2/3 --out g2', 'grade the second of three slices of the class'],
  ['npm run grade -- merge g1 g2 g3 --out grades', "join the slices' gradebooks into one"],
  ['npm run grade -- list', "each exercise's status"],
  ['npm run grade -- hint', 'the next hint for the first exercise not passed yet'],
  ['npm run grade -- hint 01 2', 'the next hint for task 2 of exercise 01'],
  ['npm run watch', 'one screen that grades again on every save; n moves on once it passes'],
  ['npm run grade -- reset 03', "put exercise 03's file back as shipped (yours is kept as a backup)"],
  ['npm run grade -- solution 03', 'the reference solution, once exercise 03 passes'],
  ['npm run grade -- --html report.html', 'also write the run as one HTML page, with timelines'],
];

function yargsOption(spec: OptionSpec, command: CommandName): Options {
  return {
    type: spec.type,
    describe: spec.help?.[command] ?? spec.description,
    ...(spec.choices ? { choices: [...spec.choices] } : {}),
    ...(spec.default !== undefined ? { default: spec.default } : {}),
  };
}

function optionsOf(command: CommandName): [OptionName, OptionSpec][] {
  return (Object.entries(OPTIONS) as [OptionName, OptionSpec][]).filter(([, spec]) => spec.commands.includes(command));
}

// Every check of the table, in table order, for the options given to `command`.
function validate(command: CommandName, given: Given): void {
  for (const [name, spec] of optionsOf(command)) {
    const raw = given.options[name];
    if (raw === undefined || raw === false) continue;
    if (spec.type === 'string' && raw === '')
      throw new UsageError(`--${name} needs a value.\nExample: ${spec.example}`);
    const problem = spec.validate?.(raw, given, command);
    if (problem !== undefined) throw new UsageError(problem);
  }
}

// An option's value as the command receives it: paths resolved from `cwd`, where the command was typed.
function resolved(spec: OptionSpec, raw: unknown, cwd: string): unknown {
  if (raw === undefined || raw === false) return undefined;
  if (raw === true) return true;
  if (spec.value === 'path') return path.resolve(cwd, asText(raw));
  if (spec.value === 'command') return /[\\/]/.test(asText(raw)) ? path.resolve(cwd, asText(raw)) : asText(raw);
  return raw;
}

export interface ArgvOptions {
  // Where the command was typed (see invocationDir in paths.ts): relative paths are resolved from here.
  cwd?: string;
}

export async function buildArgv(argv: string[], { cwd = process.cwd() }: ArgvOptions = {}): Promise<Command> {
  let command: Command | undefined;
  let parser: Argv = yargs(argv)
    .scriptName('npm run grade --')
    .usage('Grades your asyncio exercises under real CPython.\n\nUsage: npm run grade -- [exercise...] [options]');
  for (const [kind, spec] of Object.entries(COMMANDS) as [CommandName, CommandSpec][]) {
    const positionals = spec.positionals.map((p) =>
      p.required ? `<${p.name}${p.array ? '..' : ''}>` : `[${p.name}${p.array ? '..' : ''}]`,
    );
    parser = parser.command(
      [spec.name, ...positionals].join(' '),
      spec.description,
      (y) => {
        let built = y;
        for (const p of spec.positionals)
          built = built.positional(p.name, {
            type: 'string',
            describe: p.description,
            ...(p.array ? { array: true } : {}),
          });
        for (const [name, option] of optionsOf(kind)) built = built.option(name, yargsOption(option, kind));
        return built;
      },
      (args) => {
        const exercises = spec.positionals.flatMap((p) => {
          const value = args[p.name];
          if (value === undefined) return [];
          return Array.isArray(value) ? value.map(String) : [asText(value)];
        });
        // An option given twice keeps its last value, as in most command lines (yargs makes a list of them).
        const options = Object.fromEntries(optionsOf(kind).map(([name]) => [name, lastOf(args[name])]));
        const given = {
          options,
          exercises: kind === 'merge' ? exercises.map((dir) => path.resolve(cwd, dir)) : exercises,
          cwd,
        };
        validate(kind, given);
        const specs = OPTIONS as Record<OptionName, OptionSpec>;
        const value = (name: OptionName): unknown => resolved(specs[name], options[name], cwd);
        command = spec.build(given, {
          text: (name) => {
            const v = value(name);
            return v === undefined ? undefined : asText(v);
          },
          number: (name) => {
            const v = value(name);
            return typeof v === 'number' ? v : undefined;
          },
        });
      },
    );
  }
  await parser
    .example(EXAMPLES)
    .strict()
    .help()
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, cause) => {
      if (cause) throw cause;
      throw new UsageError(explainUsageError(message, argv, Object.keys(OPTIONS)));
    })
    .parseAsync();
  if (!command) throw new UsageError('Nothing to do.\nExample: npm run grade -- 01');
  return command;
}

function lastOf(value: unknown): unknown {
  return Array.isArray(value) ? value.at(-1) : value;
}
