import { SignJWT, jwtVerify } from 'jose';
import type { AuthConfig } from '../config/env';
import type { Logger } from '../logger';
import { createSubgraphFetch } from '../server/subgraph-fetch';
import { unauthenticated } from '../errors';

/**
 * A frozen or cancelled account's tokens must stop working at once, in every
 * process, although tokens are verified locally. The organization subgraph
 * owns accounts: it checks each token against its own database, per request
 * (`AccountRevocations`), and publishes a revocation feed at
 * GET /auth/revocations. Every other process polls that feed every few seconds
 * (REVOCATION_POLL_MS) and refuses tokens issued before an account's
 * `notBefore`. Frozen and cancelled accounts have notBefore = null: every token
 * is refused. A process whose list is older than REVOCATION_MAX_STALENESS_MS
 * (the feed unreachable) cannot tell a revoked token from a good one and
 * refuses them all (REVOCATION_UNAVAILABLE) until the feed answers again; its
 * /ready says why. With events on, the organization's AccountFrozen /
 * AccountRevoked events are applied as they arrive (`RevocationList.apply`,
 * events/revocation-events.ts); the poll is then the repair.
 *
 * Precision: exact to the millisecond for our own tokens. A revocation's
 * not-before is recorded in milliseconds (`notBeforeMs`) and compared with the
 * token's issue time in milliseconds (claim `iat_ms`, tokens.ts): a token
 * issued before the change or in its very millisecond is refused (which of the
 * two came first within a millisecond cannot be told), one issued after it is
 * not; the organization dates the tokens it signs for an account after that
 * account's own not-before (auth.service.ts), so the fresh token a change
 * returns always works. A time known only to the second counts conservatively: a
 * token without `iat_ms` (an outside OIDC issuer's, or ours from before the
 * claim) as the START of its second, a revocation without `notBeforeMs` (an
 * older producer's, seconds only) as the END of its second: tokens of that
 * second issued before AND after the change are then refused.
 */
export interface Revocation {
  accountId: string;
  /**
   * Epoch milliseconds: tokens issued before or in that millisecond are invalid. null = all tokens invalid (frozen,
   * cancelled). Always sent by the organization; absent only from an older producer (see above).
   */
  notBeforeMs?: number | null;
  /** The same in epoch seconds, floored: the first version's field, still sent for readers that compare it with `iat`. */
  notBefore: number | null;
}

/** A revocation with both fields, from the moment the account's earlier tokens stop (null = all of them). */
export function revocationFrom(accountId: string, notBefore: Date | number | null): Revocation {
  const ms = notBefore === null ? null : new Date(notBefore).getTime();
  return { accountId, notBeforeMs: ms, notBefore: ms === null ? null : Math.floor(ms / 1000) };
}

/** A revocation's not-before in epoch ms; seconds only (an older producer) count as the end of that second. */
export function notBeforeMsOf(r: Revocation): number | null {
  if (typeof r.notBeforeMs === 'number' || r.notBefore === null) return r.notBeforeMs ?? null;
  return (r.notBefore + 1) * 1000 - 1;
}

export const REVOCATIONS_PATH = '/auth/revocations';

/** Why tokens cannot be checked right now (answered by /ready). */
export interface RevocationProblem {
  reason: 'REVOCATION_UNAVAILABLE';
  /** Age of the last list fetched, null if none was ever fetched. */
  revocationListAgeMs: number | null;
  maxStalenessMs: number;
}

/** How a process checks that a verified token was not revoked after it was issued. */
export interface TokenRevocations {
  /**
   * `issuedAtMs`: the token's issue time, epoch ms (`Viewer.issuedAtMs`). Throws UNAUTHENTICATED
   * with reason REVOKED_TOKEN, or REVOCATION_UNAVAILABLE when it cannot tell.
   */
  assertNotRevoked(accountId: string, issuedAtMs: number): void | Promise<void>;
  /** null while tokens can be checked; otherwise why not. */
  problem(): RevocationProblem | null;
  stop(): void;
}

/** Epoch ms; null = every token. */
type NotBeforeMs = number | null;
const revoked = (notBeforeMs: NotBeforeMs | undefined, issuedAtMs: number) => notBeforeMs !== undefined && (notBeforeMs === null || issuedAtMs <= notBeforeMs);
const revokedToken = () => unauthenticated('REVOKED_TOKEN');

/** The organization's own check: the account's row, read for each request, so a freeze counts from the next request on every instance. */
export class AccountRevocations implements TokenRevocations {
  constructor(private readonly lookup: (accountId: string) => Promise<Revocation | null>) {}

  async assertNotRevoked(accountId: string, issuedAtMs: number): Promise<void> {
    const r = await this.lookup(accountId);
    if (r && revoked(notBeforeMsOf(r), issuedAtMs)) throw revokedToken();
  }

  problem(): null {
    return null; // the database itself is checked by /ready
  }

  stop() {}
}

/** The revocation list of a process that does not own accounts, refreshed from the organization's feed. */
export class RevocationList implements TokenRevocations {
  private byAccount = new Map<string, NotBeforeMs>();
  private timer?: NodeJS.Timeout;
  /** When the list was last refreshed successfully (epoch ms); 0 = never. */
  lastRefresh = 0;

  /** `maxStalenessMs`: once polling, how old the list may get before tokens are refused (0 = never). */
  constructor(
    private readonly load: () => Promise<Revocation[]>,
    private readonly log?: Logger,
    private readonly maxStalenessMs = 0,
  ) {}

  isRevoked(accountId: string, issuedAtMs: number): boolean {
    return revoked(this.byAccount.get(accountId), issuedAtMs);
  }

