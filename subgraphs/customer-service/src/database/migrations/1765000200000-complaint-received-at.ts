import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/** When the customer made the complaint (complaint.service.ts `receivedTime`); existing complaints were registered as received. */
export class ComplaintReceivedAt1765000200000 implements MigrationInterface {
  name = 'ComplaintReceivedAt1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('complaint', new TableColumn(col.datetime('received_at', true)));
    await q.query('UPDATE complaint SET received_at = created_at');
    await q.changeColumn('complaint', 'received_at', new TableColumn(col.datetime('received_at')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('complaint', 'received_at');
  }
}
