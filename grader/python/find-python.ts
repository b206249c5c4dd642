import { pythonProblem } from '../messages.js';
import { EnvironmentError } from '../errors.js';

export interface PythonInfo {
  // The real interpreter (sys.executable), spawned directly so a launcher shim is paid for once.
  executable: string;
  version: string;
  implementation: string;
  // How it was asked for: the --python value, $PYTHON, or the command name found on PATH.
  requested: string;
}

export interface Candidate {
  command: string;
  args: string[];
  source: 'option' | 'env' | 'path';
}

export interface Found {
  candidate: Candidate;
  info?: { executable: string; version: string; implementation: string; versionInfo: number[] };
  error?: string;
}

// The oldest CPython the kit supports: what a learner on a still-supported Linux LTS meets (Ubuntu 22.04, and
// Gradescope's default image, ship 3.10). Older ones are refused with a message naming what was found.
export const MINIMUM: readonly [number, number] = [3, 10];

const PROBE =
  'import sys, platform, json; print(json.dumps({"executable": sys.executable, "version": platform.python_version(), ' +
  '"implementation": platform.python_implementation(), "versionInfo": list(sys.version_info[:3])}))';

export function candidates(option: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Candidate[] {
  if (option) return [{ command: option, args: [], source: 'option' }];
  if (env.PYTHON) return [{ command: env.PYTHON, args: [], source: 'env' }];
  const list: Candidate[] = [
    { command: 'python3', args: [], source: 'path' },
    { command: 'python', args: [], source: 'path' },
  ];
  if (platform === 'win32') list.push({ command: 'py', args: ['-3'], source: 'path' });
  return list;
}

export function isSupported(found: Found): boolean {
  const info = found.info;
  if (!info || info.implementation !== 'CPython') return false;
  const [major = 0, minor = 0] = info.versionInfo;
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

async function inspect(candidate: Candidate): Promise<Found> {
  const { execa } = await import('execa');
  const result = await execa(candidate.command, [...candidate.args, '-c', PROBE], {
    reject: false,
    timeout: 15_000,
    stdin: 'ignore',
    windowsHide: true,
  });
  if (result.failed) {
    const code = (result as { code?: string }).code;
    const error = code === 'ENOENT' ? 'not found' : `could not run it (${(result.shortMessage ?? 'unknown error').split('\n')[0]})`;
    return { candidate, error };
  }
  try {
    const line = result.stdout.trim().split('\n').pop() ?? '';
    return { candidate, info: JSON.parse(line) as Found['info'] };
  } catch {
    return { candidate, error: 'it did not answer like a Python interpreter' };
  }
}

// Finds a supported CPython or throws an EnvironmentError whose message says what was found and what is needed.
export async function findPython(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<PythonInfo> {
  const tried: Found[] = [];
  for (const candidate of candidates(option, env, process.platform)) {
    const found = await inspect(candidate);
    tried.push(found);
    if (isSupported(found) && found.info) {
      return {
        executable: found.info.executable,
        version: found.info.version,
        implementation: found.info.implementation,
        requested: [candidate.command, ...candidate.args].join(' '),
      };
    }
  }
  throw new EnvironmentError(pythonProblem(tried, MINIMUM));
}
