import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

/**
 * Forced change of a temporary password (account.must_change_password) and the CRM rules a
 * penalty was applied under (economic_penalty.policy_version_id, CS-R28), with the offence time.
 */
export class ForcedPasswordChangeAndPenaltyPolicy1764301100000 implements MigrationInterface {
  name = 'ForcedPasswordChangeAndPenaltyPolicy1764301100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('account', new TableColumn(col.bool('must_change_password', true)));
    await q.addColumns('economic_penalty', [new TableColumn(col.ref('policy_version_id', true)), new TableColumn(col.datetime('occurred_at', true))]);
    await q.createIndex('economic_penalty', new TableIndex(index('ix_economic_penalty_policy_version', ['policy_version_id'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('economic_penalty', 'ix_economic_penalty_policy_version');
    await q.dropColumn('economic_penalty', 'occurred_at');
    await q.dropColumn('economic_penalty', 'policy_version_id');
    await q.dropColumn('account', 'must_change_password');
  }
}
