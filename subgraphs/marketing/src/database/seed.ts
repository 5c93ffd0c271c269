import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DEMO_CUSTOMER_COUNT, DEMO_SEGMENTS, demoCustomerId, demoCustomerSegment, demoSegmentPersonId, stableId } from '@group/shared';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';
import { TagCategory } from '../tag-categories/tag-category.entity';
import { Tag, TagKind } from '../tags/tag.entity';
import { TagAssignment, TagSource } from '../tag-assignments/tag-assignment.entity';
import { rebuildTagCoverage } from '../tag-assignments/tag-coverage-summary';
import { TagRule } from '../tag-rules/tag-rule.entity';
import { CustomerIndicator } from '../indicators/customer-indicator.entity';
import { CustomerManagerAssignment, Grid } from '../grids/grid.entity';
import { GroupCustomer, GroupMember, MemberRole, ProductHolding } from '../group-customers/group-customer.entity';
import { ChurnEvent, CustomerTier } from '../tiers/churn-event.entity';
import { TierRule } from '../tiers/tier-rule.entity';
import { seedCompetitivenessDemo } from '../competitors/competitiveness-demo.seed';
import { describeExpression, normaliseExpression, RuleExpressionShape } from '../tag-rules/rule-expression';

/** Every seeded timestamp derives from this instant: the seed is deterministic. */
const SEED_TIME = new Date('2025-01-01T00:00:00Z');
const DAY = 24 * 3600 * 1000;

export const demoTagCategoryId = (code: string) => stableId('tag-category', code);
export const demoTagId = (code: string) => stableId('tag', code);
export const demoTagAssignmentId = (n: number, tagCode: string) => stableId('tag-assignment', `${n}-${tagCode}`);

interface SeedTag {
  code: string;
  name: string;
  kind: TagKind;
  definition: string;
  validFrom?: string;
  validTo?: string;
}
interface SeedSubCategory {
  code: string;
  name: string;
  nameEn: string;
  tags: SeedTag[];
}
interface SeedCategory {
  code: string;
  name: string;
  nameEn: string;
  theme: string;
  children: SeedSubCategory[];
}

const M = TagKind.MANUAL;
const R = TagKind.RULE;
const t = (code: string, name: string, kind: TagKind, definition: string, extra: Partial<SeedTag> = {}): SeedTag => ({ code, name, kind, definition, ...extra });

/** Level 0: the core work themes the tags serve (domain.md MKT-R02). */
export const DEMO_TAG_THEMES = [
  { code: 'GROWTH', name: '客户增长', nameEn: 'Customer growth' },
  { code: 'RETENTION', name: '客户保有', nameEn: 'Customer retention' },
  { code: 'VALUE', name: '客户价值', nameEn: 'Customer value' },
];

/**
 * Level 1: the five level-1 categories of the source (MKT-R03), each placed
 * under the theme whose operating approach it mainly serves [I: the source
 * does not map them], with level-2 sub-categories and their tags.
 */
