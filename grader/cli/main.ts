// The command line: parse, run one command, and turn every failure into a plain message and an exit code.
// Exit codes (the rule for a grading run is exitCode in results/assemble.ts): 0 no graded check fails, exercises not
// started included; 1 a graded check fails or could not run; 2 a usage or set-up problem; 3 a bug in the grader.
import { EnvironmentError, UsageError } from '../errors.js';
import * as say from '../messages.js';
import { invocationDir } from '../paths.js';
import { buildArgv } from './argv.js';

export interface Io {
  // columns: the terminal's width, to fold messages to (see reporters/wrap.ts).
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const defaultIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env };

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const command = await buildArgv(argv, { cwd: invocationDir(io.env) });
    switch (command.kind) {
      case 'grade':
        return await (await import('./commands/grade.js')).grade(command, io);
      case 'list':
        return (await import('./commands/list.js')).list(io);
      case 'hint':
        return (await import('./commands/hint.js')).hint(command, io);
      case 'reset':
        return await (await import('./commands/reset.js')).reset(command, io);
      case 'solution':
        return (await import('./commands/solution.js')).solution(command, io);
      case 'watch':
        return await (await import('./commands/watch.js')).watch(command, io);
      case 'merge':
        return (await import('./commands/merge.js')).merge(command, io);
    }
  } catch (cause) {
    if (cause instanceof UsageError || cause instanceof EnvironmentError) {
      io.stderr.write(`${cause.message}\n`);
      return 2;
    }
    io.stderr.write(`${say.graderBug(cause)}\n`);
    if (io.env.ASYNCIO_LAB_DEBUG && cause instanceof Error) io.stderr.write(`${cause.stack ?? ''}\n`);
    return 3;
  }
}
