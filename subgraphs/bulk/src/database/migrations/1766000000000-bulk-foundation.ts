import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Bulk operations, their pending pages and the per-account lock row. */
export class BulkFoundation1766000000000 implements MigrationInterface {
  name = 'BulkFoundation1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'bulk_operation',
        columns: [
          col.id(),
          col.string('account_id', 100),
          col.text('claims'),
          col.int('claims_issued_at'),
          col.text('query'),
          col.string('status', 16),
          col.string('error_code', 32, true),
          col.int('object_count'),
          col.int('root_object_count'),
          { name: 'file_size', type: 'bigint' },
          col.string('lease_owner', 64, true),
          col.datetime('lease_until', true),
          col.datetime('created_at'),
          col.datetime('completed_at', true),
          col.datetime('expires_at', true),
          col.datetime('file_deleted_at', true),
        ],
        indices: [index('ix_bulk_operation_account', ['account_id', 'created_at']), index('ix_bulk_operation_status', ['status'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bulk_task',
        columns: [{ ...col.ref('operation_id'), isPrimary: true }, { ...col.int('seq'), isPrimary: true }, col.text('payload')],
      }),
    );
    await q.createTable(new Table({ name: 'bulk_account', columns: [{ ...col.string('account_id', 100), isPrimary: true }] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('bulk_account');
    await q.dropTable('bulk_task');
    await q.dropTable('bulk_operation');
  }
}
