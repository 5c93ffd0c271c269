import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { inTransaction } from './transaction';

/**
 * The one way to guard an "at most N / exactly one" rule (seats on a body, one chair,
 * a position's headcount, one active version, one open request per person...): inside
 * the transaction that checks and then inserts, first lock the row that OWNS the rule
 * (the body, the position, the person, the customer) with `SELECT ... FOR UPDATE`.
 * Concurrent transactions that check the same rule then run one after another, so the
 * count each of them reads is the committed truth.
 *
 * MySQL/MariaDB: a real row lock, held until commit or rollback. SQLite: no row locks,
 * none needed — `inTransaction` already runs a data source's writes one at a time.
 * Must be called inside `inTransaction` (a lock outside a transaction ends at once).
 * Lock BEFORE any plain read in the transaction: MariaDB (REPEATABLE READ) fixes a transaction's
 * snapshot at its first plain read, and reads after the lock would still miss what was committed
 * while waiting for it. To reach the owner from a child row, lock the child first (a locking read
 * takes no snapshot). Never read through another connection while the transaction is open: with
 * the pool's connections all waiting for this lock, that read waits forever.
 * Returns the locked row (re-read, so it is current), or null when there is none.
 */
export async function lockForUpdate<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, where: Partial<T>): Promise<T | null> {
  const sqlite = m.connection.driver.options.type === 'better-sqlite3';
  if (!sqlite && !m.queryRunner?.isTransactionActive) throw new Error('lockForUpdate must run inside inTransaction');
  return m.getRepository(entity).findOne({ where, ...(sqlite ? {} : { lock: { mode: 'pessimistic_write' as const } }) });
}

/**
 * For a rule that no existing row owns ("the FIRST system administrator": before it exists there
 * is nothing to lock), runs `work` in a transaction while holding a MariaDB/MySQL named lock
 * (GET_LOCK). The lock is taken on the transaction's OWN connection and released only after the
 * commit, so the next holder's transaction starts after it and reads the committed truth; `work`
 * must use only the manager it is given. SQLite: `inTransaction` (writes already run one at a time,
 * and a second process's stale write is refused by SQLite itself).
 */
export async function inTransactionWithNamedLock<T>(ds: DataSource, name: string, work: (m: EntityManager) => Promise<T>, timeoutSeconds = 30): Promise<T> {
  if (ds.options.type === 'better-sqlite3') return inTransaction(ds, work);
  const runner = ds.createQueryRunner();
  try {
    const [row] = await runner.query('SELECT GET_LOCK(?, ?) AS got', [name, timeoutSeconds]);
    if (Number(row.got) !== 1) throw new Error(`could not take the lock ${name} within ${timeoutSeconds} s`);
    try {
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (e) {
        await runner.rollbackTransaction();
        throw e;
      }
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await runner.release();
  }
}
