import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

/** Customer-service branches (客户服务分部) under companies, their staff, and the branch of a complaint. */
export class ServiceBranches1764300100000 implements MigrationInterface {
  name = 'ServiceBranches1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'service_branch',
        columns: [col.id(), col.string('code', 20), col.string('name', 100), col.ref('company_id'), ...col.audit()],
        indices: [index('uq_service_branch_code', ['code'], true), index('ix_service_branch_company', ['company_id', 'code'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'service_staff',
        columns: [{ ...col.ref('employee_id'), isPrimary: true }, col.ref('branch_id', true)],
        indices: [index('ix_service_staff_branch', ['branch_id'])],
      }),
    );
    await q.addColumn('complaint', new TableColumn(col.ref('branch_id', true)));
    await q.createIndex('complaint', new TableIndex(index('ix_complaint_branch_created', ['branch_id', 'created_at'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('complaint', 'ix_complaint_branch_created');
    await q.dropColumn('complaint', 'branch_id');
    await q.dropTable('service_staff');
    await q.dropTable('service_branch');
  }
}
