import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/**
 * MKT-R05 / MKT-M6: the competitiveness-evaluation indicator system: a group-wide catalogue of
 * weighted indicators with a scale, and scores per competitor per indicator per quarter.
 */
export class MarketingCompetitiveness1764301800000 implements MigrationInterface {
  name = 'MarketingCompetitiveness1764301800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'competitiveness_indicator',
        columns: [
          col.id(),
          col.string('code', 40),
          col.string('name', 100),
          col.string('description', 500, true),
          col.decimal('weight', 8, 2),
          col.int('scale_min'),
          col.int('scale_max'),
          col.datetime('retired_at', true),
          ...col.audit(),
        ],
        indices: [index('uq_competitiveness_indicator_code', ['code'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competitiveness_score',
        columns: [
          col.id(),
          col.ref('competitor_id'),
          col.ref('indicator_id'),
          col.string('period', 7),
          col.decimal('score', 8, 2),
          col.string('note', 500, true),
          col.string('evaluated_by', 100),
          ...col.audit(),
        ],
        indices: [index('uq_competitiveness_score', ['competitor_id', 'indicator_id', 'period'], true), index('ix_competitiveness_score_indicator', ['indicator_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('competitiveness_score');
    await q.dropTable('competitiveness_indicator');
  }
}
