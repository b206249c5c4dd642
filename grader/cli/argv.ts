// Parses the command line into one typed command. Exported on its own so it is tested without running anything.
import yargs from 'yargs';
import { UsageError } from '../errors.js';

export type Command =
  | { kind: 'grade'; exercises: string[]; file?: string; json?: string; python?: string; seed?: number }
  | { kind: 'list' }
  | { kind: 'hint'; exercise: string; task?: string };

const EXAMPLES: [string, string][] = [
  ['npm run grade', 'grade every exercise'],
  ['npm run grade -- 01', 'grade exercise 01 (also: runners, 01-runners)'],
  ['npm run grade -- 03 --file my_gather.py', "grade another file as exercise 03's"],
  ['npm run grade -- --json out/results.json', 'write the results document there'],
  ['npm run grade -- --python /usr/bin/python3.12', 'use that Python'],
  ['npm run grade -- list', "each exercise's status"],
  ['npm run grade -- hint 01 2', 'hints for task 2 of exercise 01'],
];

export async function buildArgv(argv: string[]): Promise<Command> {
  let command: Command | undefined;
  const parser = yargs(argv)
    .scriptName('npm run grade --')
    .usage('Grades your asyncio exercises under real CPython.\n\nUsage: npm run grade -- [exercise...] [options]')
    .command(
      '$0 [exercises..]',
      'grade exercises (all of them by default)',
      (y) =>
        y
          .positional('exercises', { type: 'string', array: true, describe: 'exercise number, name or folder' })
          .option('file', { type: 'string', describe: "grade this file in place of the exercise's own (one exercise only)" })
          .option('json', { type: 'string', describe: 'where to write the results document (default .asyncio-lab/results.json)' })
          .option('python', { type: 'string', describe: 'the Python interpreter to use (default: $PYTHON, then python3, python)' })
          .option('seed', { type: 'number', describe: 'replay the random inputs of an earlier run' }),
      (args) => {
        const exercises = (args.exercises ?? []).map(String);
        if (args.file !== undefined && exercises.length !== 1) {
          throw new UsageError(`--file grades one exercise: name which one.\nExample: npm run grade -- 03 --file ${args.file || 'my_gather.py'}`);
        }
        if (args.seed !== undefined && (!Number.isInteger(args.seed) || args.seed < 0)) {
          throw new UsageError('--seed takes a whole number, as printed at the end of a run.\nExample: npm run grade -- --seed 1234');
        }
        for (const [name, value] of [['--file', args.file], ['--json', args.json], ['--python', args.python]] as const) {
          if (value === '') throw new UsageError(`${name} needs a value.\nExample: npm run grade -- ${name} PATH`);
        }
        command = {
          kind: 'grade',
          exercises,
          ...(args.file !== undefined ? { file: args.file } : {}),
          ...(args.json !== undefined ? { json: args.json } : {}),
          ...(args.python !== undefined ? { python: args.python } : {}),
          ...(args.seed !== undefined ? { seed: args.seed } : {}),
        };
      },
    )
    .command('list', "show each exercise's status", {}, () => {
      command = { kind: 'list' };
    })
    .command(
      'hint <exercise> [task]',
      'show the hints for a task',
      (y) => y.positional('exercise', { type: 'string', demandOption: true }).positional('task', { type: 'string' }),
      (args) => {
        command = { kind: 'hint', exercise: String(args.exercise), ...(args.task !== undefined ? { task: String(args.task) } : {}) };
      },
    )
    .example(EXAMPLES)
    .strict()
    .help()
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, cause) => {
      if (cause instanceof UsageError) throw cause;
      if (cause) throw cause;
      throw new UsageError(`${message}\nExample: npm run grade -- 01    (see npm run grade -- --help)`);
    });
  await parser.parseAsync();
  if (!command) throw new UsageError('Nothing to do.\nExample: npm run grade -- 01');
  return command;
}
