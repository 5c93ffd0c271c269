import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '@group/shared';

/** Weights of the branch assessment indicators, with proposed defaults (domain.md G-05; sum 100). */
export class BranchAssessment1764300200000 implements MigrationInterface {
  name = 'BranchAssessment1764300200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'assessment_weight', columns: [{ ...col.string('indicator', 32), isPrimary: true }, col.int('weight')] }));
    for (const [indicator, weight] of [
      ['SLA_COMPLIANCE', 30],
      ['RESOLUTION_RATE', 20],
      ['AVERAGE_SATISFACTION', 20],
      ['REVISIT_RATE', 10],
      ['REPEAT_COMPLAINT_RATE', 10],
      ['ESCALATION_RATE', 10],
    ] as const) {
      await q.query('INSERT INTO assessment_weight (indicator, weight) VALUES (?, ?)', [indicator, weight]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('assessment_weight');
  }
}
