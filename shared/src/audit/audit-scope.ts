import { AsyncLocalStorage } from 'node:async_hooks';
import type { Viewer } from '../auth/roles';

/**
 * The request an entity change belongs to. The HTTP layer runs every
 * request that may write (see `mayWrite` in http.ts) in `withAuditScope`; the subgraph server fills
 * in the viewer once the token is verified. Outside a request (jobs, CLIs, seeds) there is no
 * scope and nothing is audited row by row (those tools log what they do).
 */
export interface AuditScope {
  requestId: string;
  viewer: Viewer | null;
}

const storage = new AsyncLocalStorage<AuditScope>();

export const withAuditScope = <T>(requestId: string, fn: () => T): T => storage.run({ requestId, viewer: null }, fn);

export const currentAuditScope = (): AuditScope | undefined => storage.getStore();

/** Switches the scope off until the next `withAuditScope` (only when no request is in one: see http.ts). */
export const disableAuditScope = (): void => storage.disable();

/** Values that never reach the audit log: secrets and credentials, by name. */
const SECRET = /password|secret|token|hash|credential/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET.test(k) ? '[REDACTED]' : redact(v, depth + 1);
  return out;
}

/** Redacted JSON, cut to a size a text column holds everywhere. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const json = JSON.stringify(redact(value));
  return json.length > 60000 ? `${json.slice(0, 60000)}…` : json;
}
