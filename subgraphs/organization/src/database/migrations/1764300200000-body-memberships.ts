import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Seats and offices on governing bodies, with nomination, deciding body and term. */
export class BodyMemberships1764300200000 implements MigrationInterface {
  name = 'BodyMemberships1764300200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'body_membership',
        columns: [
          col.id(),
          col.ref('body_id'),
          col.ref('company_id'),
          col.ref('employee_id'),
          col.string('role', 32),
          col.string('status', 16),
          col.string('method', 16),
          col.ref('nominated_by_body_id', true),
          col.ref('deciding_body_id'),
          col.bool('is_shareholder_representative'),
          col.datetime('term_start'),
          col.datetime('term_end', true),
          col.datetime('decided_at', true),
          col.string('end_reason', 500, true),
          ...col.audit(),
        ],
        indices: [
          index('ix_body_membership_body_status', ['body_id', 'status']),
          index('ix_body_membership_employee', ['employee_id']),
          index('ix_body_membership_company', ['company_id']),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('body_membership');
  }
}
