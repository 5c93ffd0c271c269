import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Audiences (dynamic or frozen members) and campaigns. */
export class MarketingAudiences1764300300000 implements MigrationInterface {
  name = 'MarketingAudiences1764300300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audience',
        columns: [
          col.id(),
          col.string('name', 100),
          col.ref('segment_id'),
          col.string('kind', 16),
          col.text('expression'),
          col.datetime('frozen_at', true),
          col.string('created_by', 64, true),
          ...col.audit(),
        ],
        indices: [index('ix_audience_segment_name', ['segment_id', 'name'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audience_member',
        columns: [
          { ...col.ref('audience_id'), isPrimary: true },
          { ...col.ref('customer_id'), isPrimary: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'campaign',
        columns: [
          col.id(),
          col.string('name', 100),
          col.ref('audience_id'),
          col.ref('segment_id'),
          col.string('channel', 16),
          col.datetime('starts_at'),
          col.datetime('ends_at'),
          col.decimal('budget', 18, 2),
          col.int('reached', true),
          col.int('responded', true),
          col.int('converted', true),
          col.decimal('revenue', 18, 2, true),
          ...col.audit(),
        ],
        indices: [index('ix_campaign_segment_start', ['segment_id', 'starts_at']), index('ix_campaign_audience', ['audience_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['campaign', 'audience_member', 'audience']) await q.dropTable(t);
  }
}
