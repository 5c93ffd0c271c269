import type { EntityManager } from 'typeorm';
import { actorOf, emitEvent, revocationFrom, type Viewer } from '@group/shared';
import { AccountStatus, type Account } from './account.entity';

/**
 * An account's revocation state as an event (shared/src/events/contract.ts),
 * written in the transaction that changes it: AccountFrozen when it is frozen,
 * AccountRevoked for every other change that moves `tokensNotBefore` or the
 * status (cancel, unfreeze, permissions, password). Every subgraph and the
 * gateway apply it to their revocation lists at once; the revocation feed stays
 * the repair. `account` is the row after the change.
 */
export function accountRevocationChanged(m: EntityManager, viewer: Viewer | null, account: Account, reason: string) {
  const base = { aggregateId: account.id, aggregateVersion: account.version, segmentId: null, actor: actorOf(viewer) };
  if (account.status === AccountStatus.FROZEN && reason === 'FREEZE') {
    return emitEvent(m, { ...base, type: 'AccountFrozen', payload: { accountId: account.id, status: 'FROZEN', notBefore: null, notBeforeMs: null } });
  }
  // notBeforeMs: the exact moment (milliseconds); notBefore: the same in seconds, for older readers.
  const { notBefore, notBeforeMs } = revocationFrom(account.id, account.status !== AccountStatus.ACTIVE || !account.tokensNotBefore ? null : account.tokensNotBefore);
  return emitEvent(m, { ...base, type: 'AccountRevoked', payload: { accountId: account.id, status: account.status, notBefore, notBeforeMs, reason } });
}
