import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '@group/shared';

/** The watermark of the indicator publisher (indicators/indicator-publisher.ts). */
export class IndicatorPublication1764309000000 implements MigrationInterface {
  name = 'IndicatorPublication1764309000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'publication_watermark',
        columns: [{ ...col.string('name', 64), isPrimary: true }, col.datetime('published_until'), col.int('version')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('publication_watermark');
  }
}
