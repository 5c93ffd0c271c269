import type { EntityManager } from 'typeorm';
import { chunks } from '@group/shared';
import { Customer } from '../customers/customer.entity';

/**
 * The segment of each existing customer imported rows attach to (leads, complaints), read with
 * `FOR UPDATE` inside the batch's transaction on MySQL/MariaDB, as `lockForUpdate` does for one
 * row: a merge deleting the customer, or an allocation moving it to another segment, locks it
 * too, so it runs wholly before the batch (whose rows then find the customer gone, or in its new
 * segment) or wholly after it (and takes the imported rows along). Call it as the FIRST read of
 * the transaction (see shared/src/database/locks.ts). Rows are locked in id order, the order a
 * merge locks its two customers in, so two writers never wait on each other crosswise.
 * Outside a transaction (mode ALL_OR_NOTHING's validation pass) it is a plain read.
 */
export async function lockCustomers(m: EntityManager, ids: Iterable<string>): Promise<Map<string, string>> {
  const lock = m.connection.driver.options.type !== 'better-sqlite3' && !!m.queryRunner?.isTransactionActive;
  const out = new Map<string, string>();
  for (const chunk of chunks([...new Set(ids)].sort())) {
    const qb = m.getRepository(Customer).createQueryBuilder('c').select(['c.id', 'c.segmentId']).where('c.id IN (:...ids)', { ids: chunk }).orderBy('c.id', 'ASC');
    if (lock) qb.setLock('pessimistic_write');
    for (const c of await qb.getMany()) out.set(c.id, c.segmentId);
  }
  return out;
}
