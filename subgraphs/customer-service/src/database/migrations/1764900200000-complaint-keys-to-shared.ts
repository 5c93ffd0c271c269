import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '@group/shared';

/**
 * createComplaint's idempotency keys move to the shared `idempotency_record`
 * (shared/src/database/idempotency.ts; created by IdempotencyRecords1764900100000,
 * which runs before this by timestamp). Keys recorded before carry no input
 * hash: a retry with one of them and any input is refused as a reused key,
 * never applied twice.
 */
export class ComplaintKeysToShared1764900200000 implements MigrationInterface {
  name = 'ComplaintKeysToShared1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO idempotency_record (account_id, operation, idempotency_key, request_hash, result_id, created_at)
       SELECT account_id, 'createComplaint', idempotency_key, '', complaint_id, created_at FROM complaint_idempotency`,
    );
    await q.dropTable('complaint_idempotency');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'complaint_idempotency',
        columns: [
          { ...col.string('account_id', 100), isPrimary: true },
          { ...col.string('idempotency_key', 64), isPrimary: true },
          col.ref('complaint_id'),
          col.datetime('created_at'),
        ],
      }),
    );
    await q.query(
      `INSERT INTO complaint_idempotency (account_id, idempotency_key, complaint_id, created_at)
       SELECT account_id, idempotency_key, result_id, created_at FROM idempotency_record WHERE operation = 'createComplaint'`,
    );
    await q.query(`DELETE FROM idempotency_record WHERE operation = 'createComplaint'`);
  }
}
