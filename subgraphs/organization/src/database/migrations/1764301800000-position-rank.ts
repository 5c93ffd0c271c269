import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/** The rank of a position and the segment a segment head / administrator position serves (CS-R38: role grants follow positions). */
export class PositionRank1764301800000 implements MigrationInterface {
  name = 'PositionRank1764301800000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('position', [new TableColumn({ ...col.string('rank', 32), default: "'STAFF'" }), new TableColumn(col.ref('segment_id', true))]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('position', 'segment_id');
    await q.dropColumn('position', 'rank');
  }
}
