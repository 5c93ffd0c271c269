import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/**
 * Tag library (categories, tags), tag assignments with their history, and the
 * customer -> segment projection. Index names match the entities' @Index.
 */
export class MarketingFoundation1764230600000 implements MigrationInterface {
  name = 'MarketingFoundation1764230600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'customer_profile',
        columns: [{ ...col.ref('customer_id'), isPrimary: true }, col.ref('segment_id'), col.datetime('updated_at')],
        indices: [index('ix_customer_profile_segment', ['segment_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tag_category',
        columns: [col.id(), col.string('code', 64), col.string('name', 100), col.string('name_en', 200, true), col.int('level'), col.ref('parent_id', true), ...col.audit()],
        indices: [index('uq_tag_category_code', ['code'], true), index('ix_tag_category_parent', ['parent_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tag',
        columns: [
          col.id(),
          col.string('code', 64),
          col.string('name', 100),
          col.text('definition'),
          col.string('kind', 16),
          col.ref('category_id'),
          col.datetime('valid_from', true),
          col.datetime('valid_to', true),
          ...col.audit(),
        ],
        indices: [index('uq_tag_code', ['code'], true), index('ix_tag_category_code', ['category_id', 'code'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tag_assignment',
        columns: [
          col.id(),
          col.ref('tag_id'),
          col.ref('customer_id'),
          col.ref('segment_id'),
          col.string('source', 16),
          col.datetime('assigned_at'),
          col.string('assigned_by', 64, true),
          col.string('evidence', 500, true),
          col.datetime('expires_at', true),
        ],
        indices: [
          index('uq_tag_assignment_customer_tag', ['customer_id', 'tag_id'], true),
          index('ix_tag_assignment_tag_segment', ['tag_id', 'segment_id']),
          index('ix_tag_assignment_segment', ['segment_id']),
          index('ix_tag_assignment_customer', ['customer_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tag_assignment_history',
        columns: [
          col.id(),
          col.ref('tag_id'),
          col.ref('customer_id'),
          col.ref('segment_id'),
          col.string('source', 16),
          col.datetime('assigned_at'),
          col.string('assigned_by', 64, true),
          col.string('evidence', 500, true),
          col.datetime('expires_at', true),
          col.datetime('removed_at'),
          col.string('removed_by', 64, true),
          col.string('removal_reason', 16),
        ],
        indices: [
          index('ix_tag_assignment_history_customer', ['customer_id', 'removed_at']),
          index('ix_tag_assignment_history_segment', ['segment_id', 'removed_at']),
          index('ix_tag_assignment_history_tag', ['tag_id']),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['tag_assignment_history', 'tag_assignment', 'tag', 'tag_category', 'customer_profile']) {
      await q.dropTable(t);
    }
  }
}
