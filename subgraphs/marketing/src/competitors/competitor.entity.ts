import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, ValueTransformer, VersionColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** JSON string lists in a TEXT column (same on SQLite and MariaDB). */
const jsonList: ValueTransformer = {
  to: (v: string[] | null | undefined) => (v === null || v === undefined ? null : JSON.stringify(v)),
  from: (v: string | null) => (v === null || v === undefined ? null : (JSON.parse(v) as string[])),
};
const decimal: ValueTransformer = { to: (v) => v, from: (v) => (v === null || v === undefined ? null : Number(v)) };

/** 机构类型 (MKT-R08), "等" = open list, hence OTHER. */
export enum OwnershipType {
  STATE_OWNED = 'STATE_OWNED',
  COLLECTIVE = 'COLLECTIVE',
  PRIVATE = 'PRIVATE',
  JOINT_OPERATION = 'JOINT_OPERATION',
  COOPERATIVE = 'COOPERATIVE',
  SINO_FOREIGN_JOINT_VENTURE = 'SINO_FOREIGN_JOINT_VENTURE',
  JOINT_STOCK = 'JOINT_STOCK',
  FOREIGN_FUNDED = 'FOREIGN_FUNDED',
  OTHER = 'OTHER',
}
registerEnumType(OwnershipType, { name: 'CompetitorOwnershipType', description: '国有, 集体, 私营, 联营, 合作, 合资, 股份制, 外资, other (MKT-R08).' });

export enum BranchKind {
  SUBORDINATE_ORG = 'SUBORDINATE_ORG',
  OFFICE = 'OFFICE',
  OTHER_BRANCH = 'OTHER_BRANCH',
}
registerEnumType(BranchKind, { name: 'CompetitorBranchKind', description: '下属机构, 办事处, 其他分支机构.' });

export enum StrategyLine {
  GROUP_CUSTOMER = 'GROUP_CUSTOMER',
  GROUP_MEMBER = 'GROUP_MEMBER',
}
registerEnumType(StrategyLine, { name: 'StrategyLine', description: 'The two research lines (MKT-R12): group customers and group members.' });

/**
 * A competitor (竞争对手) with the source's basic information (MKT-R07):
 * legal name, ownership type, scale, industry influence; branches, business
 * types and operating regions are child rows. Competitor intelligence is
 * sensitive: see CompetitorService for who may read and write it.
 */
