// Parses the command line into one typed command. Exported on its own so it is tested without running anything.
import yargs from 'yargs';
import { UsageError } from '../errors.js';
import * as say from '../messages.js';
import { explainUsageError } from './usage.js';
import type { ResetCommand } from './commands/reset.js';
import type { SolutionCommand } from './commands/solution.js';
import type { WatchCommand } from './commands/watch.js';

export type Command =
  | {
      kind: 'grade';
      exercises: string[];
      file?: string;
      json?: string;
      // Also write the run as one self-contained HTML page here.
      html?: string;
      python?: string;
      seed?: number;
      // Unset: GitHub when GITHUB_ACTIONS=true, else the terminal alone.
      reporter?: 'terminal' | 'github';
      format?: 'results' | 'gradescope';
      // Bulk grading: a folder of submissions, where to write their results, how many at once.
      submissions?: string;
      out?: string;
      jobs?: number;
    }
  | { kind: 'list' }
  // No exercise: the first one the learner has not passed yet.
  | { kind: 'hint'; exercise?: string; task?: string }
  | ResetCommand
  | SolutionCommand
  | WatchCommand;

const EXAMPLES: [string, string][] = [
  ['npm run grade', 'grade every exercise'],
  ['npm run grade -- 01', 'grade exercise 01 (also: runners, 01-runners)'],
  ['npm run grade -- 03 --file my_gather.py', "grade another file as exercise 03's"],
  ['npm run grade -- --json out/results.json', 'write the results document there'],
  ['npm run grade -- --python /usr/bin/python3.12', 'use that Python'],
  ['npm run grade -- --reporter github', 'also report to GitHub Actions (automatic when GITHUB_ACTIONS=true)'],
  ['npm run grade -- --format gradescope --json results.json', "write Gradescope's results.json"],
  ['npm run grade -- --submissions ./class', 'grade every submission folder in ./class, with a gradebook CSV'],
  ['npm run grade -- list', "each exercise's status"],
  ['npm run grade -- hint', 'the next hint for the first exercise not passed yet'],
  ['npm run grade -- hint 01 2', 'the next hint for task 2 of exercise 01'],
  ['npm run watch', 'one screen that grades again on every save; n moves on once it passes'],
  ['npm run grade -- reset 03', "put exercise 03's file back as shipped (yours is kept as a backup)"],
  ['npm run grade -- solution 03', 'the reference solution, once exercise 03 passes'],
  ['npm run grade -- --html report.html', 'also write the run as one HTML page, with timelines'],
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
          .option('seed', { type: 'number', describe: 'replay the random inputs of an earlier run' })
          .option('reporter', { type: 'string', choices: ['terminal', 'github'], describe: 'where to report besides the results file (default: github on GitHub Actions)' })
          .option('format', { type: 'string', choices: ['results', 'gradescope'], describe: "the form of the --json file: the kit's results document or Gradescope's results.json" })
          .option('submissions', { type: 'string', describe: "grade every learner's folder in this folder and write a gradebook" })
          .option('out', { type: 'string', describe: 'with --submissions: where to write the results and gradebook.csv (default: DIR-grades)' })
          .option('jobs', { type: 'number', describe: 'with --submissions: how many to grade at once (default: one per core)' })
          .option('html', { type: 'string', describe: 'also write the whole run as one self-contained HTML page, with timelines' })
          .option('watch', { type: 'boolean', describe: 'grade again every time the file is saved (the same as npm run watch)' })
          .option('manual', { type: 'boolean', describe: 'with --watch: grade when you press r, for folders without change events' }),
      (args) => {
        const exercises = (args.exercises ?? []).map(String);
        if (args.file !== undefined && exercises.length !== 1) {
          throw new UsageError(`--file grades one exercise: name which one.\nExample: npm run grade -- 03 --file ${args.file || 'my_gather.py'}`);
        }
        if (args.seed !== undefined && (!Number.isInteger(args.seed) || args.seed < 0)) {
          throw new UsageError('--seed takes a whole number, as printed at the end of a run.\nExample: npm run grade -- --seed 1234');
        }
        for (const [name, value] of [['--file', args.file], ['--json', args.json], ['--python', args.python], ['--submissions', args.submissions], ['--out', args.out]] as const) {
          if (value === '') throw new UsageError(`${name} needs a value.\nExample: npm run grade -- ${name} PATH`);
        }
        if (args.format === 'gradescope' && args.json === undefined) throw new UsageError(say.gradescopeNeedsJson());
        if (args.submissions !== undefined && (args.file !== undefined || args.format === 'gradescope' || args.json !== undefined)) {
          throw new UsageError('--submissions grades many folders and writes its own files; leave out --file, --json and --format.\nExample: npm run grade -- --submissions ./class --out ./grades');
        }
        if ((args.out !== undefined || args.jobs !== undefined) && args.submissions === undefined) {
          throw new UsageError('--out and --jobs go with --submissions.\nExample: npm run grade -- --submissions ./class --jobs 4');
        }
        if (args.manual && !args.watch) throw new UsageError('--manual goes with --watch.\nExample: npm run watch -- --manual');
        if (args.html === '') throw new UsageError('--html needs a value.\nExample: npm run grade -- --html report.html');
        if (args.watch) {
          if (exercises.length > 1 || args.file !== undefined || args.json !== undefined || args.submissions !== undefined || args.format !== undefined || args.html !== undefined) {
            throw new UsageError('--watch follows one exercise at a time in your own files; leave out --file, --json, --format, --html and --submissions.\nExample: npm run grade -- 03 --watch');
          }
          command = {
            kind: 'watch',
            ...(exercises[0] !== undefined ? { exercise: exercises[0] } : {}),
            ...(args.manual ? { manual: true } : {}),
            ...(args.python !== undefined ? { python: args.python } : {}),
            ...(args.seed !== undefined ? { seed: args.seed } : {}),
          };
          return;
        }
        if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1)) {
          throw new UsageError('--jobs takes a whole number of submissions to grade at once.\nExample: npm run grade -- --submissions ./class --jobs 4');
        }
        command = {
          kind: 'grade',
          exercises,
          ...(args.file !== undefined ? { file: args.file } : {}),
          ...(args.json !== undefined ? { json: args.json } : {}),
          ...(args.python !== undefined ? { python: args.python } : {}),
          ...(args.seed !== undefined ? { seed: args.seed } : {}),
          ...(args.reporter !== undefined ? { reporter: args.reporter as 'terminal' | 'github' } : {}),
          ...(args.format !== undefined ? { format: args.format as 'results' | 'gradescope' } : {}),
          ...(args.submissions !== undefined ? { submissions: args.submissions } : {}),
          ...(args.out !== undefined ? { out: args.out } : {}),
          ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
          ...(args.html !== undefined ? { html: args.html } : {}),
        };
      },
    )
    .command('list', "show each exercise's status and points, and your progress", {}, () => {
      command = { kind: 'list' };
    })
    .command(
      'hint [exercise] [task]',
      'show the next hint for the first failing task (or the task you name) of the exercise (default: the first one not passed yet)',
      (y) =>
        y
          .positional('exercise', { type: 'string', describe: 'exercise number, name or folder (default: the first one not passed yet)' })
          .positional('task', { type: 'string', describe: 'task number (default: the first failing one)' }),
      (args) => {
        command = {
          kind: 'hint',
          ...(args.exercise !== undefined ? { exercise: String(args.exercise) } : {}),
          ...(args.task !== undefined ? { task: String(args.task) } : {}),
        };
      },
    )
    .command(
      'watch [exercise]',
      'one screen that grades again on every save; n moves on once it passes (keys: h hint, l list, n next, r grade now, q quit)',
      (y) =>
        y
          .positional('exercise', { type: 'string', describe: 'start here (default: the first exercise not passed yet)' })
          .option('manual', { type: 'boolean', describe: 'grade when you press r, for folders without change events' })
          .option('python', { type: 'string', describe: 'the Python interpreter to use' })
          .option('seed', { type: 'number', describe: 'replay the random inputs of an earlier run' }),
      (args) => {
        command = {
          kind: 'watch',
          ...(args.exercise !== undefined ? { exercise: String(args.exercise) } : {}),
          ...(args.manual ? { manual: true } : {}),
          ...(args.python !== undefined ? { python: args.python } : {}),
          ...(args.seed !== undefined ? { seed: args.seed } : {}),
        };
      },
    )
    .command(
      'reset [exercise]',
      "put an exercise's file back as shipped, after asking; your version is kept as a backup next to it",
      (y) =>
        y
          .positional('exercise', { type: 'string', describe: 'exercise number, name or folder' })
          .option('all', { type: 'boolean', describe: 'reset every exercise you changed' })
          .option('yes', { type: 'boolean', describe: 'do not ask (for scripts)' }),
      (args) => {
        if (args.exercise !== undefined && args.all) throw new UsageError('Name one exercise or use --all, not both.\nExample: npm run grade -- reset 03');
        command = {
          kind: 'reset',
          ...(args.exercise !== undefined ? { exercise: String(args.exercise) } : {}),
          ...(args.all ? { all: true } : {}),
          ...(args.yes ? { yes: true } : {}),
        };
      },
    )
    .command(
      'solution <exercise>',
      'show the reference solution, once the exercise passes',
      (y) => y.positional('exercise', { type: 'string', demandOption: true }),
      (args) => {
        command = { kind: 'solution', exercise: String(args.exercise) };
      },
    )
    .example(EXAMPLES)
    .strict()
    .help()
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    // A repeated option keeps its last value, as in most command lines, instead of becoming a list.
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .fail((message, cause) => {
      if (cause) throw cause;
      throw new UsageError(explainUsageError(message, argv));
    });
  await parser.parseAsync();
  if (!command) throw new UsageError('Nothing to do.\nExample: npm run grade -- 01');
  return command;
}
