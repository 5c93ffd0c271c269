import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Plans with targets (ORG-R27, WF-ORG-7, ORG-M5) and subsidiary oversight items (WF-ORG-10, ORG-R12, ORG-M9). */
export class PlansAndSubsidiaryOversight1764301400000 implements MigrationInterface {
  name = 'PlansAndSubsidiaryOversight1764301400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'company_plan',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.string('type', 40),
          col.string('period', 20),
          col.string('title', 200),
          col.string('status', 16),
          col.ref('approval_resolution_id', true),
          col.datetime('approved_at', true),
          ...col.audit(),
        ],
        indices: [index('ix_company_plan_company_type', ['company_id', 'type', 'period'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plan_target',
        columns: [
          col.id(),
          col.ref('plan_id'),
          col.int('ordinal'),
          col.string('name', 200),
          col.decimal('target_value', 16, 2),
          col.decimal('actual_value', 16, 2, true),
          col.string('unit', 20),
          col.bool('higher_is_better'),
        ],
        indices: [index('ix_plan_target_plan', ['plan_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'subsidiary_oversight_item',
        columns: [
          col.id(),
          col.ref('subsidiary_id'),
          col.ref('parent_company_id'),
          col.string('matter', 48),
          col.string('handling', 8),
          col.text('description'),
          col.int('amount_wan', true),
          col.string('status', 16),
          col.text('decision', true),
          col.datetime('submitted_at'),
          col.datetime('decided_at', true),
          ...col.audit(),
        ],
        indices: [index('ix_subsidiary_oversight_subsidiary', ['subsidiary_id', 'status', 'matter']), index('ix_subsidiary_oversight_parent', ['parent_company_id', 'status'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('subsidiary_oversight_item');
    await q.dropTable('plan_target');
    await q.dropTable('company_plan');
  }
}