export const DEMO_TAG_LIBRARY: SeedCategory[] = [
  {
    code: 'CUSTOMER_BEHAVIOR',
    name: '客户行为',
    nameEn: 'Customer behaviour',
    theme: 'RETENTION',
    children: [
      {
        code: 'CUSTOMER_BEHAVIOR.TRANSACTION',
        name: '交易行为',
        nameEn: 'Transactions',
        tags: [
          t('HIGH_VALUE', '高价值客户', R, '近12个月累计交易金额位于本版块前10%的客户。'),
          t('INACTIVE_90D', '近90天无交易', R, '最近一次交易距今超过90天的客户。'),
          t('REPEAT_BUYER', '复购客户', R, '近12个月内在本版块有2次及以上成交记录的客户。'),
        ],
      },
      {
        code: 'CUSTOMER_BEHAVIOR.COMPLAINT',
        name: '投诉与服务',
        nameEn: 'Complaints',
        tags: [
          t('COMPLAINT_30D', '近30天有投诉', R, '近30天内提交过至少1次投诉的客户。'),
          t('REPEAT_COMPLAINER', '多次投诉客户', R, '近12个月内投诉3次及以上的客户。'),
          t('COMPLAINT_RESOLVED', '投诉已妥善解决', M, '投诉已闭环且客户回访表示满意,由客服人员确认。'),
        ],
      },
      {
        code: 'CUSTOMER_BEHAVIOR.CHURN',
        name: '流失风险',
        nameEn: 'Churn risk',
        tags: [
          t('CHURN_RISK', '流失预警', R, '交易频次或金额较上年同期下降50%以上,存在流失风险的客户。'),
          t('CONTRACT_EXPIRING', '合同即将到期', R, '主要服务合同将在90天内到期的客户。'),
          t('WON_BACK', '已挽留客户', M, '曾被预警流失、经挽留后继续合作的客户。'),
        ],
      },
    ],
  },
  {
    code: 'PRODUCT_OPERATIONS',
    name: '产品运营',
    nameEn: 'Product operations',
    theme: 'VALUE',
    children: [
      {
        code: 'PRODUCT_OPERATIONS.HOLDING',
        name: '产品持有',
        nameEn: 'Product holding',
        tags: [
          t('MULTI_PRODUCT', '多产品持有', R, '同时持有集团两个及以上版块产品或服务的客户。'),
          t('SINGLE_PRODUCT', '单一产品客户', R, '仅持有一种产品或服务的客户。'),
          t('VAS_USER', '增值服务使用者', R, '近6个月使用过增值服务的客户。'),
        ],
      },
      {
        code: 'PRODUCT_OPERATIONS.CROSS_SELL',
        name: '交叉销售',
        nameEn: 'Cross-selling',
        tags: [
          t('CROSS_SELL_POTENTIAL', '交叉销售潜力', M, '业务人员判断有意向购买其他版块产品的客户。'),
          t('UPGRADE_INTENT', '升级意向', M, '表达过升级现有产品或服务意向的客户。'),
          t('NEW_PRODUCT_TRIAL', '新品试用', M, '参与新产品试用或试点的客户。'),
        ],
      },
      {
        code: 'PRODUCT_OPERATIONS.INDUSTRY',
        name: '行业应用',
        nameEn: 'Industry applications',
        tags: [
          t('INDUSTRY_APP', '行业应用客户', M, '采用行业解决方案或定制化应用的集团客户。'),
          t('STANDARD_PRODUCT_FIT', '标准化产品适配', M, '需求可由标准化应用产品满足的客户。'),
        ],
      },
    ],
  },
  {
    code: 'MARKETING_SERVICE',
    name: '营销服务',
    nameEn: 'Marketing service',
    theme: 'GROWTH',
    children: [
      {
        code: 'MARKETING_SERVICE.CAMPAIGN',
        name: '营销活动',
        nameEn: 'Campaigns',
        tags: [
          t('CAMPAIGN_RESPONSIVE', '活动响应积极', R, '近12个月参与营销活动2次及以上的客户。'),
          t('PRICE_SENSITIVE', '价格敏感', M, '对资费或价格变动反应明显的客户。'),
          t('HOLIDAY_TARGET', '节日营销目标', M, '2025年春节营销活动的目标客户(活动期内有效)。', {
            validFrom: '2025-01-01T00:00:00Z',
            validTo: '2025-02-28T00:00:00Z',
          }),
        ],
      },
      {
        code: 'MARKETING_SERVICE.SERVICE_TIER',
        name: '分级服务',
        nameEn: 'Tiered service',
        tags: [
          t('KEY_ACCOUNT', '大客户', M, '由市场营销部认定的大客户,享受重点回访与专属服务。'),
          t('DEDICATED_MANAGER', '专属客户经理', M, '已指定专属客户经理负责服务与保有的客户。'),
          t('KEY_REVISIT', '重点回访客户', M, '列入重点客户回访计划的客户。'),
        ],
      },
      {
        code: 'MARKETING_SERVICE.SATISFACTION',
        name: '满意度',
        nameEn: 'Satisfaction',
        tags: [
          t('HIGH_SATISFACTION', '高满意度', R, '最近一次满意度回访评分不低于9分(10分制)的客户。'),
          t('LOW_SATISFACTION', '低满意度', R, '最近一次满意度回访评分低于6分(10分制)的客户。'),
        ],
      },
    ],
  },
  {
    code: 'CHANNEL_MANAGEMENT',
    name: '渠道管理',
    nameEn: 'Channel management',
    theme: 'GROWTH',
    children: [
      {
        code: 'CHANNEL_MANAGEMENT.PREFERENCE',
        name: '渠道偏好',
        nameEn: 'Channel preference',
        tags: [
          t('ONLINE_CHANNEL', '线上渠道偏好', R, '近6个月超过一半的互动通过线上渠道(网站、APP、微信)完成的客户。'),
          t('OFFLINE_CHANNEL', '线下门店偏好', R, '近6个月超过一半的互动在线下门店或营业厅完成的客户。'),
          t('HOTLINE_CHANNEL', '热线偏好', R, '近6个月主要通过客服热线联系的客户。'),
        ],
      },
      {
        code: 'CHANNEL_MANAGEMENT.GRID',
        name: '网格管理',
        nameEn: 'Grid management',
        tags: [
          t('GRID_ARCHIVED', '网格已建档', M, '已通过网格化管理完成客户档案采集的客户。'),
          t('GRID_KEY', '网格重点客户', M, '网格经理确定的本网格重点维护客户。'),
          t('DATA_INCOMPLETE', '资料待完善', R, '客户档案必填项完整度低于80%的客户。'),
        ],
      },
      {
        code: 'CHANNEL_MANAGEMENT.PARTNER',
        name: '合作渠道',
        nameEn: 'Partner channels',
        tags: [t('PARTNER_REFERRAL', '渠道商推荐', M, '由合作渠道商推荐而来的客户。'), t('REFERRAL', '转介绍客户', M, '由现有客户转介绍而来的客户。')],
      },
    ],
  },
  {
    code: 'COMPETITOR_RESEARCH',
    name: '竞争对手研究',
    nameEn: 'Competitor research',
    theme: 'RETENTION',
    children: [
      {
        code: 'COMPETITOR_RESEARCH.PRESENCE',
        name: '竞品使用',
        nameEn: 'Competitor presence',
        tags: [
          t('COMPETITOR_USER', '竞品用户', M, '同时使用竞争对手产品或服务的客户。'),
          t('COMPETITOR_CONTRACT_END', '竞品合约到期', M, '与竞争对手的合约将在6个月内到期的客户。'),
          t('MULTI_VENDOR', '多供应商客户', M, '同类需求同时向多家供应商采购的客户。'),
        ],
      },
      {
        code: 'COMPETITOR_RESEARCH.THREAT',
        name: '竞争威胁',
        nameEn: 'Competitive threat',
        tags: [
          t('COMPETITOR_CONTACT', '竞品接触中', M, '已知正在与竞争对手洽谈的客户。'),
          t('COMPETITOR_PRICE_LURE', '竞品价格吸引', M, '因竞争对手资费或价格优惠而考虑转移的客户。'),
        ],
      },
      {
        code: 'COMPETITOR_RESEARCH.COUNTER',
        name: '对策跟踪',
        nameEn: 'Counter-strategy',
        tags: [
          t('COUNTER_OFFER_MADE', '已制定对策', M, '已针对竞争对手策略制定并实施对应营销策略的客户。'),
          t('COMPETITOR_WIN_BACK', '竞品回流', M, '曾转向竞争对手、现已回流的客户。'),
        ],
      },
    ],
  },
];

