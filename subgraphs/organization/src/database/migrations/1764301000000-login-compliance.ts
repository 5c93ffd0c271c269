import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Login compliance: business trips, OA inactivity circulars and economic penalties (domain.md WF-CRM-6). */
export class LoginCompliance1764301000000 implements MigrationInterface {
  name = 'LoginCompliance1764301000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'travel_period',
        columns: [col.id(), col.ref('employee_id'), col.datetime('starts_at'), col.datetime('ends_at'), col.string('source', 20), ...col.audit()],
        indices: [index('ix_travel_period_employee', ['employee_id', 'starts_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'compliance_circular',
        columns: [col.id(), col.string('oa_reference', 100), col.datetime('as_of'), col.ref('issued_by_id'), col.datetime('issued_at'), ...col.audit()],
        indices: [index('ix_compliance_circular_issued', ['issued_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'compliance_circular_account',
        columns: [{ ...col.ref('circular_id'), isPrimary: true }, { ...col.ref('account_id'), isPrimary: true }, col.datetime('last_login_at', true)],
        indices: [index('ix_compliance_circular_account_account', ['account_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'economic_penalty',
        columns: [
          col.id(),
          col.ref('account_id'),
          col.ref('company_id'),
          col.string('offence', 32),
          col.decimal('amount', 12, 2),
          col.string('rule_reference', 200),
          col.ref('circular_id', true),
          col.ref('recorded_by_id'),
          col.datetime('recorded_at'),
          ...col.audit(),
        ],
        indices: [index('ix_economic_penalty_account', ['account_id', 'recorded_at']), index('ix_economic_penalty_company', ['company_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('economic_penalty');
    await q.dropTable('compliance_circular_account');
    await q.dropTable('compliance_circular');
    await q.dropTable('travel_period');
  }
}
