import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Delegations of authority (授权委托). */
export class Delegations1764300300000 implements MigrationInterface {
  name = 'Delegations1764300300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'delegation',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('grantor_body_id', true),
          col.ref('grantor_employee_id', true),
          col.ref('grantee_body_id', true),
          col.ref('grantee_employee_id', true),
          col.ref('grantee_department_id', true),
          col.string('power', 40),
          col.string('matter', 40, true),
          col.int('amount_limit_wan', true),
          col.string('scope_description', 500, true),
          col.datetime('valid_from'),
          col.datetime('valid_to', true),
          col.string('status', 16),
          ...col.audit(),
        ],
        indices: [index('ix_delegation_company_power', ['company_id', 'power'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('delegation');
  }
}
