import { SignJWT, jwtVerify, decodeProtectedHeader, createRemoteJWKSet, JWTPayload } from 'jose';
import type { AuthConfig } from '../config/env';
import { Role, Viewer, ALL_ROLES, capabilitiesFrom } from './roles';
import { unauthenticated } from '../errors';
import { authErrors as errors } from './auth.errors';

const ISSUER = 'group-graph';
const AUDIENCE = 'group-graph';

/**
 * Our tokens' issue time to the millisecond (claim `iat_ms`, epoch ms, always within the second of
 * `iat`): revocations are recorded in milliseconds, so a token issued in the same second as a
 * password change, a freeze or a permission change, but before it, is refused (revocations.ts).
 */
const IAT_MS = 'iat_ms';

/**
 * Signs a viewer into a JWT with the first (current) key of the key ring. `issuedAtMs` (epoch ms)
 * backdates the token's `iat`/`iat_ms`: a token signed on someone's behalf later (a bulk operation's
 * pages) keeps the time the person's own token was valid, so every revocation since then applies to it.
 */
export async function signToken(auth: AuthConfig, viewer: Viewer, issuedAtMs?: number): Promise<{ token: string; expiresAt: Date }> {
  const key = auth.keys[0];
  const nowMs = Date.now();
  const issued = Math.floor(issuedAtMs ?? nowMs);
  const exp = Math.floor(nowMs / 1000) + auth.tokenTtlSeconds;
  const token = await new SignJWT({
    [IAT_MS]: issued,
    role: viewer.role,
    seg: viewer.segmentIds,
    emp: viewer.employeeId,
    ...(viewer.capabilities?.length ? { cap: viewer.capabilities } : {}),
    ...(viewer.bulkOperationId ? { bulk: viewer.bulkOperationId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .setSubject(viewer.accountId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(issued / 1000))
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(key.secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

type VerifiedViewer = Viewer & { issuedAtMs: number };

/**
 * Tokens already verified by this process, until they expire: a request
 * through the gateway is verified at the edge and again by every subgraph it
 * reaches, and a client sends the same token for an hour; the signature check
 * (an HMAC, a key object, claim checks) was ~7% of a small subgraph request.
 * Only successes are kept (garbage cannot fill it), at most 10,000 tokens;
 * revocation is still checked on every request (viewerFromHeader).
 */
const VERIFIED_MAX = 10_000;
const verified = new WeakMap<AuthConfig, Map<string, { viewer: VerifiedViewer; exp: number }>>();
const secrets = new WeakMap<object, Uint8Array>();
const secretOf = (key: { secret: string }) => {
  let s = secrets.get(key);
  if (!s) secrets.set(key, (s = new TextEncoder().encode(key.secret)));
  return s;
};

/**
 * Verifies a bearer token against every key of the ring (selected by `kid`).
 * Throws UNAUTHENTICATED on anything wrong; never returns a partial viewer.
 */
export async function verifyToken(auth: AuthConfig, token: string): Promise<VerifiedViewer> {
  let cache = verified.get(auth);
  const hit = cache?.get(token);
  if (hit && hit.exp > Date.now() / 1000) return hit.viewer;
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw errors.malformedToken();
  }
  const key = auth.keys.find((k) => k.kid === kid);
  if (!key) {
    if (auth.oidc) return verifyOidcToken(auth.oidc, token);
    throw errors.unknownKey();
  }
  try {
    const { payload } = await jwtVerify(token, secretOf(key), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || !ALL_ROLES.includes(role) || !Array.isArray(payload.seg)) {
      throw new Error('bad claims');
    }
    const iatMs = payload[IAT_MS];
    // A token of ours without `iat_ms` (signed before it existed) counts from the start of its second.
    if (iatMs !== undefined && !(Number.isSafeInteger(iatMs) && Math.floor((iatMs as number) / 1000) === payload.iat)) throw new Error('bad iat_ms');
    // Frozen: the same object serves every later request with this token.
    const viewer: VerifiedViewer = Object.freeze({
      accountId: payload.sub,
      role,
      segmentIds: Object.freeze((payload.seg as unknown[]).filter((s): s is string => typeof s === 'string')) as string[],
      employeeId: typeof payload.emp === 'string' ? payload.emp : null,
      capabilities: Object.freeze(capabilitiesFrom(payload.cap)) as ReturnType<typeof capabilitiesFrom>,
      issuedAtMs: typeof iatMs === 'number' ? iatMs : (payload.iat ?? 0) * 1000,
      ...(typeof payload.bulk === 'string' ? { bulkOperationId: payload.bulk } : {}),
    });
    if (typeof payload.exp === 'number') {
      if (!cache) verified.set(auth, (cache = new Map()));
      if (cache.size >= VERIFIED_MAX) cache.delete(cache.keys().next().value!);
      cache.set(token, { viewer, exp: payload.exp });
    }
    return viewer;
  } catch (e) {
    throw expired(e) ? unauthenticated('EXPIRED_TOKEN') : unauthenticated('INVALID_TOKEN');
  }
}

/** jose's error for a token past its `exp`. */
const expired = (e: unknown) => (e as { code?: string } | undefined)?.code === 'ERR_JWT_EXPIRED';

export function bearerFrom(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1] : null;
}

/**
 * One JWKS client per URL: it caches the issuer's keys and refetches on an
 * unknown key id (rotation), at most once per cooldown (no refetch storms from
 * forged key ids).
 */
const jwksClients = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * A token from the company's own identity provider (OIDC): verified against
 * the issuer's published keys (JWKS, RS256/ES256...), its issuer and audience.
 * The group roles and segments come from two configurable claims; a token
 * without a valid role is refused (deny by default).
 */
async function verifyOidcToken(oidc: NonNullable<AuthConfig['oidc']>, token: string): Promise<VerifiedViewer> {
  let jwks = jwksClients.get(oidc.jwksUrl);
  if (!jwks) jwksClients.set(oidc.jwksUrl, (jwks = createRemoteJWKSet(new URL(oidc.jwksUrl), { cooldownDuration: oidc.jwksCooldownMs })));
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwks, { issuer: oidc.issuer, audience: oidc.audience, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] }));
  } catch (e) {
    throw expired(e) ? unauthenticated('EXPIRED_TOKEN') : errors.invalidOidcToken();
  }
  const role = payload[oidc.roleClaim] as Role;
  const segments = payload[oidc.segmentsClaim];
  if (typeof payload.sub !== 'string' || !ALL_ROLES.includes(role)) {
    throw errors.oidcRoleClaimInvalid(oidc.roleClaim);
  }
  return {
    accountId: `oidc:${payload.sub}`,
    role,
    segmentIds: Array.isArray(segments) ? segments.filter((s): s is string => typeof s === 'string') : [],
    employeeId: typeof payload[oidc.employeeClaim] === 'string' ? (payload[oidc.employeeClaim] as string) : null,
    // Known to the second only: counted from the second's start, so a revocation anywhere in that
    // second refuses it, whether the token was issued before or after the change (conservative).
    issuedAtMs: (payload.iat ?? 0) * 1000,
  };
}
