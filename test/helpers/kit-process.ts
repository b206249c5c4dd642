// Runs a temporary kit as a learner would: its CLI, or one of its command modules (see drive-command.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { testPython } from './python.js';
import type { TempKit } from './temp-kit.js';

export interface KitRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const driver = path.join(path.dirname(fileURLToPath(import.meta.url)), 'drive-command.mjs');

async function run(args: string[], cwd: string, input?: string, env: Record<string, string> = {}): Promise<KitRun> {
  const python = await testPython();
  const result = await execa(process.execPath, args, {
    cwd,
    env: {
      PYTHON: python.executable,
      NO_COLOR: '1',
      GITHUB_ACTIONS: undefined,
      GITHUB_STEP_SUMMARY: undefined,
      GITHUB_OUTPUT: undefined,
      INIT_CWD: undefined,
      npm_lifecycle_event: undefined,
      COLUMNS: undefined,
      ...env,
    },
    reject: false,
    ...(input !== undefined ? { input } : { stdin: 'ignore' as const }),
    timeout: 300_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

// `env`: variables to set for this run (e.g. COLUMNS for the width to fold messages to).
export function runKitCli(kit: TempKit, args: string[], env: Record<string, string> = {}): Promise<KitRun> {
  return run([kit.bin, ...args], kit.root, undefined, env);
}

// `command` is the typed command main() would pass; `fn` the exported function (reset, hint, solution, list, watch).
export function runKitCommand(
  kit: TempKit,
  module: string,
  command: object,
  fn = module,
  input?: string,
): Promise<KitRun> {
  return run([driver, kit.root, module, fn, JSON.stringify(command)], kit.root, input);
}

export const driverPath = driver;
