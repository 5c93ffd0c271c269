import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** The governance change log: who changed which governance record, when, and what. */
export class GovernanceChangeLog1764300100000 implements MigrationInterface {
  name = 'GovernanceChangeLog1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'governance_change',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.string('entity_type', 40),
          col.ref('entity_id'),
          col.string('action', 40),
          col.ref('actor_account_id'),
          col.datetime('at'),
          col.text('summary'),
        ],
        indices: [index('ix_governance_change_company_at', ['company_id', 'at']), index('ix_governance_change_entity', ['entity_type', 'entity_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('governance_change');
  }
}
