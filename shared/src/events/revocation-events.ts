import type { RevocationList } from '../auth/revocations';
import type { EventPayloads } from './contract';
import { startLiveConsumer, type EventTransport, type RunningConsumer } from './consumer';

/**
 * Pushes the organization's AccountFrozen / AccountRevoked events into a
 * process's revocation list as they happen (within a poll of the feed, or at
 * once from NATS), so a frozen account is refused everywhere within a second.
 * The revocation feed poll stays on as the repair (a process that missed events
 * while down, a lost connection).
 */
export function followRevocations(list: RevocationList, t: EventTransport): Promise<RunningConsumer> {
  return startLiveConsumer(['AccountFrozen', 'AccountRevoked'], t, (e) => {
    const p = e.payload as EventPayloads['AccountFrozen'] | EventPayloads['AccountRevoked'];
    // notBeforeMs is absent from an older producer's events: notBeforeMsOf counts its seconds conservatively.
    list.apply({ accountId: p.accountId, notBefore: p.notBefore, ...(p.notBeforeMs !== undefined ? { notBeforeMs: p.notBeforeMs } : {}) }, e.aggregateVersion);
  });
}
