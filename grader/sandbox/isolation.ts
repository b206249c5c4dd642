// Which isolation learner code runs under, and why: recorded in every results document.

// bwrap: a bubblewrap sandbox (own PID, network, mount and user namespaces, a read-only view of only what the
// run needs). uid: an unprivileged user of its own (the grader runs as root where namespaces are refused).
// none: the grader's own user, with resource limits only.
export type IsolationLevel = 'bwrap' | 'uid' | 'none';

export interface Isolation {
  level: IsolationLevel;
  // Why this level: what was found, and what a stronger level would need.
  reason: string;
}

// What the user asked for: ASYNCIO_LAB_SANDBOX=bwrap|uid|none (auto by default), or --no-sandbox.
export type IsolationRequest = 'auto' | IsolationLevel;

export function requestedIsolation(env: NodeJS.ProcessEnv, noSandbox = false): IsolationRequest {
  if (noSandbox) return 'none';
  const asked = (env.ASYNCIO_LAB_SANDBOX ?? '').trim().toLowerCase();
  return asked === 'bwrap' || asked === 'uid' || asked === 'none' ? asked : 'auto';
}
