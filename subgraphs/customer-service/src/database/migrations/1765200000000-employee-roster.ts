import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '@group/shared';

/** customer-service's roster of organization's employees (roster/employee-roster.entity.ts), fed by organization's Employee* events. */
export class EmployeeRoster1765200000000 implements MigrationInterface {
  name = 'EmployeeRoster1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'employee_roster',
        columns: [
          col.id('employee_id'),
          col.ref('company_id'),
          col.ref('department_id', true),
          col.text('segment_ids'),
          col.string('status', 16),
          col.int('version'),
          col.datetime('updated_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('employee_roster');
  }
}
