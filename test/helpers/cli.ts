// Runs the built CLI as a learner would, as a separate process.
import { execa } from 'execa';
import path from 'node:path';
import { kitRoot } from '../../grader/paths.js';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string> = {}, cwd = kitRoot): Promise<CliRun> {
  const result = await execa(process.execPath, [path.join(kitRoot, 'bin', 'asyncio-lab.js'), ...args], {
    cwd,
    env: { NO_COLOR: '1', ...env },
    reject: false,
    stdin: 'ignore',
    timeout: 120_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