/** The tag library's owner (MKT-R23). */
export const DEMO_TAG_OWNER = '集团市场营销部';

/** Version-1 rules of some RULE tags, with the indicator dimension behind them (G-20). */
export const DEMO_TAG_RULES: { tagCode: string; dimension: string; expression: RuleExpressionShape }[] = [
  {
    tagCode: 'COMPLAINT_30D',
    dimension: 'COMPLAINT_COUNT (customer-service), SUM over 30 days',
    expression: { condition: { indicator: 'COMPLAINT_COUNT', aggregate: 'SUM', windowDays: 30, op: 'GTE', value: 1 } },
  },
  {
    tagCode: 'REPEAT_COMPLAINER',
    dimension: 'COMPLAINT_COUNT (customer-service), SUM over 365 days',
    expression: { condition: { indicator: 'COMPLAINT_COUNT', aggregate: 'SUM', windowDays: 365, op: 'GTE', value: 3 } },
  },
  {
    tagCode: 'HIGH_SATISFACTION',
    dimension: 'SATISFACTION_SCORE (customer-service), LATEST',
    expression: { condition: { indicator: 'SATISFACTION_SCORE', aggregate: 'LATEST', op: 'GTE', value: 9 } },
  },
  {
    tagCode: 'LOW_SATISFACTION',
    dimension: 'SATISFACTION_SCORE (customer-service), LATEST',
    expression: { condition: { indicator: 'SATISFACTION_SCORE', aggregate: 'LATEST', op: 'LT', value: 6 } },
  },
  {
    tagCode: 'DATA_INCOMPLETE',
    dimension: 'ARCHIVE_COMPLETENESS (marketing grid survey), LATEST',
    expression: { condition: { indicator: 'ARCHIVE_COMPLETENESS', aggregate: 'LATEST', op: 'LT', value: 0.8 } },
  },
];
export const demoTagRuleId = (tagCode: string) => stableId('tag-rule', `${tagCode}-1`);

