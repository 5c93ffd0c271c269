import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

/** The category of a complaint (existing complaints: OTHER), for reports by category over time. */
export class ComplaintCategory1764300500000 implements MigrationInterface {
  name = 'ComplaintCategory1764300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('complaint', new TableColumn(col.string('category', 16, true)));
    await q.query('UPDATE complaint SET category = ?', ['OTHER']);
    await q.changeColumn('complaint', 'category', new TableColumn(col.string('category', 16)));
    await q.createIndex('complaint', new TableIndex(index('ix_complaint_category_created', ['category', 'created_at'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('complaint', 'ix_complaint_category_created');
    await q.dropColumn('complaint', 'category');
  }
}
