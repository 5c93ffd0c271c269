import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '@group/shared';

/** Reports, the assessment and the indicators count complaints by when they were received (CS-R03), not registered: their period is a received_at range. */
export class ComplaintReceivedIndex1765100100000 implements MigrationInterface {
  name = 'ComplaintReceivedIndex1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('complaint', new TableIndex(index('ix_complaint_received', ['received_at', 'id'])));
    await q.createIndex('complaint', new TableIndex(index('ix_complaint_customer_received', ['customer_id', 'received_at'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('complaint', 'ix_complaint_customer_received');
    await q.dropIndex('complaint', 'ix_complaint_received');
  }
}
