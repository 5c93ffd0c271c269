import { SignJWT, jwtVerify, decodeProtectedHeader } from 'jose';
import type { AuthConfig } from '../config/env';
import { Role, Viewer, ALL_ROLES } from './roles';
import { unauthenticated } from '../errors';

const ISSUER = 'group-graph';
const AUDIENCE = 'group-graph';

/** Signs a viewer into a JWT with the first (current) key of the key ring. */
export async function signToken(auth: AuthConfig, viewer: Viewer): Promise<{ token: string; expiresAt: Date }> {
  const key = auth.keys[0];
  const now = Math.floor(Date.now() / 1000);
  const exp = now + auth.tokenTtlSeconds;
  const token = await new SignJWT({ role: viewer.role, seg: viewer.segmentIds, emp: viewer.employeeId })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .setSubject(viewer.accountId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(key.secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

/**
 * Verifies a bearer token against every key of the ring (selected by `kid`).
 * Throws UNAUTHENTICATED on anything wrong; never returns a partial viewer.
 */
export async function verifyToken(auth: AuthConfig, token: string): Promise<Viewer & { issuedAt: number }> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw unauthenticated('Malformed bearer token');
  }
  const key = auth.keys.find((k) => k.kid === kid);
  if (!key) throw unauthenticated('Token signed with an unknown or retired key');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(key.secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || !ALL_ROLES.includes(role) || !Array.isArray(payload.seg)) {
      throw new Error('bad claims');
    }
    return {
      accountId: payload.sub,
      role,
      segmentIds: (payload.seg as unknown[]).filter((s): s is string => typeof s === 'string'),
      employeeId: typeof payload.emp === 'string' ? payload.emp : null,
      issuedAt: payload.iat ?? 0,
    };
  } catch {
    throw unauthenticated('Invalid or expired bearer token');
  }
}

export function bearerFrom(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1] : null;
}
