import type { AuthConfig } from '../config/env';
import { unauthenticated } from '../errors';
import { Capability, Role, Viewer } from './roles';
import { signToken } from './tokens';

/**
 * The subgraph itself, on a path that runs as the system (a scheduled job, an
 * event consumer, a benchmark or the seed), never a person. It is not a
 * `Viewer`: a service accepts it only where it declares `Viewer | SystemActor`,
 * so "no viewer" can never silently mean "sees everything".
 */
export interface SystemActor {
  readonly system: string;
}

export const systemActor = (name: string): SystemActor => Object.freeze({ system: name });

export const isSystemActor = (actor: Viewer | SystemActor): actor is SystemActor => 'system' in actor;

/**
 * The identity a system actor presents to another subgraph (in a short-lived
 * signed token): SYSTEM_ADMIN with the SYSTEM_INTEGRATION capability and no
 * segments, so it reads no business data there, only what integration
 * operations grant it.
 */
export const integrationViewer = (actor: SystemActor): Viewer => ({
  accountId: `system:${actor.system}`,
  employeeId: null,
  role: Role.SYSTEM_ADMIN,
  segmentIds: [],
  capabilities: [Capability.SYSTEM_INTEGRATION],
});

/** A bearer token of `actor`'s integration identity for calls to another subgraph, cached and renewed a minute before it expires. */
export function integrationBearer(auth: AuthConfig, actor: SystemActor): () => Promise<string> {
  let token: { value: string; expiresAt: number } | null = null;
  return async () => {
    if (!token || token.expiresAt - Date.now() < 60_000) {
      const t = await signToken(auth, integrationViewer(actor));
      token = { value: t.token, expiresAt: t.expiresAt.getTime() };
    }
    return token.value;
  };
}

/**
 * Per-request loaders need a viewer: there is none standing in for "nobody".
 * Without one (only public operations such as `login` run anonymously), a
 * subgraph that has no anonymous field gets these: any use is UNAUTHENTICATED.
 */
export function loadersWithoutViewer<L extends object>(): L {
  return new Proxy({} as L, {
    get(_target, property) {
      if (typeof property === 'symbol' || property === 'then' || property === 'toJSON') return undefined;
      throw unauthenticated();
    },
  });
}

/** A scoped batch read for the request's viewer; without one it reads nothing (for loaders that anonymous operations may reach). */
export const forViewer = <T>(viewer: Viewer | null, read: (viewer: Viewer) => Promise<T[]>): Promise<T[]> => (viewer ? read(viewer) : Promise.resolve([]));
