import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/** What a resolution decided, once a decision cites it (one resolution, one subject). */
export class ResolutionSubject1764302050000 implements MigrationInterface {
  name = 'ResolutionSubject1764302050000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('resolution', [new TableColumn(col.string('subject_type', 40, true)), new TableColumn(col.ref('subject_id', true))]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('resolution', 'subject_id');
    await q.dropColumn('resolution', 'subject_type');
  }
}