@ObjectType({ description: 'A competitor with the basic information of the source (MKT-R07). Sensitive: group executives, segment heads and the group marketing department only.' })
@Entity('competitor')
export class Competitor extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: '企业法定名称.' })
  @Index('uq_competitor_legal_name', { unique: true })
  @Column({ name: 'legal_name', type: 'varchar', length: 200 })
  legalName: string;

  @Field(() => OwnershipType, { description: '机构类型: ownership structure.' })
  @Column({ name: 'ownership_type', type: 'varchar', length: 32 })
  ownershipType: OwnershipType;

  @Field(() => Float, { nullable: true, description: '企业规模: assets, CNY.' })
  @Column({ type: 'decimal', precision: 20, scale: 2, nullable: true, transformer: decimal })
  assets: number | null;

  @Field(() => Int, { nullable: true, description: '企业规模: employees.' })
  @Column({ name: 'employee_count', type: 'integer', nullable: true })
  employeeCount: number | null;

  @Field(() => String, { nullable: true, description: '企业规模: other scale facts.' })
  @Column({ name: 'scale_note', type: 'varchar', length: 500, nullable: true })
  scaleNote: string | null;

  @Field(() => String, { nullable: true, description: '行业影响力: leading role in the industry and region (龙头作用).' })
  @Column({ name: 'leadership_role', type: 'varchar', length: 500, nullable: true })
  leadershipRole: string | null;

  @Field(() => Int, { nullable: true, description: '行业影响力: industry ranking (1 = first).' })
  @Column({ name: 'industry_rank', type: 'integer', nullable: true })
  industryRank: number | null;

  @Field(() => String, { nullable: true, description: '行业影响力: radiation capacity (辐射能力).' })
  @Column({ name: 'radiation_capacity', type: 'varchar', length: 500, nullable: true })
  radiationCapacity: string | null;

  @Field(() => String, { nullable: true, description: '行业影响力: fiscal contribution (财政贡献).' })
  @Column({ name: 'fiscal_contribution', type: 'varchar', length: 500, nullable: true })
  fiscalContribution: string | null;

  @Field(() => String, { nullable: true, description: 'Where the intelligence comes from (情报搜集).' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  sources: string | null;

  @Field(() => String, { nullable: true, description: 'Account that collected it.' })
  @Column({ name: 'collected_by', type: 'varchar', length: 64, nullable: true })
  collectedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When the record was archived (WF-MKT-2 ARCHIVED): hidden from lists by default, kept for history.' })
  @Column({ name: 'archived_at', type: 'datetime', nullable: true })
  archivedAt: Date | null;
}

@ObjectType({ description: '主要机构: a subordinate organisation, office or other branch.' })
@Entity('competitor_branch')
export class CompetitorBranch {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ix_competitor_branch_competitor')
  @Column({ name: 'competitor_id', type: 'varchar', length: 36 })
  competitorId: string;

  @Field(() => BranchKind)
  @Column({ type: 'varchar', length: 16 })
  kind: BranchKind;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true, description: '联系方式.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  contact: string | null;

  @Field(() => String, { nullable: true, description: '主要负责人.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  principal: string | null;
}

@ObjectType({ description: '业务类型: a business scope and the corresponding product status; or 经营地区范围 when `region` is set.' })
@Entity('competitor_business')
export class CompetitorBusiness {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ix_competitor_business_competitor')
  @Column({ name: 'competitor_id', type: 'varchar', length: 36 })
  competitorId: string;

  @Field({ description: '具体业务范围.' })
  @Column({ type: 'varchar', length: 200 })
  scope: string;

  @Field(() => String, { nullable: true, description: '相应的产品状况.' })
  @Column({ name: 'product_status', type: 'varchar', length: 500, nullable: true })
  productStatus: string | null;
}

@ObjectType({ description: '经营地区范围: a region and market field the competitor operates in.' })
@Entity('competitor_region')
export class CompetitorRegion {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ix_competitor_region_competitor')
  @Column({ name: 'competitor_id', type: 'varchar', length: 36 })
  competitorId: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  region: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'market_field', type: 'varchar', length: 100, nullable: true })
  marketField: string | null;
}

/** A competitor product with the 16 attributes of the source (MKT-R09) and its pricing (MKT-R10). */
@ObjectType({ description: 'A competitor product: the 16 product attributes of the source (MKT-R09) and pricing (MKT-R10).' })
@Entity('competitor_product')
@Index('ix_competitor_product_competitor', ['competitorId', 'name'])
export class CompetitorProduct {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'competitor_id', type: 'varchar', length: 36 })
  competitorId: string;

  @Field({ description: '1 产品名称.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: '2 种类.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null;

  @Field(() => [String], { description: '3 主要功能.' })
  @Column({ name: 'main_functions', type: 'text', transformer: jsonList })
  mainFunctions: string[];

  @Field(() => Date, { nullable: true, description: '4 推出日期.' })
  @Column({ name: 'launch_date', type: 'datetime', nullable: true })
  launchDate: Date | null;

  @Field(() => String, { nullable: true, description: '5 市场定位.' })
  @Column({ name: 'market_positioning', type: 'varchar', length: 500, nullable: true })
  marketPositioning: string | null;

  @Field(() => String, { nullable: true, description: '6 市场容量.' })
  @Column({ name: 'market_capacity', type: 'varchar', length: 200, nullable: true })
  marketCapacity: string | null;

  @Field(() => Float, { nullable: true, description: '7 市场份额, 0..1.' })
  @Column({ name: 'market_share', type: 'decimal', precision: 7, scale: 4, nullable: true, transformer: decimal })
  marketShare: number | null;

  @Field(() => Int, { nullable: true, description: '8 产品更新周期, days; shorter = faster market response, a stronger competitor (MKT-R11).' })
  @Column({ name: 'update_cycle_days', type: 'integer', nullable: true })
  updateCycleDays: number | null;

  @Field(() => String, { nullable: true, description: '9 产品优劣性.' })
  @Column({ name: 'strengths_weaknesses', type: 'text', nullable: true })
  strengthsWeaknesses: string | null;

  @Field(() => String, { nullable: true, description: '10 销售及盈利评估 (estimate).' })
  @Column({ name: 'sales_profit_estimate', type: 'varchar', length: 500, nullable: true })
  salesProfitEstimate: string | null;

  @Field(() => String, { nullable: true, description: '11 销售及盈利实际情况 (actual).' })
  @Column({ name: 'sales_profit_actual', type: 'varchar', length: 500, nullable: true })
  salesProfitActual: string | null;

  @Field(() => String, { nullable: true, description: '12 产品季节性.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  seasonality: string | null;

  @Field(() => String, { nullable: true, description: '13 产品资费.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  tariff: string | null;

  @Field(() => String, { nullable: true, description: '14 价格弹性.' })
  @Column({ name: 'price_elasticity', type: 'varchar', length: 200, nullable: true })
  priceElasticity: string | null;

  @Field(() => [String], { description: '15 衍生产品.' })
  @Column({ name: 'derivative_products', type: 'text', transformer: jsonList })
  derivativeProducts: string[];

  @Field(() => [String], { description: '16 用户评价.' })
  @Column({ name: 'user_reviews', type: 'text', transformer: jsonList })
  userReviews: string[];

  @Field(() => String, { nullable: true, description: 'Pricing: 产品定价策略.' })
  @Column({ name: 'pricing_strategy', type: 'varchar', length: 500, nullable: true })
  pricingStrategy: string | null;

  @Field(() => Float, { nullable: true, description: 'Pricing: 价格水平, the latest recorded price (see priceHistory).' })
  @Column({ name: 'price_level', type: 'decimal', precision: 18, scale: 2, nullable: true, transformer: decimal })
  priceLevel: number | null;

  @Field(() => String, { nullable: true, description: 'Pricing: 价格水平的机动性 (flexibility).' })
  @Column({ name: 'price_flexibility', type: 'varchar', length: 200, nullable: true })
  priceFlexibility: string | null;

  @Field(() => String, { nullable: true, description: 'Pricing: 产品价格的稳定性 (stability).' })
  @Column({ name: 'price_stability', type: 'varchar', length: 200, nullable: true })
  priceStability: string | null;

  @Field()
  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version, incremented on every change; send it back with an update.' })
  @VersionColumn()
  version: number;
}

@ObjectType({ description: 'A price observed for a competitor product from `effectiveAt`.' })
@Entity('competitor_price')
@Index('ix_competitor_price_product_time', ['productId', 'effectiveAt'])
export class CompetitorPrice {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'product_id', type: 'varchar', length: 36 })
  productId: string;

  @Field(() => Float)
  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: decimal })
  price: number;

  @Field()
  @Column({ name: 'effective_at', type: 'datetime' })
  effectiveAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;
}

@ObjectType({
  description: 'A competitor’s marketing strategy on one of the two lines (MKT-R12): tariffs, marketing methods, campaigns, and our corresponding strategy indicators.',
})
@Entity('competitor_strategy')
@Index('ix_competitor_strategy_competitor', ['competitorId', 'observedAt'])
export class CompetitorStrategy {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'competitor_id', type: 'varchar', length: 36 })
  competitorId: string;

  @Field(() => StrategyLine)
  @Column({ type: 'varchar', length: 16 })
  line: StrategyLine;

  @Field(() => String, { nullable: true, description: '资费.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  tariff: string | null;

  @Field(() => String, { nullable: true, description: '营销方式.' })
  @Column({ name: 'marketing_method', type: 'varchar', length: 500, nullable: true })
  marketingMethod: string | null;

  @Field(() => String, { nullable: true, description: '营销活动.' })
  @Column({ name: 'marketing_campaigns', type: 'varchar', length: 500, nullable: true })
  marketingCampaigns: string | null;

  @Field(() => String, { nullable: true, description: '对应的策略指标: our counter-strategy indicators.' })
  @Column({ name: 'corresponding_indicators', type: 'varchar', length: 500, nullable: true })
  correspondingIndicators: string | null;

  @Field()
  @Column({ name: 'observed_at', type: 'datetime' })
  observedAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version, incremented on every change; send it back with an update.' })
  @VersionColumn()
  version: number;
}
