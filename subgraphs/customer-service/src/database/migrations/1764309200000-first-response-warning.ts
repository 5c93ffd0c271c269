import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/** The first-response at-risk instant (escalation before the first response is overdue). */
export class FirstResponseWarning1764309200000 implements MigrationInterface {
  name = 'FirstResponseWarning1764309200000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('complaint', new TableColumn(col.datetime('first_response_warn_at', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('complaint', 'first_response_warn_at');
  }
}
