// A bubblewrap sandbox for one submission's runs: its own PID, network, mount, user, IPC and UTS namespaces;
// a read-only view of the Python installation, the harness, the exercise twins and the learner's files;
// a size-capped private /tmp; and, to reach the grader, one socket.
import { existsSync, lstatSync, readlinkSync } from 'node:fs';

// Where the sandbox sees what the grader hands in.
export const INSIDE = {
  harness: '/run/asyncio-lab/harness',
  twins: '/run/asyncio-lab/twins',
  files: '/run/asyncio-lab/files',
  socket: '/run/asyncio-lab/witness.sock',
  tmp: '/tmp',
};

export interface BwrapLayout {
  // Folders of the Python installation outside /usr, bound read-only at the same paths.
  pythonRoots: string[];
  harnessDir: string;
  twinsDir: string;
  filesDir: string;
  socketPath: string;
  tmpBytes: number;
  env: Record<string, string>;
}

// The system's own folders, bound read-only (or recreated as the same symbolic links).
const SYSTEM = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
const DEVICES = ['/dev/null', '/dev/zero', '/dev/full', '/dev/random', '/dev/urandom'];
// Learner code sees this user: an unprivileged one, whoever runs the grader.
const NOBODY = '65534';

export function bwrapArgs(layout: BwrapLayout, command: string[]): string[] {
  const args = [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--uid',
    NOBODY,
    '--gid',
    NOBODY,
    '--hostname',
    'asyncio-lab',
    '--die-with-parent',
    '--new-session',
  ];
  for (const dir of SYSTEM) {
    const kind = kindOf(dir);
    if (kind === 'link') args.push('--symlink', readlinkSync(dir), dir);
    else if (kind === 'dir') args.push('--ro-bind', dir, dir);
  }
  if (existsSync('/etc/ld.so.cache')) args.push('--ro-bind', '/etc/ld.so.cache', '/etc/ld.so.cache');
  for (const root of layout.pythonRoots) args.push('--ro-bind', root, root);
  args.push('--proc', '/proc', '--dir', '/dev');
  for (const device of DEVICES) if (existsSync(device)) args.push('--dev-bind', device, device);
  args.push('--symlink', '/proc/self/fd', '/dev/fd');
  ['stdin', 'stdout', 'stderr'].forEach((name, fd) => args.push('--symlink', `/proc/self/fd/${fd}`, `/dev/${name}`));
  args.push('--size', String(layout.tmpBytes), '--tmpfs', INSIDE.tmp);
  args.push('--ro-bind', layout.harnessDir, INSIDE.harness);
  args.push('--ro-bind', layout.twinsDir, INSIDE.twins);
  args.push('--ro-bind', layout.filesDir, INSIDE.files);
  args.push('--ro-bind', layout.socketPath, INSIDE.socket);
  // Everything but /tmp is read-only from here on: nothing can be written outside the capped tmpfs.
  args.push('--remount-ro', '/');
  args.push('--chdir', INSIDE.tmp, '--clearenv');
  for (const [name, value] of Object.entries(layout.env)) args.push('--setenv', name, value);
  args.push('--', ...command);
  return args;
}

// Why bubblewrap could not start a sandbox here, in words that say what to do.
export function explainBwrapFailure(stderr: string): string {
  const said =
    stderr
      .trim()
      .split('\n')
      .find((line) => line.startsWith('bwrap:')) ??
    stderr.trim().split('\n')[0] ??
    '';
  if (/setting up uid map: Permission denied|RTM_NEWADDR|apparmor/i.test(stderr)) {
    return `bubblewrap is installed but may not create user namespaces here (${said}). On Ubuntu 23.10 and later, AppArmor restricts them: allow them for bwrap alone with an AppArmor profile (see docs/sandbox.md).`;
  }
  if (
    /No permissions to creat|Creating new namespace failed|Operation not permitted|unprivileged_userns/i.test(stderr)
  ) {
    return `bubblewrap is installed but the system refuses it new namespaces (${said}): user namespaces are disabled, or this is a container that does not allow them (see docs/sandbox.md).`;
  }
  return `bubblewrap is installed but could not start a sandbox (${said || 'no message'}).`;
}

function kindOf(file: string): 'dir' | 'link' | 'none' {
  try {
    const stat = lstatSync(file);
    if (stat.isSymbolicLink()) return 'link';
    return stat.isDirectory() ? 'dir' : 'none';
  } catch {
    return 'none';
  }
}
