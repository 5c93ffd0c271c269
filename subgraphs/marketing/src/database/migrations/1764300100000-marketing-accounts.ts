import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

/**
 * Grids and customer managers, group customers with members and products
 * held, value tiers (rules, computed tier and override on customer_profile)
 * and churn events. Index names match the entities' @Index.
 */
export class MarketingAccounts1764300100000 implements MigrationInterface {
  name = 'MarketingAccounts1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('customer_profile', [
      new TableColumn(col.ref('grid_id', true)),
      new TableColumn(col.string('tier', 16, true)),
      new TableColumn(col.string('tier_override', 16, true)),
    ]);
    await q.createIndex('customer_profile', new TableIndex(index('ix_customer_profile_grid', ['grid_id'])));
    await q.createIndex('customer_profile', new TableIndex(index('ix_customer_profile_segment_tier', ['segment_id', 'tier'])));
    await q.createTable(
      new Table({
        name: 'grid',
        columns: [
          col.id(),
          col.string('code', 64),
          col.string('name', 100),
          col.string('territory', 500, true),
          col.ref('parent_id', true),
          col.string('path', 400),
          col.int('level'),
          col.ref('segment_id'),
          col.ref('manager_employee_id', true),
          col.int('coverage_target'),
          ...col.audit(),
        ],
        indices: [
          index('uq_grid_code', ['code'], true),
          index('ix_grid_parent', ['parent_id']),
          index('ix_grid_path', ['path']),
          index('ix_grid_segment', ['segment_id']),
          index('ix_grid_manager', ['manager_employee_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'customer_manager_assignment',
        columns: [
          col.id(),
          col.ref('customer_id'),
          col.ref('segment_id'),
          col.ref('manager_employee_id'),
          col.datetime('started_at'),
          col.datetime('ended_at', true),
          col.string('assigned_by', 64, true),
        ],
        indices: [
          index('ix_cma_customer_period', ['customer_id', 'started_at']),
          index('ix_cma_manager_open', ['manager_employee_id', 'ended_at']),
          index('ix_cma_segment', ['segment_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'group_customer',
        columns: [col.id(), col.ref('customer_id'), col.ref('segment_id'), col.string('industry', 100, true), col.decimal('revenue', 18, 2, true), ...col.audit()],
        indices: [index('uq_group_customer_customer', ['customer_id'], true), index('ix_group_customer_segment', ['segment_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'group_member',
        columns: [
          col.id(),
          col.ref('group_customer_id'),
          col.ref('segment_id'),
          col.ref('member_customer_id', true),
          col.string('name', 100),
          col.string('role', 16),
          col.string('title', 100, true),
          col.datetime('joined_at'),
        ],
        indices: [
          index('ix_group_member_group', ['group_customer_id', 'name']),
          index('ix_group_member_segment', ['segment_id']),
          index('ix_group_member_customer', ['member_customer_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'group_product_holding',
        columns: [
          col.id(),
          col.ref('group_customer_id'),
          col.ref('segment_id'),
          col.string('product_name', 100),
          col.string('category', 100, true),
          col.datetime('since'),
          col.datetime('until', true),
        ],
        indices: [index('ix_group_product_holding_group', ['group_customer_id', 'product_name']), index('ix_group_product_holding_segment', ['segment_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tier_rule',
        columns: [col.id(), col.string('tier', 16), col.int('priority'), col.text('expression'), col.string('summary', 1000), col.int('version'), col.datetime('updated_at')],
        indices: [index('uq_tier_rule_tier', ['tier'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'churn_event',
        columns: [
          col.id(),
          col.ref('customer_id'),
          col.ref('segment_id'),
          col.datetime('churned_at'),
          col.string('reason', 200, true),
          col.bool('managed'),
          col.string('tier', 16),
          col.datetime('recorded_at'),
        ],
        indices: [index('ix_churn_event_customer', ['customer_id', 'churned_at']), index('ix_churn_event_segment_time', ['segment_id', 'churned_at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['churn_event', 'tier_rule', 'group_product_holding', 'group_member', 'group_customer', 'customer_manager_assignment', 'grid']) {
      await q.dropTable(t);
    }
    await q.dropIndex('customer_profile', 'ix_customer_profile_segment_tier');
    await q.dropIndex('customer_profile', 'ix_customer_profile_grid');
    for (const c of ['tier_override', 'tier', 'grid_id']) await q.dropColumn('customer_profile', c);
  }
}
