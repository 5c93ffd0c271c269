import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '@group/shared';

/** The indicator publisher reads "rows changed since its watermark": an index on updated_at per source table. */
export class ChangedSinceIndexes1764309400000 implements MigrationInterface {
  name = 'ChangedSinceIndexes1764309400000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['complaint', 'customer', 'sales_order']) await q.createIndex(table, new TableIndex(index(`ix_${table}_updated`, ['updated_at'])));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['complaint', 'customer', 'sales_order']) await q.dropIndex(table, `ix_${table}_updated`);
  }
}