/** Demo ARCHIVE_COMPLETENESS of customer n: 0.1 .. 1.0, varying within each segment. */
export const demoArchiveCompleteness = (n: number) => (((Math.floor(n / DEMO_SEGMENTS.length) * 7 + n) % 10) + 1) / 10;
export const demoGridId = (code: string) => stableId('grid', code);
/** Grids of a segment: `<SEG>` (root) with `<SEG>-N` and `<SEG>-S` below; managed by the segment's business staff. */
export const demoGridCodes = (seg: string) => [seg, `${seg}-N`, `${seg}-S`];
/** Demo customer n (m = its number within the segment): placed in grid N (m even) or S (m odd), except every 5th; managed when m % 3 = 0. */
export const demoCustomerGrid = (n: number): string | null => {
  const m = Math.floor(n / DEMO_SEGMENTS.length);
  return m % 5 === 4 ? null : `${demoCustomerSegment(n).code}-${m % 2 === 0 ? 'N' : 'S'}`;
};
export const demoCustomerManaged = (n: number) => Math.floor(n / DEMO_SEGMENTS.length) % 3 === 0;
/** The first three customers of each segment are group customers. */
export const demoIsGroupCustomer = (n: number) => Math.floor(n / DEMO_SEGMENTS.length) < 3;
/**
 * Demo churn in 2025, shaped on the source's figures (MKT-R17): 30 % of the
 * customers without a customer manager, 2 % of those with one.
 */
export const demoChurned2025 = (n: number) => {
  const m = Math.floor(n / DEMO_SEGMENTS.length);
  return demoCustomerManaged(n) ? m === 27 && n % DEMO_SEGMENTS.length < 2 : m % 4 === 1;
};
export const demoGroupCustomerId = (n: number) => stableId('group-customer', n);

/** Tier rules (G-23 proposal as configurable defaults): seeded, run on demand. */
export const DEMO_TIER_RULES: { tier: CustomerTier; priority: number; expression: RuleExpressionShape }[] = [
  { tier: CustomerTier.KEY_ACCOUNT, priority: 10, expression: { condition: { indicator: 'ORDER_VALUE', aggregate: 'SUM', windowDays: 365, op: 'GTE', value: 5_000_000 } } },
  { tier: CustomerTier.HIGH_VALUE, priority: 20, expression: { condition: { indicator: 'ORDER_VALUE', aggregate: 'SUM', windowDays: 365, op: 'GTE', value: 1_000_000 } } },
  { tier: CustomerTier.HIGH_END, priority: 30, expression: { condition: { indicator: 'ORDER_VALUE', aggregate: 'SUM', windowDays: 365, op: 'GTE', value: 200_000 } } },
];

async function insertBatched<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: Partial<T>[], size = 200) {
  for (let i = 0; i < rows.length; i += size) await m.insert(target, rows.slice(i, i + size));
}

/**
 * Demo data: the category tree, ~40 tags, marketing's projection of the demo
 * customers (customer -> segment, from the shared catalogue) and 2–4 tags per
 * customer. Deterministic (stable ids, fixed timestamps, no randomness); runs
 * only on an empty database, in one transaction.
 */
