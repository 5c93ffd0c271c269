import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Positions with the five determinations: quota, assignments, duties, targets, incentives; headcount changes. */
export class Positions1764300500000 implements MigrationInterface {
  name = 'Positions1764300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'position',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('department_id'),
          col.string('title', 100),
          col.int('headcount_quota'),
          col.text('duties'),
          col.text('incentives'),
          col.ref('job_description_id', true),
          ...col.audit(),
        ],
        indices: [index('ix_position_department', ['department_id']), index('ix_position_company', ['company_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'position_assignment',
        columns: [
          col.id(),
          col.ref('position_id'),
          col.ref('company_id'),
          col.ref('employee_id'),
          col.string('status', 16),
          col.datetime('assigned_from'),
          col.datetime('assigned_to', true),
          ...col.audit(),
        ],
        indices: [index('ix_position_assignment_position_status', ['position_id', 'status']), index('ix_position_assignment_employee', ['employee_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'position_target',
        columns: [col.id(), col.ref('position_id'), col.string('name', 200), col.string('period', 20), col.decimal('target_value', 18, 4), col.string('unit', 30, true)],
        indices: [index('ix_position_target_position', ['position_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'headcount_change',
        columns: [
          col.id(),
          col.ref('position_id'),
          col.ref('company_id'),
          col.int('previous_quota'),
          col.int('new_quota'),
          col.string('reason', 500),
          col.string('status', 16),
          col.ref('approver_body_id'),
          col.datetime('decided_at', true),
          ...col.audit(),
        ],
        indices: [index('ix_headcount_change_position', ['position_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['headcount_change', 'position_target', 'position_assignment', 'position']) await q.dropTable(t);
  }
}
