import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

const BEFORE: [string, string[]][] = [
  ['ix_general_action_target', ['target_id', 'status', 'done_at']],
  ['ix_general_action_done', ['status', 'done_at', 'target_id']],
  ['ix_general_action_segment_done', ['segment_id', 'status', 'done_at', 'target_id']],
];
const AFTER: [string, string[]][] = [
  ['ix_general_action_target', ['target_id', 'status', 'late_correction', 'done_at']],
  ['ix_general_action_done', ['status', 'late_correction', 'done_at', 'target_id']],
  ['ix_general_action_segment_done', ['segment_id', 'status', 'late_correction', 'done_at', 'target_id']],
];

/**
 * CS-R25 month close: a follow-up marked DONE after its month closed is a late correction and does
 * not count for that month (crm/follow-up.service.ts). The follow-up indexes carry the flag so the
 * monthly count stays an index read. Existing actions were all recorded in time.
 */
export class FollowUpLateCorrections1765000100000 implements MigrationInterface {
  name = 'FollowUpLateCorrections1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('general_action', new TableColumn({ ...col.bool('late_correction'), default: '0' }));
    await this.replaceIndexes(q, AFTER);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.replaceIndexes(q, BEFORE);
    await q.dropColumn('general_action', 'late_correction');
  }

  private async replaceIndexes(q: QueryRunner, indexes: [string, string[]][]): Promise<void> {
    for (const [name, columns] of indexes) {
      await q.dropIndex('general_action', name);
      await q.createIndex('general_action', new TableIndex(index(name, columns)));
    }
  }
}
