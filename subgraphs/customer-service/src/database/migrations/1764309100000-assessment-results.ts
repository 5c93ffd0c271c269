import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Published results of closed branch-assessment periods (assessment/assessment-result.entity.ts). */
export class AssessmentResults1764309100000 implements MigrationInterface {
  name = 'AssessmentResults1764309100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'branch_assessment_result',
        columns: [
          col.id(),
          col.string('period', 7),
          col.ref('branch_id'),
          col.int('rank'),
          col.decimal('total_score', 6, 2),
          col.int('complaints'),
          col.text('indicators'),
          col.datetime('closed_at'),
          col.string('closed_by', 100),
        ],
        indices: [index('uq_branch_assessment_result', ['period', 'branch_id'], true)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('branch_assessment_result');
  }
}
