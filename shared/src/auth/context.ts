import type { AuthChecker } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { Role, Viewer } from './roles';
import type { AuthConfig } from '../config/env';
import { bearerFrom, verifyToken } from './tokens';
import { isRetryableDbError, unauthenticated, unauthenticatedError } from '../errors';
import type { TokenRevocations } from './revocations';

/** What every resolver can rely on. Subgraphs extend it with their loaders and services. */
export interface BaseContext {
  requestId: string;
  viewer: Viewer | null;
}

/** type-graphql's single auth checker: `@Authorized()` = any signed-in viewer, `@Authorized([roles])` narrows. */
export const authChecker: AuthChecker<BaseContext, Role> = ({ context }, roles) => {
  if (!context.viewer) return false;
  return roles.length === 0 || roles.includes(context.viewer.role);
};

export function requireViewer(ctx: BaseContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/**
 * Turns the Authorization header into a viewer. A missing header gives an
 * anonymous context (only the public operations will run, see
 * `requireAuthenticationPlugin`); a present but bad token is an immediate 401
 * (UNAUTHENTICATED with the reason: INVALID_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN, or
 * REVOCATION_UNAVAILABLE when the revocation list is too old to check it).
 */
export async function viewerFromHeader(auth: AuthConfig, header: string | undefined, revocations?: TokenRevocations): Promise<Viewer | null> {
  const token = bearerFrom(header);
  if (!token) return null;
  try {
    const viewer = await verifyToken(auth, token);
    await revocations?.assertNotRevoked(viewer.accountId, viewer.issuedAtMs);
    return viewer;
  } catch (e) {
    // The organization reads the account per request: its database gone is an outage, not a bad token.
    if (isRetryableDbError(e)) {
      throw new GraphQLError('The database is temporarily unavailable; retry the request', {
        extensions: { code: 'UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE', retryable: true, http: { status: 503 } },
      });
    }
    throw unauthenticatedError(e);
  }
}
