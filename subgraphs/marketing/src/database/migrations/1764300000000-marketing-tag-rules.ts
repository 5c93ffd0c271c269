import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col, index } from '@group/shared';

/**
 * Tag model completion (owner, indicator dimension), rule provenance on
 * assignments, versioned tag rules and their runs, and the customer_indicator
 * table rules read (filled by other subgraphs through ingestion mutations).
 * New columns are nullable so the migration runs on populated databases.
 */
export class MarketingTagRules1764300000000 implements MigrationInterface {
  name = 'MarketingTagRules1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('tag', [new TableColumn(col.string('owner', 100, true)), new TableColumn(col.string('indicator_dimension', 200, true))]);
    for (const t of ['tag_assignment', 'tag_assignment_history']) {
      await q.addColumns(t, [new TableColumn(col.ref('rule_id', true)), new TableColumn(col.int('rule_version', true))]);
    }
    await q.createTable(
      new Table({
        name: 'tag_rule',
        columns: [
          col.id(),
          col.ref('tag_id'),
          col.int('version'),
          col.text('expression'),
          col.string('summary', 1000),
          col.datetime('created_at'),
          col.string('created_by', 64, true),
        ],
        indices: [index('uq_tag_rule_tag_version', ['tag_id', 'version'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tag_rule_run',
        columns: [
          col.id(),
          col.ref('tag_id'),
          col.ref('rule_id'),
          col.int('rule_version'),
          col.datetime('ran_at'),
          col.string('ran_by', 64, true),
          col.int('matched'),
          col.int('added'),
          col.int('removed'),
          col.int('restamped'),
        ],
        indices: [index('ix_tag_rule_run_tag_ran_at', ['tag_id', 'ran_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'customer_indicator',
        columns: [
          { ...col.ref('customer_id'), isPrimary: true },
          { ...col.string('code', 64), isPrimary: true },
          { ...col.datetime('as_of'), isPrimary: true },
          col.decimal('value', 18, 4),
          col.string('source', 64),
          col.datetime('recorded_at'),
        ],
        indices: [index('ix_customer_indicator_code_as_of', ['code', 'as_of'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['customer_indicator', 'tag_rule_run', 'tag_rule']) await q.dropTable(t);
    for (const t of ['tag_assignment_history', 'tag_assignment']) {
      await q.dropColumn(t, 'rule_version');
      await q.dropColumn(t, 'rule_id');
    }
    await q.dropColumn('tag', 'indicator_dimension');
    await q.dropColumn('tag', 'owner');
  }
}
