import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '@group/shared';

/**
 * Indexes found missing by the query plans of the reports at scale
 * (test/bench/crm-bench.ts, test/bench/explain.ts).
 *
 * (1) The follow-up compliance report (CS-R25, crm/follow-up.service.ts) reads
 * every lead and opportunity in scope: measured at 100k records / 1M actions
 * (test/bench/crm-bench.ts), most of its time was fetching each table row for
 * created_at / closed_at after walking the owner or segment index. The four
 * owner and segment indexes are widened (same names, old columns first, so
 * every query they served is still served) to cover the report's filter and
 * grouping: the report then reads only the index plus one probe per record
 * into ix_general_action_target.
 *
 * (2) Newest-first lists and date-range reports over the whole group had no
 * index starting with created_at: a group executive's first page of leads,
 * opportunities or complaints sorted the whole table (SQLite plan: SCAN +
 * TEMP B-TREE FOR ORDER BY), and the complaint volume and SLA reports over a
 * recent range read every complaint on MariaDB (type ALL / full index scan;
 * SQLite got away with a skip-scan). (created_at, id) is the keyset order.
 *
 * (3) "Followed up this month" is read once per report as the set of targets
 * with a DONE action in the month (ix_general_action_done), instead of one
 * correlated probe per lead/opportunity.
 */
const CREATED = ['lead', 'opportunity', 'complaint'];
const WIDENED: [table: string, name: string, before: string[], after: string[]][] = [
  ['lead', 'ix_lead_segment_status', ['segment_id', 'status', 'created_at'], ['segment_id', 'status', 'created_at', 'owner_id', 'closed_at', 'id']],
  ['lead', 'ix_lead_owner_status', ['owner_id', 'status'], ['owner_id', 'status', 'created_at', 'closed_at', 'id']],
  ['opportunity', 'ix_opportunity_segment_status', ['segment_id', 'status', 'stage'], ['segment_id', 'status', 'stage', 'owner_id', 'created_at', 'closed_at', 'id']],
  ['opportunity', 'ix_opportunity_owner_status', ['owner_id', 'status'], ['owner_id', 'status', 'created_at', 'closed_at', 'id']],
];

export class ReportIndexes1764309500000 implements MigrationInterface {
  name = 'ReportIndexes1764309500000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, , after] of WIDENED) {
      await q.dropIndex(table, name);
      await q.createIndex(table, new TableIndex(index(name, after)));
    }
    for (const table of CREATED) await q.createIndex(table, new TableIndex(index(`ix_${table}_created`, ['created_at', 'id'])));
    await q.createIndex('general_action', new TableIndex(index('ix_general_action_done', ['status', 'done_at', 'target_id'])));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('general_action', 'ix_general_action_done');
    for (const table of CREATED) await q.dropIndex(table, `ix_${table}_created`);
    for (const [table, name, before] of WIDENED) {
      await q.dropIndex(table, name);
      await q.createIndex(table, new TableIndex(index(name, before)));
    }
  }
}
