import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

/**
 * Tag coverage (MKT-M3) at scale: each assignment carries its tag's level-1
 * category, and (category, segment, customer, expiry) is indexed, so coverage
 * is one index-only scan with a streaming DISTINCT. Backfills existing rows.
 */
export class MarketingTagCoverage1764300400000 implements MigrationInterface {
  name = 'MarketingTagCoverage1764300400000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('tag_assignment', new TableColumn(col.ref('category_l1_id', true)));
    await q.query(
      `UPDATE tag_assignment SET category_l1_id = (
         SELECT CASE c.level WHEN 1 THEN c.id WHEN 2 THEN c.parent_id WHEN 3 THEN c2.parent_id END
           FROM tag t JOIN tag_category c ON c.id = t.category_id LEFT JOIN tag_category c2 ON c2.id = c.parent_id
          WHERE t.id = tag_assignment.tag_id)`,
    );
    await q.createIndex('tag_assignment', new TableIndex(index('ix_tag_assignment_l1_coverage', ['category_l1_id', 'segment_id', 'customer_id', 'expires_at'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('tag_assignment', 'ix_tag_assignment_l1_coverage');
    await q.dropColumn('tag_assignment', 'category_l1_id');
  }
}
