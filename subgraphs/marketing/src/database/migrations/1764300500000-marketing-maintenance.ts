import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

/** Adds a NOT NULL integer column to a table that may hold rows: nullable, filled, then NOT NULL (works on SQLite and MariaDB). */
async function addFilledInt(q: QueryRunner, table: string, name: string, fill: number) {
  await q.addColumn(table, new TableColumn(col.int(name, true)));
  await q.query(`UPDATE ${table} SET ${name} = ${fill}`);
  await q.changeColumn(table, name, new TableColumn(col.int(name)));
}

/**
 * Issue #6 completion:
 * - `tag_coverage_summary`: MKT-M3 per (level-1 category, segment), kept by
 *   every assignment write, and `segment_customer_count` (customers known per
 *   segment, kept by the customer_profile writers); backfilled here.
 * - `opportunity_competitor`: competitors recorded against a customer-service
 *   opportunity (Opportunity.competitors).
 * - optimistic-lock versions on the mutable children (group members, product
 *   holdings, competitor products and strategies); retirement columns where
 *   history must stay (group customers, group members, competitors).
 */
export class MarketingMaintenance1764300500000 implements MigrationInterface {
  name = 'MarketingMaintenance1764300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'tag_coverage_summary',
        columns: [{ ...col.ref('category_l1_id'), isPrimary: true }, { ...col.ref('segment_id'), isPrimary: true }, col.int('customers'), col.int('assignments')],
      }),
    );
    await q.query(
      `INSERT INTO tag_coverage_summary (category_l1_id, segment_id, customers, assignments)
       SELECT category_l1_id, segment_id, COUNT(DISTINCT customer_id), COUNT(*) FROM tag_assignment
        WHERE category_l1_id IS NOT NULL GROUP BY category_l1_id, segment_id`,
    );
    await q.createTable(new Table({ name: 'segment_customer_count', columns: [{ ...col.ref('segment_id'), isPrimary: true }, col.int('customers')] }));
    await q.query('INSERT INTO segment_customer_count (segment_id, customers) SELECT segment_id, COUNT(*) FROM customer_profile GROUP BY segment_id');
    // Expired-but-not-archived assignments are subtracted at read time; this finds them.
    await q.createIndex('tag_assignment', new TableIndex(index('ix_tag_assignment_expires', ['expires_at'])));

    await q.createTable(
      new Table({
        name: 'opportunity_competitor',
        columns: [
          col.id(),
          col.ref('opportunity_id'),
          col.ref('competitor_id'),
          col.ref('segment_id'),
          col.string('threat_level', 16),
          col.string('notes', 1000, true),
          col.string('linked_by', 100, true),
          ...col.audit(),
        ],
        indices: [
          index('uq_opportunity_competitor', ['opportunity_id', 'competitor_id'], true),
          index('ix_opportunity_competitor_competitor', ['competitor_id']),
          index('ix_opportunity_competitor_segment', ['segment_id']),
        ],
      }),
    );

    await q.addColumn('group_customer', new TableColumn(col.datetime('retired_at', true)));
    await q.addColumn('group_member', new TableColumn(col.datetime('left_at', true)));
    await q.addColumn('competitor', new TableColumn(col.datetime('archived_at', true)));
    for (const t of ['group_member', 'group_product_holding', 'competitor_product', 'competitor_strategy']) await addFilledInt(q, t, 'version', 1);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['competitor_strategy', 'competitor_product', 'group_product_holding', 'group_member']) await q.dropColumn(t, 'version');
    await q.dropColumn('competitor', 'archived_at');
    await q.dropColumn('group_member', 'left_at');
    await q.dropColumn('group_customer', 'retired_at');
    await q.dropTable('opportunity_competitor');
    await q.dropIndex('tag_assignment', 'ix_tag_assignment_expires');
    await q.dropTable('segment_customer_count');
    await q.dropTable('tag_coverage_summary');
  }
}