  assertNotRevoked(accountId: string, issuedAtMs: number): void {
    if (this.problem()) throw unauthenticated('REVOCATION_UNAVAILABLE');
    if (this.isRevoked(accountId, issuedAtMs)) throw revokedToken();
  }

  /** Only a polled list goes stale (a list refreshed by hand, in tests, never does); never refreshed = stale. */
  problem(): RevocationProblem | null {
    if (!this.timer || this.maxStalenessMs <= 0) return null;
    const age = this.lastRefresh ? Date.now() - this.lastRefresh : null;
    if (age !== null && age <= this.maxStalenessMs) return null;
    return { reason: 'REVOCATION_UNAVAILABLE', revocationListAgeMs: age, maxStalenessMs: this.maxStalenessMs };
  }

  async refresh(): Promise<void> {
    const pushedBefore = this.pushes;
    const list = await this.load();
    this.byAccount = new Map(list.map((r) => [r.accountId, notBeforeMsOf(r)]));
    // A change pushed while the feed was being read may be newer than the feed's answer: keep it;
    // older pushed changes are in the feed's answer (the feed is the repair of the pushed events).
    for (const [accountId, p] of this.pushed) {
      if (p.seq > pushedBefore) this.byAccount.set(accountId, p.notBeforeMs);
    }
    this.lastRefresh = Date.now();
  }

  /** Revocations pushed by the organization's events (AccountFrozen / AccountRevoked), newest account version wins. */
  private pushed = new Map<string, { notBeforeMs: NotBeforeMs; version: number; seq: number }>();
  private pushes = 0;

  /** Applies a pushed revocation at once (idempotent: an account version already applied, or an older one, changes nothing). */
  apply(r: Revocation, version: number): void {
    const known = this.pushed.get(r.accountId);
    if (known && known.version >= version) return;
    const notBeforeMs = notBeforeMsOf(r);
    this.pushed.set(r.accountId, { notBeforeMs, version, seq: ++this.pushes });
    this.byAccount.set(r.accountId, notBeforeMs);
  }

  /** Polls until stopped; a failed poll keeps the last list (and is logged) until it is too old. */
  start(intervalMs: number): this {
    let failing = false;
    let refusing = false;
    const tick = () =>
      this.refresh().then(
        () => {
          if (failing) this.log?.info({}, 'token revocation list refreshed again; tokens are checked again');
          failing = refusing = false;
        },
        (e) => {
          if (!failing) this.log?.warn({ err: (e as Error).message }, 'could not refresh the token revocation list (keeping the last one)');
          failing = true;
          const problem = this.problem();
          if (problem && !refusing) this.log?.error({ err: (e as Error).message, ...problem }, 'token revocation list out of date: refusing every token until the feed answers');
          refusing = !!problem;
        },
      );
    this.timer = setInterval(() => void tick(), intervalMs); // tick handles its own failures
    this.timer.unref();
    void tick();
    return this;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** How long a service token is valid, and how long its signer hands out the same one (then a fresh one). */
const SERVICE_TOKEN_TTL_S = 120;
const SERVICE_TOKEN_REUSE_MS = 60_000;
/** Signed tokens per key set and service, and tokens already verified (until they expire): polls every 250 ms need neither again. */
const signed = new WeakMap<AuthConfig, Map<string, { token: string; until: number }>>();
const verified = new WeakMap<AuthConfig, Map<string, number>>();

/** A short-lived token one service presents to another (to read an event feed or the revocation list). */
export async function signServiceToken(auth: AuthConfig, service: string): Promise<string> {
  let mine = signed.get(auth);
  if (!mine) signed.set(auth, (mine = new Map()));
  const now = Date.now();
  const held = mine.get(service);
  if (held && held.until > now) return held.token;
  const key = auth.keys[0];
  const token = await new SignJWT({ svc: service })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .setSubject(`service:${service}`)
    .setAudience('group-graph-internal')
    .setIssuedAt()
    .setExpirationTime(`${SERVICE_TOKEN_TTL_S}s`)
    .sign(new TextEncoder().encode(key.secret));
  mine.set(service, { token, until: now + SERVICE_TOKEN_REUSE_MS });
  return token;
}

export async function verifyServiceToken(auth: AuthConfig, header: string | undefined): Promise<boolean> {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1];
  if (!token) return false;
  let known = verified.get(auth);
  if (!known) verified.set(auth, (known = new Map()));
  const exp = known.get(token);
  if (exp !== undefined && exp > Date.now()) return true;
  for (const key of auth.keys) {
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(key.secret), { audience: 'group-graph-internal', algorithms: ['HS256'] });
      // A handful of services each renew every minute: drop the expired ones before remembering another.
      if (known.size >= 64) for (const [t, e] of known) if (e <= Date.now()) known.delete(t);
      if (known.size < 64) known.set(token, payload.exp! * 1000);
      return true;
    } catch {
      /* try the next key */
    }
  }
  return false;
}

/** Revocation list polls, over kept-alive connections (subgraph-fetch.ts). */
const revocationFetch = createSubgraphFetch(3000);

/** The revocation list of a process that is not the organization subgraph: polls its feed over HTTP. */
export function remoteRevocations(auth: AuthConfig, organizationGraphqlUrl: string, service: string, log?: Logger, maxStalenessMs = 0): RevocationList {
  const url = organizationGraphqlUrl.replace(/\/graphql$/, REVOCATIONS_PATH);
  return new RevocationList(
    async () => {
      const res = await revocationFetch(url, { method: 'GET', headers: { authorization: `Bearer ${await signServiceToken(auth, service)}` } });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      return ((await res.json()) as { revocations: Revocation[] }).revocations;
    },
    log,
    maxStalenessMs,
  );
}
