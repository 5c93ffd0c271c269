import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '@group/shared';

/**
 * "Followed up this month" over a segment head's segments (crm/follow-up.service.ts):
 * the month's DONE actions of some segments as one index range, instead of a
 * probe per record that MariaDB served by materialising the whole group's month
 * through ix_general_action_done (test/bench/crm-bench.ts has the figures).
 */
export class FollowUpSegmentIndex1764900300000 implements MigrationInterface {
  name = 'FollowUpSegmentIndex1764900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('general_action', new TableIndex(index('ix_general_action_segment_done', ['segment_id', 'status', 'done_at', 'target_id'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('general_action', 'ix_general_action_segment_done');
  }
}
