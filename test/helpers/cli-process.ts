// Runs the built CLI in its own process with a chosen environment (a variable set to undefined is removed),
// and the Python the kit's tests use.
import path from 'node:path';
import { execa } from 'execa';
import { kitRoot } from '../../grader/paths.js';
import { testPython } from './python.js';

export const kitDir = kitRoot;

export interface CliProcess {
  exitCode: number;
  stdout: string;
  stderr: string;
}

// `bin` runs another copy of the kit (a temporary kit, a student edition) in place of this one.
export async function runCliProcess(
  args: string[],
  options: { cwd?: string; bin?: string; env?: Record<string, string | undefined> } = {},
): Promise<CliProcess> {
  const python = await testPython();
  const result = await execa(process.execPath, [options.bin ?? path.join(kitRoot, 'bin', 'asyncio-lab.js'), ...args], {
    cwd: options.cwd ?? kitRoot,
    // Outside variables that switch the GitHub reporter on stay out unless a test sets them (the kit's own CI runs on
    // GitHub).
    env: {
      PYTHON: python.executable,
      NO_COLOR: '1',
      GITHUB_ACTIONS: undefined,
      GITHUB_STEP_SUMMARY: undefined,
      GITHUB_OUTPUT: undefined,
      INIT_CWD: undefined,
      npm_lifecycle_event: undefined,
      ...options.env,
    },
    reject: false,
    stdin: 'ignore',
    timeout: 600_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