export async function seedMarketing(ds: DataSource): Promise<boolean> {
  if ((await ds.getRepository(TagCategory).count()) > 0) return false;
  const audit = { createdAt: SEED_TIME, updatedAt: SEED_TIME, version: 1 };

  const categories: Partial<TagCategory>[] = [];
  const tags: Tag[] = [];
  for (const th of DEMO_TAG_THEMES) {
    categories.push({ id: demoTagCategoryId(th.code), code: th.code, name: th.name, nameEn: th.nameEn, level: 0, parentId: null, ...audit });
  }
  for (const c of DEMO_TAG_LIBRARY) {
    const id = demoTagCategoryId(c.code);
    categories.push({ id, code: c.code, name: c.name, nameEn: c.nameEn, level: 1, parentId: demoTagCategoryId(c.theme), ...audit });
    for (const sub of c.children) {
      const subId = demoTagCategoryId(sub.code);
      categories.push({ id: subId, code: sub.code, name: sub.name, nameEn: sub.nameEn, level: 2, parentId: id, ...audit });
      for (const tag of sub.tags) {
        tags.push(
          Object.assign(new Tag(), {
            id: demoTagId(tag.code),
            code: tag.code,
            name: tag.name,
            definition: tag.definition,
            kind: tag.kind,
            categoryId: subId,
            validFrom: tag.validFrom ? new Date(tag.validFrom) : new Date('2024-01-01T00:00:00Z'),
            validTo: tag.validTo ? new Date(tag.validTo) : null,
            owner: DEMO_TAG_OWNER,
            indicatorDimension: DEMO_TAG_RULES.find((r) => r.tagCode === tag.code)?.dimension ?? null,
            ...audit,
          }),
        );
      }
    }
  }

  // Tags hang off level-2 categories: their parent is the level-1 category.
  const level1Of = new Map(categories.filter((c) => c.level === 2).map((c) => [c.id!, c.parentId!]));
  const profiles: CustomerProfile[] = [];
  const assignments: Partial<TagAssignment>[] = [];
  for (let n = 0; n < DEMO_CUSTOMER_COUNT; n++) {
    const customerId = demoCustomerId(n);
    const segment = demoCustomerSegment(n);
    profiles.push({ customerId, segmentId: segment.id, updatedAt: SEED_TIME, gridId: null, tier: null, tierOverride: null, customerVersion: null });
    const k = 2 + (n % 3);
    for (let j = 0; j < k; j++) {
      // Within a segment (n = s + 10·m) the first tag walks 37·m mod 40, so every segment
      // uses most of the library; 13·j mod 40 is distinct for j < 4, so a customer never
      // gets the same tag twice.
      const tag = tags[(Math.floor(n / DEMO_SEGMENTS.length) * 7 + n * 3 + j * 13) % tags.length];
      const assignedAt = new Date(SEED_TIME.getTime() + ((n * 37 + j * 11) % 45) * DAY + (n % 24) * 3600 * 1000);
      let source: TagSource;
      let assignedBy: string | null;
      let evidence: string | null;
      if (tag.kind === TagKind.RULE) {
        source = TagSource.RULE;
        assignedBy = `rule:${tag.code}`;
        evidence = `规则计算:${tag.name}`;
      } else if ((n + j) % 3 === 0) {
        source = TagSource.IMPORT;
        assignedBy = 'import:2025-01';
        evidence = null;
      } else {
        source = TagSource.MANUAL;
        assignedBy = stableId('account', `staff.${segment.code.toLowerCase()}`);
        evidence = '业务人员走访确认';
      }
      assignments.push({
        id: demoTagAssignmentId(n, tag.code),
        tagId: tag.id,
        customerId,
        segmentId: segment.id,
        source,
        assignedAt,
        assignedBy,
        evidence,
        expiresAt: null,
        ruleId: null,
        ruleVersion: null,
        categoryL1Id: level1Of.get(tag.categoryId) ?? null,
      });
    }
  }

  // Rules are seeded but not run: the seeded assignments stay as they are until someone runs a rule.
  const rules: Partial<TagRule>[] = DEMO_TAG_RULES.map((r) => {
    const expression = normaliseExpression(r.expression);
    return {
      id: demoTagRuleId(r.tagCode),
      tagId: demoTagId(r.tagCode),
      version: 1,
      expression: JSON.stringify(expression),
      summary: describeExpression(expression),
      createdAt: SEED_TIME,
      createdBy: stableId('account', 'executive'),
    };
  });
  // Indicators as customer-service would have published them (satisfaction) and marketing's own (archive completeness).
  const indicators: Partial<CustomerIndicator>[] = [];
  for (let n = 0; n < DEMO_CUSTOMER_COUNT; n++) {
    const common = { customerId: demoCustomerId(n), asOf: new Date(SEED_TIME.getTime() + (n % 30) * DAY), recordedAt: SEED_TIME };
    indicators.push({ ...common, code: 'SATISFACTION_SCORE', value: String((n * 7) % 11), source: 'customer-service' });
    indicators.push({ ...common, code: 'ARCHIVE_COMPLETENESS', value: String(demoArchiveCompleteness(n)), source: 'marketing' });
  }

  // Grids, customer managers, group customers (members, key people, products), churn.
  const grids: Partial<Grid>[] = [];
  for (const seg of DEMO_SEGMENTS) {
    const [root, ...children] = demoGridCodes(seg.code);
    const rootId = demoGridId(root);
    const base = { segmentId: seg.id, managerEmployeeId: demoSegmentPersonId(seg.code, 'staff'), ...audit };
    grids.push({ id: rootId, code: root, name: `${seg.name}网格`, territory: null, parentId: null, path: `/${rootId}/`, level: 0, coverageTarget: 60, ...base });
    for (const c of children) {
      const id = demoGridId(c);
      grids.push({
        id,
        code: c,
        name: `${seg.name}${c.endsWith('N') ? '北' : '南'}区网格`,
        territory: null,
        parentId: rootId,
        path: `/${rootId}/${id}/`,
        level: 1,
        coverageTarget: 30,
        ...base,
      });
    }
  }
  const managers: Partial<CustomerManagerAssignment>[] = [];
  const groups: Partial<GroupCustomer>[] = [];
  const members: Partial<GroupMember>[] = [];
  const products: Partial<ProductHolding>[] = [];
  const churns: Partial<ChurnEvent>[] = [];
  for (const [n, p] of profiles.entries()) {
    const seg = demoCustomerSegment(n);
    const grid = demoCustomerGrid(n);
    p.gridId = grid ? demoGridId(grid) : null;
    if (demoCustomerManaged(n)) {
      managers.push({
        id: stableId('cma', n),
        customerId: p.customerId,
        segmentId: p.segmentId,
        managerEmployeeId: demoSegmentPersonId(seg.code, 'staff'),
        startedAt: SEED_TIME,
        endedAt: null,
        assignedBy: null,
      });
    }
    if (demoIsGroupCustomer(n)) {
      const gid = demoGroupCustomerId(n);
      groups.push({ id: gid, customerId: p.customerId, segmentId: p.segmentId, industry: ['制造业', '房地产', '能源', '教育'][n % 4], revenue: 1_000_000 + n * 10_000, ...audit });
      for (let k = 0; k < 3; k++) {
        members.push({
          id: stableId('group-member', `${n}-${k}`),
          groupCustomerId: gid,
          segmentId: p.segmentId,
          memberCustomerId: null,
          name: `成员${n}-${k + 1}`,
          role: k === 0 ? MemberRole.KEY_PERSON : MemberRole.MEMBER,
          title: k === 0 ? '采购总监' : null,
          joinedAt: SEED_TIME,
        });
      }
      for (const [k, product] of ['物业服务', '新能源供电'].entries()) {
        products.push({ id: stableId('holding', `${n}-${k}`), groupCustomerId: gid, segmentId: p.segmentId, productName: product, category: null, since: SEED_TIME, until: null });
      }
    }
    if (demoChurned2025(n)) {
      churns.push({
        id: stableId('churn', n),
        customerId: p.customerId,
        segmentId: p.segmentId,
        churnedAt: new Date(SEED_TIME.getTime() + (60 + (n % 200)) * DAY),
        reason: '合同到期未续约',
        managed: demoCustomerManaged(n),
        tier: CustomerTier.ORDINARY,
        recordedAt: SEED_TIME,
      });
    }
  }
  const tierRules: Partial<TierRule>[] = DEMO_TIER_RULES.map((r) => {
    const e = normaliseExpression(r.expression);
    return {
      id: stableId('tier-rule', r.tier),
      tier: r.tier,
      priority: r.priority,
      expression: JSON.stringify(e),
      summary: describeExpression(e),
      version: 1,
      updatedAt: SEED_TIME,
    };
  });

  await ds.transaction(async (m) => {
    await insertBatched(m, TagCategory, categories);
    await insertBatched(m, Grid, grids);
    await insertBatched(m, CustomerManagerAssignment, managers);
    await insertBatched(m, GroupCustomer, groups);
    await insertBatched(m, GroupMember, members);
    await insertBatched(m, ProductHolding, products);
    await insertBatched(m, ChurnEvent, churns);
    await insertBatched(m, TierRule, tierRules);
    await insertBatched(m, TagRule, rules);
    await insertBatched(m, CustomerIndicator, indicators);
    await insertBatched(m, Tag, tags);
    await insertBatched(m, CustomerProfile, profiles);
    await insertBatched(m, TagAssignment, assignments);
    // A bulk import: recount the tag coverage summary once instead of per row.
    await rebuildTagCoverage(m);
    await seedCompetitivenessDemo(m, SEED_TIME);
  });
  return true;
}
