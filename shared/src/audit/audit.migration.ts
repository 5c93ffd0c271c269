import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '../database/columns';

const TABLES = ['audit_entry', 'audit_change'];

/**
 * The audit log's two tables, added to every subgraph's migrations by
 * `createDataSource`. Triggers make them append-only in the database itself:
 * an UPDATE or DELETE fails even for code (or a person with SQL access to the
 * service account) that bypasses the API. MySQL with binary logging needs
 * TRIGGER privilege and log_bin_trust_function_creators=1 for a non-SUPER
 * user (see docker/).
 */
export class AuditLog1764900000000 implements MigrationInterface {
  name = 'AuditLog1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          col.id(),
          col.datetime('at'),
          col.string('request_id', 100),
          col.string('account_id', 100, true),
          col.string('role', 32, true),
          col.string('operation_type', 16),
          col.string('operation_name', 200, true),
          col.string('root_fields', 500),
          col.text('args', true),
          col.string('outcome', 16),
          col.string('error_codes', 500, true),
        ],
        indices: [
          index('ix_audit_entry_at', ['at', 'id']),
          index('ix_audit_entry_account_at', ['account_id', 'at']),
          index('ix_audit_entry_outcome_at', ['outcome', 'at']),
          index('ix_audit_entry_request', ['request_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_change',
        columns: [
          col.id(),
          col.datetime('at'),
          col.string('request_id', 100),
          col.string('account_id', 100, true),
          col.string('entity', 100),
          col.string('entity_id', 200, true),
          col.string('action', 16),
          col.text('before', true),
          col.text('after', true),
        ],
        indices: [index('ix_audit_change_request', ['request_id']), index('ix_audit_change_entity', ['entity', 'entity_id', 'at'])],
      }),
    );
    const sqlite = q.connection.driver.options.type === 'better-sqlite3';
    for (const table of TABLES) {
      for (const op of ['UPDATE', 'DELETE']) {
        const name = `${table}_no_${op.toLowerCase()}`;
        await q.query(
          sqlite
            ? `CREATE TRIGGER ${name} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`
            : `CREATE TRIGGER ${name} BEFORE ${op} ON ${table} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit log is append-only'`,
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) for (const op of ['update', 'delete']) await q.query(`DROP TRIGGER IF EXISTS ${table}_no_${op}`);
    await q.dropTable('audit_change');
    await q.dropTable('audit_entry');
  }
}
