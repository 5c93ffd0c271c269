import { createHash } from 'node:crypto';
import { Column, Entity, PrimaryColumn, type DataSource, type EntityManager, type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { DomainError, isUniqueViolation } from '../errors';
import { databaseErrors } from './database.errors';
import { col } from './columns';

/**
 * Idempotency keys for create/submit mutations (issue 8: mobile apps retry).
 * One row per (account, operation, key), written as the FIRST write of the
 * creating transaction: concurrent retries collide on the primary key and
 * exactly one record is created. `requestHash` (SHA-256 of the canonical
 * input) refuses a reused key with a different body. Every subgraph has the
 * table (added by `createDataSource`, like the audit log).
 */
@Entity('idempotency_record')
export class IdempotencyRecord {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 100 })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  operation: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 64 })
  key: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'result_id', type: 'varchar', length: 100 })
  resultId: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

export class IdempotencyRecords1764900100000 implements MigrationInterface {
  name = 'IdempotencyRecords1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'idempotency_record',
        columns: [
          { ...col.string('account_id', 100), isPrimary: true },
          { ...col.string('operation', 60), isPrimary: true },
          { ...col.string('idempotency_key', 64), isPrimary: true },
          col.string('request_hash', 64),
          col.string('result_id', 100),
          col.datetime('created_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('idempotency_record');
  }
}

/** JSON with sorted keys (no `idempotencyKey`, no undefined), so field order does not change the hash. */
function canonical(v: unknown): string {
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([k, x]) => x !== undefined && k !== 'idempotencyKey');
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}
export const requestHash = (body: unknown): string => createHash('sha256').update(canonical(body)).digest('hex');

export const idempotencyKeyReused = databaseErrors.idempotencyKeyReused;

/** Called by `create` inside its transaction, before any other write, with the new record's id. */
export type IdempotencyClaim = (m: EntityManager, resultId: string) => Promise<void>;

/** A claim that lost the race; never reaches clients. */
class KeyTaken extends DomainError {
  constructor() {
    super('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', 'This idempotency key is being used by a concurrent request');
  }
}

/**
 * Runs a create/submit at most once per (account, operation, key):
 * - no key: just `create` (its claim does nothing);
 * - a key seen before with the same input: the first result, re-read through
 *   `find` with the viewer's visibility; nothing is created;
 * - a key seen before with another input, or whose result the viewer can no
 *   longer see: CONFLICT IDEMPOTENCY_KEY_REUSED;
 * - concurrent first calls: the loser's claim fails on the primary key, its
 *   transaction rolls back, and it answers with the winner's result.
 * `create` opens its transaction and calls the claim first thing in it.
 */
export async function idempotent<T>(
  ds: DataSource,
  viewer: Viewer,
  operation: string,
  key: string | null | undefined,
  input: unknown,
  find: (resultId: string) => Promise<T | null>,
  create: (claim: IdempotencyClaim) => Promise<T>,
): Promise<T> {
  const k = key?.trim() || null;
  if (!k) return create(async () => undefined);
  const hash = requestHash(input);
  const previous = async (): Promise<T | null> => {
    const row = await ds.getRepository(IdempotencyRecord).findOneBy({ accountId: viewer.accountId, operation, key: k });
    if (!row) return null;
    if (row.requestHash !== hash) throw idempotencyKeyReused();
    const first = await find(row.resultId);
    if (!first) throw idempotencyKeyReused();
    return first;
  };
  const first = await previous();
  if (first) return first;
  try {
    return await create(async (m, resultId) => {
      try {
        await m.insert(IdempotencyRecord, { accountId: viewer.accountId, operation, key: k, requestHash: hash, resultId, createdAt: new Date() });
      } catch (e) {
        if (isUniqueViolation(e)) throw new KeyTaken();
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof KeyTaken)) throw e;
    const winner = await previous();
    if (winner) return winner;
    throw idempotencyKeyReused();
  }
}
