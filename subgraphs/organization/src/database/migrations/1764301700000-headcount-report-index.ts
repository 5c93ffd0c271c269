import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '@group/shared';

/** The headcount (staffing) report of a company read the whole position-assignment index (test/bench/explain.ts). */
export class HeadcountReportIndex1764301700000 implements MigrationInterface {
  name = 'HeadcountReportIndex1764301700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('position_assignment', new TableIndex(index('ix_position_assignment_company_status', ['company_id', 'status', 'position_id'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('position_assignment', 'ix_position_assignment_company_status');
  }
}
