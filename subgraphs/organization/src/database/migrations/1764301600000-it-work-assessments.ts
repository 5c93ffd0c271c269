import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** IT work assessments by the technology department (D12, report ORG-M10). */
export class ItWorkAssessments1764301600000 implements MigrationInterface {
  name = 'ItWorkAssessments1764301600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'it_work_assessment',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('department_id'),
          col.ref('assessor_department_id'),
          col.string('period', 20),
          col.string('kind', 16),
          col.int('score'),
          col.text('findings'),
          col.bool('rectification_required'),
          col.datetime('rectification_due', true),
          col.text('rectification', true),
          col.datetime('rectified_at', true),
          col.datetime('assessed_at'),
          ...col.audit(),
        ],
        indices: [index('ix_it_work_assessment_company_period', ['company_id', 'period']), index('ix_it_work_assessment_department', ['department_id', 'assessed_at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('it_work_assessment');
  }
}
