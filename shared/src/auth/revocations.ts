import { SignJWT, jwtVerify } from 'jose';
import type { AuthConfig } from '../config/env';
import type { Logger } from '../logger';

/**
 * A frozen or cancelled account's tokens must stop working at once, in every
 * process, although tokens are verified locally. The organization subgraph
 * (which owns accounts) publishes a revocation feed at GET /auth/revocations;
 * every other process polls it every few seconds (REVOCATION_POLL_MS) and
 * refuses tokens issued before an account's `notBefore`. Frozen and cancelled
 * accounts have notBefore = null: every token is refused.
 */
export interface Revocation {
  accountId: string;
  /** Epoch seconds; tokens issued before are invalid. null = all tokens invalid (frozen, cancelled). */
  notBefore: number | null;
}

export const REVOCATIONS_PATH = '/auth/revocations';

export class RevocationList {
  private byAccount = new Map<string, number | null>();
  private timer?: NodeJS.Timeout;
  /** When the list was last refreshed successfully (epoch ms). */
  lastRefresh = 0;

  constructor(
    private readonly load: () => Promise<Revocation[]>,
    private readonly log?: Logger,
  ) {}

  isRevoked(accountId: string, issuedAt: number): boolean {
    if (!this.byAccount.has(accountId)) return false;
    const notBefore = this.byAccount.get(accountId);
    return notBefore === null || notBefore === undefined || issuedAt < notBefore;
  }

  async refresh(): Promise<void> {
    const list = await this.load();
    this.byAccount = new Map(list.map((r) => [r.accountId, r.notBefore]));
    this.lastRefresh = Date.now();
  }

  /** Polls until stopped; a failed poll keeps the last list (and is logged). */
  start(intervalMs: number): this {
    let failing = false;
    const tick = () =>
      this.refresh().then(
        () => {
          if (failing) this.log?.info({}, 'token revocation list refreshed again');
          failing = false;
        },
        (e) => {
          if (!failing) this.log?.warn({ err: (e as Error).message }, 'could not refresh the token revocation list (keeping the last one)');
          failing = true;
        },
      );
    void tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    return this;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }
}

/** A short-lived token one service presents to another (here: to read the revocation feed). */
export async function signServiceToken(auth: AuthConfig, service: string): Promise<string> {
  const key = auth.keys[0];
  return new SignJWT({ svc: service })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .setSubject(`service:${service}`)
    .setAudience('group-graph-internal')
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(new TextEncoder().encode(key.secret));
}

export async function verifyServiceToken(auth: AuthConfig, header: string | undefined): Promise<boolean> {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1];
  if (!token) return false;
  for (const key of auth.keys) {
    try {
      await jwtVerify(token, new TextEncoder().encode(key.secret), { audience: 'group-graph-internal', algorithms: ['HS256'] });
      return true;
    } catch {
      /* try the next key */
    }
  }
  return false;
}

/** The revocation list of a process that is not the organization subgraph: polls its feed over HTTP. */
export function remoteRevocations(auth: AuthConfig, organizationGraphqlUrl: string, service: string, log?: Logger): RevocationList {
  const url = organizationGraphqlUrl.replace(/\/graphql$/, REVOCATIONS_PATH);
  return new RevocationList(async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${await signServiceToken(auth, service)}` }, signal: AbortSignal.timeout(3000) });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    return ((await res.json()) as { revocations: Revocation[] }).revocations;
  }, log);
}
