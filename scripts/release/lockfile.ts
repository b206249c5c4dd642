// The student edition installs fewer tools than the kit (no test runner, no workflow linter): its package-lock.json is
// the kit's with the packages no longer reachable left out, so `npm ci` installs exactly the pinned versions it needs.
export interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockPackage>;
  [key: string]: unknown;
}

// Where Node would find `name` required from the package at `from` ("" is the root): the nearest node_modules upward.
function resolve(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (!base) return undefined;
    const at = base.lastIndexOf('node_modules/');
    base = at <= 0 ? '' : base.slice(0, at - 1);
  }
}

// The lock for a root whose dependencies are now `root` (a package.json's fields): unreachable packages dropped.
export function pruneLockfile(lock: Lockfile, root: LockPackage): Lockfile {
  const packages = lock.packages;
  const reachable = new Set<string>(['']);
  const queue: string[] = [''];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    const entry = at === '' ? root : packages[at];
    const wanted = {
      ...(entry?.dependencies ?? {}),
      ...(entry?.optionalDependencies ?? {}),
      ...(entry?.peerDependencies ?? {}),
      ...(at === '' ? (entry?.devDependencies ?? {}) : {}),
    };
    for (const name of Object.keys(wanted)) {
      const found = resolve(packages, at, name);
      if (found !== undefined && !reachable.has(found)) {
        reachable.add(found);
        queue.push(found);
      }
    }
  }
  const kept = Object.fromEntries(
    Object.entries(packages)
      .filter(([key]) => reachable.has(key))
      .map(([key, value]) => [key, key === '' ? { ...value, ...pick(root) } : value]),
  );
  return { ...lock, packages: kept };
}

// The fields of package.json that npm records on the lock's root entry.
function pick(root: LockPackage): Record<string, unknown> {
  const fields = ['name', 'version', 'license', 'dependencies', 'devDependencies', 'bin', 'engines'];
  return Object.fromEntries(fields.filter((field) => root[field] !== undefined).map((field) => [field, root[field]]));
}
