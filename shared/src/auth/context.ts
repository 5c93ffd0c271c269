import type { AuthChecker } from 'type-graphql';
import { Role, Viewer } from './roles';
import type { AuthConfig } from '../config/env';
import { bearerFrom, verifyToken } from './tokens';
import { unauthenticated, unauthenticatedError } from '../errors';
import type { RevocationList } from './revocations';

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
 * (UNAUTHENTICATED with the reason: INVALID_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN).
 */
export async function viewerFromHeader(auth: AuthConfig, header: string | undefined, revocations?: RevocationList): Promise<Viewer | null> {
  const token = bearerFrom(header);
  if (!token) return null;
  try {
    const { issuedAt, ...viewer } = await verifyToken(auth, token);
    if (revocations?.isRevoked(viewer.accountId, issuedAt)) throw unauthenticated('REVOKED_TOKEN');
    return viewer;
  } catch (e) {
    throw unauthenticatedError(e);
  }
}
