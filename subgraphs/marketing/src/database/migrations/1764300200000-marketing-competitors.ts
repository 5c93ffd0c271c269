import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Competitor intelligence (MKT-R05–R12): competitors, branches, business types, regions, products, price history, strategies. */
export class MarketingCompetitors1764300200000 implements MigrationInterface {
  name = 'MarketingCompetitors1764300200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'competitor',
        columns: [
          col.id(),
          col.string('legal_name', 200),
          col.string('ownership_type', 32),
          col.decimal('assets', 20, 2, true),
          col.int('employee_count', true),
          col.string('scale_note', 500, true),
          col.string('leadership_role', 500, true),
          col.int('industry_rank', true),
          col.string('radiation_capacity', 500, true),
          col.string('fiscal_contribution', 500, true),
          col.string('sources', 500, true),
          col.string('collected_by', 64, true),
          ...col.audit(),
        ],
        indices: [index('uq_competitor_legal_name', ['legal_name'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competitor_branch',
        columns: [
          col.id(),
          col.ref('competitor_id'),
          col.string('kind', 16),
          col.string('name', 200),
          col.string('address', 300, true),
          col.string('contact', 200, true),
          col.string('principal', 100, true),
        ],
        indices: [index('ix_competitor_branch_competitor', ['competitor_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competitor_business',
        columns: [col.id(), col.ref('competitor_id'), col.string('scope', 200), col.string('product_status', 500, true)],
        indices: [index('ix_competitor_business_competitor', ['competitor_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competitor_region',
        columns: [col.id(), col.ref('competitor_id'), col.string('region', 100), col.string('market_field', 100, true)],
        indices: [index('ix_competitor_region_competitor', ['competitor_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competitor_product',
        columns: [
          col.id(),
          col.ref('competitor_id'),
          col.string('name', 200),
          col.string('category', 100, true),
          col.text('main_functions'),
          col.datetime('launch_date', true),
          col.string('market_positioning', 500, true),
          col.string('market_capacity', 200, true),
          col.decimal('market_share', 7, 4, true),
          col.int('update_cycle_days', true),
          col.text('strengths_weaknesses', true),
          col.string('sales_profit_estimate', 500, true),
          col.string('sales_profit_actual', 500, true),
          col.string('seasonality', 200, true),
          col.string('tariff', 500, true),
          col.string('price_elasticity', 200, true),
          col.text('derivative_products'),
          col.text('user_reviews'),
          col.string('pricing_strategy', 500, true),
          col.decimal('price_level', 18, 2, true),
          col.string('price_flexibility', 200, true),
          col.string('price_stability', 200, true),
          col.datetime('updated_at'),
        ],
        indices: [index('ix_competitor_product_competitor', ['competitor_id', 'name'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competitor_price',
        columns: [col.id(), col.ref('product_id'), col.decimal('price', 18, 2), col.datetime('effective_at'), col.string('note', 300, true)],
        indices: [index('ix_competitor_price_product_time', ['product_id', 'effective_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competitor_strategy',
        columns: [
          col.id(),
          col.ref('competitor_id'),
          col.string('line', 16),
          col.string('tariff', 500, true),
          col.string('marketing_method', 500, true),
          col.string('marketing_campaigns', 500, true),
          col.string('corresponding_indicators', 500, true),
          col.datetime('observed_at'),
        ],
        indices: [index('ix_competitor_strategy_competitor', ['competitor_id', 'observed_at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['competitor_strategy', 'competitor_price', 'competitor_product', 'competitor_region', 'competitor_business', 'competitor_branch', 'competitor']) {
      await q.dropTable(t);
    }
  }
}
