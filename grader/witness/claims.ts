// What a calling process says about a call (its thread, the learner line, what a stand-in saw), read defensively:
// the learner's process writes it, so anything malformed is dropped and everything is cut to size.
import type { Json } from '../run/observations.js';
import { asText } from '../text/as-text.js';
import type { Claims } from './types.js';

// The header a stand-in sends its claims in, when its call is a request to a service of the grader's.
export const CLAIMS_HEADER = 'x-asyncio-lab-claims';

export function readClaims(value: unknown): Claims {
  if (!value || typeof value !== 'object') return {};
  const claims = value as Record<string, unknown>;
  const out: Claims = {};
  if (typeof claims.thread === 'string') out.thread = claims.thread.slice(0, 100);
  if (typeof claims.mainThread === 'boolean') out.mainThread = claims.mainThread;
  const where = claims.where as Record<string, unknown> | null | undefined;
  if (where && typeof where === 'object' && typeof where.line === 'number') {
    out.where = {
      line: where.line,
      function: asText(where.function ?? '').slice(0, 100),
      code: asText(where.code ?? '').slice(0, 200),
    };
  } else out.where = null;
  if (claims.detail && typeof claims.detail === 'object' && !Array.isArray(claims.detail))
    out.detail = claims.detail as Record<string, Json>;
  return out;
}

// The claims a request carried in CLAIMS_HEADER (JSON), or none.
export function claimsFromHeader(header: string | string[] | undefined): Claims {
  if (typeof header !== 'string') return {};
  try {
    return readClaims(JSON.parse(header));
  } catch {
    return {};
  }
}
