import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '@group/shared';

/**
 * One row per closed assessment period (assessment/assessment-result.entity.ts
 * `AssessmentPeriod`), so that a month without complaints is closed once too.
 * Months closed before this migration are carried over from their results.
 */
export class AssessmentPeriod1765200100000 implements MigrationInterface {
  name = 'AssessmentPeriod1765200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'assessment_period',
        columns: [{ ...col.string('period', 7), isPrimary: true }, col.int('branches'), col.datetime('closed_at'), col.string('closed_by', 100)],
      }),
    );
    await q.query(
      'INSERT INTO assessment_period (period, branches, closed_at, closed_by) SELECT period, COUNT(*), MIN(closed_at), MIN(closed_by) FROM branch_assessment_result GROUP BY period',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('assessment_period');
  }
}
