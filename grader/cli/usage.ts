// Usage errors in the learner's words: what was wrong with the command and the command line to type instead.
// yargs finds the problem; this turns its message into ours, for the command the learner was typing.
import { closest } from '../did-you-mean.js';

export type CommandName = 'grade' | 'list' | 'hint' | 'watch' | 'reset' | 'solution' | 'merge';

const COMMANDS: CommandName[] = ['list', 'hint', 'watch', 'reset', 'solution', 'merge'];

// The command line for `command` on exercise `exerciseNumber` ("03"), as a learner types it.
export function commandLine(command: CommandName, exerciseNumber = '03'): string {
  if (command === 'grade') return `npm run grade -- ${exerciseNumber}`;
  if (command === 'list') return 'npm run grade -- list';
  if (command === 'watch') return `npm run watch -- ${exerciseNumber}`;
  return `npm run grade -- ${command} ${exerciseNumber}`;
}

// The CLI's commands, as words a mistyped exercise name may have meant ("lst" for list).
export function commandNames(): { name: string; example: string }[] {
  return COMMANDS.map((name) => ({ name, example: commandLine(name) }));
}

// Which command the words on the command line were for: the first word that names one, else grading.
export function commandOf(argv: string[]): CommandName {
  return COMMANDS.find((c) => c === argv.find((word) => (COMMANDS as string[]).includes(word))) ?? 'grade';
}

// What each command takes besides options, said when it was given too much or too little.
const TAKES: Record<CommandName, string> = {
  grade: 'exercise names',
  list: 'nothing',
  hint: 'an exercise and, if you like, a task number',
  watch: 'one exercise to start with',
  reset: 'one exercise (or --all)',
  solution: 'one exercise',
  merge: "the slices' output folders",
};

const EXAMPLE: Record<CommandName, string> = {
  grade: 'npm run grade -- 03',
  list: 'npm run grade -- list',
  hint: 'npm run grade -- hint 03    (or hint 03 2 for task 2)',
  watch: 'npm run watch',
  reset: 'npm run grade -- reset 03',
  solution: 'npm run grade -- solution 03',
  merge: 'npm run grade -- merge grades-1 grades-2 grades-3 --out grades',
};

function helpFor(command: CommandName): string {
  return command === 'grade' ? 'npm run grade -- --help' : `npm run grade -- ${command} --help`;
}

function example(command: CommandName, line = EXAMPLE[command]): string {
  return `Example: ${line}    (all options: ${helpFor(command)})`;
}

// yargs' message (`Unknown argument: x`, `Not enough non-option arguments ...`) as a sentence with an example to type.
// `options`: every option of the command line, from its one table in argv.ts, for "did you mean --json?".
export function explainUsageError(message: string, argv: string[], known: string[]): string {
  const command = commandOf(argv);
  const unknown = /^Unknown arguments?: (.+)$/.exec(message.trim());
  if (unknown) {
    const words = (unknown[1] ?? '').split(', ').map((w) => w.trim());
    const options = words.filter((w) => argv.some((a) => a === `--${w}` || a.startsWith(`--${w}=`) || a === `-${w}`));
    const first = options[0];
    if (first !== undefined) {
      const meant = closest(
        first,
        [...known, 'help'].map((o) => ({ value: o, names: [o] })),
      );
      const dashes = first.length === 1 ? '-' : '--';
      return `There is no option ${dashes}${first}${meant ? `; did you mean --${meant}?` : '.'}\n${example(command)}`;
    }
    if (command === 'grade') return `There is no exercise called "${words[0] ?? ''}".\n${example(command)}`;
    return `${command} takes ${TAKES[command]}, so "${words.join(' ')}" is one word too many.\n${example(command)}`;
  }
  if (/^Not enough non-option arguments/.test(message)) {
    if (command === 'solution')
      return `Name the exercise whose reference solution you want to see.\n${example(command)}`;
    return `${command} needs ${TAKES[command]}.\n${example(command)}`;
  }
  const invalid = /Argument: (\S+), Given: "([^"]*)", Choices: (.+)$/m.exec(message);
  if (invalid) {
    const [, name = '', given = '', choices = ''] = invalid;
    const list = choices.split(', ').map((c) => c.replace(/"/g, ''));
    return `--${name} takes ${list.join(' or ')}, not "${given}".\n${example(command, `npm run grade -- --${name} ${list[list.length - 1] ?? ''}`)}`;
  }
  const missingValue = /^Not enough arguments following: (\S+)$/.exec(message.trim());
  if (missingValue) return `--${missingValue[1] ?? ''} needs a value.\n${example(command)}`;
  return `${message.trim()}\n${example(command)}`;
}
