import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** CRM account-change requests (flow A1) and the segments each concerns. */
export class AccountChangeRequests1764300900000 implements MigrationInterface {
  name = 'AccountChangeRequests1764300900000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'account_change_request',
        columns: [
          col.id(),
          col.string('kind', 20),
          col.string('state', 16),
          col.ref('employee_id'),
          col.ref('account_id', true),
          col.string('requested_role', 32, true),
          col.string('oa_reference', 100),
          col.string('reason', 500),
          col.ref('submitted_by_id'),
          col.datetime('submitted_at'),
          col.datetime('due_by', true),
          col.bool('is_late'),
          col.ref('decided_by_id', true),
          col.datetime('decided_at', true),
          col.string('decision_note', 500, true),
          col.ref('implemented_by_id', true),
          col.datetime('implemented_at', true),
          ...col.audit(),
        ],
        indices: [
          index('ix_account_change_request_state', ['state', 'submitted_at']),
          index('ix_account_change_request_employee', ['employee_id']),
          index('ix_account_change_request_account', ['account_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'account_change_request_segment',
        columns: [{ ...col.ref('request_id'), isPrimary: true }, { ...col.ref('segment_id'), isPrimary: true }, col.bool('requested')],
        indices: [index('ix_account_change_request_segment_segment', ['segment_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('account_change_request_segment');
    await q.dropTable('account_change_request');
  }
}
