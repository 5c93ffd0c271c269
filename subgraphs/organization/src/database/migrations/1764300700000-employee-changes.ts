import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

/** Reporting line of employees, and HR events with the CRM account-change deadline. */
export class EmployeeChanges1764300700000 implements MigrationInterface {
  name = 'EmployeeChanges1764300700000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('employee', new TableColumn(col.ref('manager_id', true)));
    await q.createIndex('employee', new TableIndex(index('ix_employee_manager', ['manager_id'])));
    await q.createTable(
      new Table({
        name: 'employee_change',
        columns: [
          col.id(),
          col.ref('employee_id'),
          col.ref('company_id'),
          col.string('kind', 20),
          col.string('summary', 300),
          col.datetime('at'),
          col.datetime('account_change_due_by', true),
        ],
        indices: [index('ix_employee_change_employee', ['employee_id']), index('ix_employee_change_due', ['account_change_due_by'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('employee_change');
    await q.dropIndex('employee', 'ix_employee_manager');
    await q.dropColumn('employee', 'manager_id');
  }
}
