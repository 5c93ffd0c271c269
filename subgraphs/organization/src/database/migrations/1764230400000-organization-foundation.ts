import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Companies, segments, departments, employees, accounts and login records. */
export class OrganizationFoundation1764230400000 implements MigrationInterface {
  name = 'OrganizationFoundation1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'company',
        columns: [col.id(), col.string('code', 32), col.string('name', 200), col.string('name_en', 200, true), col.string('kind', 32), col.ref('parent_id', true), ...col.audit()],
        indices: [index('uq_company_code', ['code'], true), index('ix_company_parent', ['parent_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'segment',
        columns: [
          col.id(),
          col.string('code', 32),
          col.string('name', 200),
          col.string('name_en', 200, true),
          col.ref('company_id'),
          { name: 'created_at', type: 'datetime' },
          { name: 'version', type: 'integer' },
        ],
        indices: [index('uq_segment_code', ['code'], true), index('ix_segment_company', ['company_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'department',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('parent_id', true),
          col.string('code', 32),
          col.string('name', 200),
          col.string('name_en', 200, true),
          col.string('kind', 32),
          ...col.audit(),
        ],
        indices: [index('uq_department_company_code', ['company_id', 'code'], true), index('ix_department_company', ['company_id']), index('ix_department_parent', ['parent_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'employee',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('department_id', true),
          col.string('name', 100),
          col.string('title', 100, true),
          col.string('email', 200),
          col.string('status', 16),
          ...col.audit(),
        ],
        indices: [index('uq_employee_email', ['email'], true), index('ix_employee_company', ['company_id']), index('ix_employee_department', ['department_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'account',
        columns: [
          col.id(),
          col.string('email', 200),
          col.string('password_hash', 200),
          col.string('role', 32),
          col.ref('employee_id', true),
          col.string('status', 16),
          col.datetime('last_login_at', true),
          ...col.audit(),
        ],
        indices: [index('uq_account_email', ['email'], true), index('ix_account_employee', ['employee_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'account_segment',
        columns: [
          { ...col.ref('account_id'), isPrimary: true },
          { ...col.ref('segment_id'), isPrimary: true },
        ],
        indices: [index('ix_account_segment_segment', ['segment_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'login_record',
        columns: [col.autoId(), col.ref('account_id', true), col.string('email', 200), col.datetime('at'), col.bool('success'), col.string('failure_reason', 64, true)],
        indices: [index('ix_login_record_account_at', ['account_id', 'at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['login_record', 'account_segment', 'account', 'employee', 'department', 'segment', 'company']) {
      await q.dropTable(t);
    }
  }
}
