import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Key-account revisit plans (大客户回访) and the revisits made under them. */
export class RevisitPlans1764300400000 implements MigrationInterface {
  name = 'RevisitPlans1764300400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'revisit_plan',
        columns: [
          col.id(),
          col.ref('customer_id'),
          col.ref('segment_id'),
          col.ref('owner_id', true),
          col.int('cadence_days'),
          col.datetime('next_due_at'),
          col.datetime('last_revisit_at', true),
          ...col.audit(),
        ],
        indices: [index('uq_revisit_plan_customer', ['customer_id'], true), index('ix_revisit_plan_segment_due', ['segment_id', 'next_due_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'customer_revisit',
        columns: [col.id(), col.ref('plan_id'), col.datetime('visited_at'), col.ref('visitor_id', true), col.int('satisfaction'), col.text('feedback')],
        indices: [index('ix_customer_revisit_plan', ['plan_id', 'visited_at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('customer_revisit');
    await q.dropTable('revisit_plan');
  }
}
