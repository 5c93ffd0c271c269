import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Customers, complaints and the counter behind complaint codes. */
export class CustomerServiceFoundation1764230500000 implements MigrationInterface {
  name = 'CustomerServiceFoundation1764230500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'customer',
        columns: [col.id(), col.string('name', 200), col.string('kind', 16), col.ref('segment_id'), col.ref('owner_id', true), ...col.audit()],
        indices: [index('ix_customer_segment', ['segment_id']), index('ix_customer_owner', ['owner_id']), index('ix_customer_segment_name', ['segment_id', 'name'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'complaint',
        columns: [
          col.id(),
          col.string('code', 20),
          col.string('title', 200),
          col.text('description'),
          col.string('channel', 16),
          col.string('status', 16),
          col.string('severity', 16),
          col.string('phase', 16),
          col.ref('customer_id'),
          col.ref('responsible_department_id', true),
          col.ref('handler_id', true),
          col.ref('segment_id'),
          col.ref('company_id', true),
          ...col.audit(),
        ],
        indices: [
          index('uq_complaint_code', ['code'], true),
          index('ix_complaint_department_created', ['responsible_department_id', 'created_at']),
          index('ix_complaint_customer_created', ['customer_id', 'created_at']),
          index('ix_complaint_segment_created', ['segment_id', 'created_at']),
          index('ix_complaint_handler', ['handler_id']),
          index('ix_complaint_status', ['status']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'code_sequence',
        columns: [{ ...col.string('name', 32), isPrimary: true }, col.int('last_number')],
      }),
    );
    // Plain identifiers and `?` placeholders: the same statement on MariaDB/MySQL and SQLite.
    await q.query('INSERT INTO code_sequence (name, last_number) VALUES (?, ?)', ['complaint', 0]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['code_sequence', 'complaint', 'customer']) {
      await q.dropTable(t);
    }
  }
}
