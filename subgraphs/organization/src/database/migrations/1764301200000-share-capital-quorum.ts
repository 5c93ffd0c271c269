import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/** Quorum and votes of a shareholders' meeting by share capital: the shareholding a seat represents, and what a meeting counted. */
export class ShareCapitalQuorum1764301200000 implements MigrationInterface {
  name = 'ShareCapitalQuorum1764301200000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('body_membership', new TableColumn(col.ref('shareholding_id', true)));
    await q.addColumns('meeting', [
      new TableColumn(col.string('quorum_basis', 16, true)),
      new TableColumn(col.int('voting_rights_present', true)),
      new TableColumn(col.int('voting_rights_total', true)),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('meeting', 'voting_rights_total');
    await q.dropColumn('meeting', 'voting_rights_present');
    await q.dropColumn('meeting', 'quorum_basis');
    await q.dropColumn('body_membership', 'shareholding_id');
  }
}
