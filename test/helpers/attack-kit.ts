// A throwaway kit for attacks: its own copy of the production dependencies (so that it can be handed to another
// user), every file's digest before the attack, and its CLI run as root or as an unprivileged user.
import { createHash } from 'node:crypto';
import { chownSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { kitRoot } from '../../grader/paths.js';

export interface AttackKit {
  root: string;
  bin: string;
  // Digests of every file of the kit (dependencies aside).
  digests(): Record<string, string>;
  cli(
    args: string[],
    options: { env?: Record<string, string | undefined>; uid?: number; cwd?: string; python: string },
  ): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  remove(): void;
}

const SHIPPED = ['package.json', 'bin', 'dist', 'grader', 'exercises', 'grader-manifest.json'];

// The installed packages the kit needs at run time, as the lock file lists them (dev-only ones marked "dev").
function productionDependencies(): string[] {
  const lock = JSON.parse(readFileSync(path.join(kitRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([name, meta]) => name.startsWith('node_modules/') && !meta.dev)
    .map(([name]) => path.join(kitRoot, name));
}

export function makeAttackKit(owner?: number): AttackKit {
  const root = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-attack-kit-'));
  for (const entry of SHIPPED)
    cpSync(path.join(kitRoot, entry), path.join(root, entry), {
      recursive: true,
      filter: (source) => !/__pycache__|\.backup-/.test(source),
    });
  for (const dir of productionDependencies()) {
    const relative = path.relative(kitRoot, dir);
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    cpSync(dir, path.join(root, relative), { recursive: true });
  }
  if (owner !== undefined) chownTree(root, owner);
  return {
    root,
    bin: path.join(root, 'bin', 'asyncio-lab.js'),
    digests: () => digestTree(root),
    cli: async (args, options) => {
      const result = await execa(process.execPath, [path.join(root, 'bin', 'asyncio-lab.js'), ...args], {
        cwd: options.cwd ?? root,
        env: {
          PYTHON: options.python,
          NO_COLOR: '1',
          GITHUB_ACTIONS: undefined,
          GITHUB_STEP_SUMMARY: undefined,
          GITHUB_OUTPUT: undefined,
          GITHUB_ENV: undefined,
          ...options.env,
        },
        extendEnv: true,
        reject: false,
        stdin: 'ignore',
        timeout: 300_000,
        ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
      });
      return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function chownTree(root: string, owner: number): void {
  chownSync(root, owner, owner);
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(root, entry);
    if (!lstatSync(file).isSymbolicLink()) chownSync(file, owner, owner);
  }
}

function digestTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (entry.startsWith(`node_modules${path.sep}`) || entry === 'node_modules' || entry.startsWith('.asyncio-lab'))
      continue;
    const file = path.join(root, entry);
    const stat = lstatSync(file);
    if (stat.isFile()) out[entry] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return out;
}
