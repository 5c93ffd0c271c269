import { DataSource } from 'typeorm';
import {
  Clock,
  inTransaction,
  isUniqueViolation,
  newId,
  updateWithVersion,
  notFound,
  Role,
  scopeOf,
  systemClock,
  Viewer,
  wholeSeconds,
  visibleParentOrNotFound,
  idempotentCreate,
  scopeTo,
  isSystemActor,
  SystemActor,
  staleVersion,
} from '@group/shared';
import { ChurnEvent, CustomerTier } from './churn-event.entity';
import { TierRule } from './tier-rule.entity';
import { tierErrors as errors } from './tier.errors';
import { commonErrors } from '../common.errors';
import { compileExpression, describeExpression, normaliseExpression, RuleExpressionShape } from '../tag-rules/rule-expression';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';
import { CustomerManagerAssignment } from '../grids/grid.entity';
import { TagAssignment } from '../tag-assignments/tag-assignment.entity';

const TIER_AUTHORS = new Set<Role>([Role.GROUP_EXECUTIVE]);
const TIER_RUNNERS = new Set<Role>([Role.GROUP_EXECUTIVE, Role.SYSTEM_ADMIN]);
import { canWriteSegment, isMarketingOperator, roleOrOperator } from '../marketing-operator';

const SEGMENT_WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);

export interface ChurnRow {
  managed: boolean;
  customersAtStart: number;
  churned: number;
}

/** Value tiers (MKT-R13, G-23) and churn (MKT-R17/R22, G-25, MKT-M1). */
export class TierService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  rules(): Promise<TierRule[]> {
    return this.ds.getRepository(TierRule).find({ order: { priority: 'ASC' } });
  }

  /** Creates or replaces the rule of one tier (version + 1). Group executives (marketing authority). */
  async saveRule(viewer: Viewer, tier: CustomerTier, priority: number, expression: RuleExpressionShape, expectedVersion?: number | null): Promise<TierRule> {
    if (!roleOrOperator(TIER_AUTHORS, viewer)) throw errors.ruleForbidden();
    if (tier === CustomerTier.ORDINARY) throw errors.ordinaryHasNoRule();
    const e = normaliseExpression(expression);
    const now = this.clock();
    const stale = (current: number | null) => staleVersion(`The ${tier} rule`, current, expectedVersion ?? 0);
    // Omitting expectedVersion means "I read no rule" (0): an existing rule is never overwritten blindly.
    const expected = expectedVersion ?? 0;
    const fields = { priority, expression: JSON.stringify(e), summary: describeExpression(e).slice(0, 1000), updatedAt: now };
    try {
      return await inTransaction(this.ds, async (m) => {
        const existing = await m.findOneBy(TierRule, { tier });
        if ((existing?.version ?? 0) !== expected) throw stale(existing?.version ?? 0);
        // The conditional update (or the unique tier on insert) settles a race between two saves of one version.
        if (existing) return updateWithVersion(m, TierRule, existing.id, expected, fields, 'TierRule');
        const rule = m.create(TierRule, { id: newId(), tier, version: 1, ...fields });
        await m.insert(TierRule, rule);
        return rule;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw stale(null);
      throw err;
    }
  }

  /**
   * Recomputes every customer's tier in ONE UPDATE: CASE over the rules'
   * compiled predicates by priority, ELSE ORDINARY. Deterministic, so safe to
   * re-run. Returns the number of customers per effective tier afterwards.
   */
  async run(actor: Viewer | SystemActor): Promise<{ tier: CustomerTier; customers: number }[]> {
    if (!isSystemActor(actor) && !roleOrOperator(TIER_RUNNERS, actor)) throw errors.runForbidden();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const rules = await m.find(TierRule, { order: { priority: 'ASC' } });
      const col = m.connection.getMetadata(TagAssignment).findColumnWithPropertyName('assignedAt')!;
      const toDb = (d: Date) => m.connection.driver.preparePersistentValue(d, col);
      const params: unknown[] = [];
      const whens = rules.map((r) => {
        const c = compileExpression(normaliseExpression(JSON.parse(r.expression)), now, toDb);
        params.push(...c.params, r.tier);
        return `WHEN ${c.sql} THEN ?`;
      });
      const caseSql = whens.length ? `CASE ${whens.join(' ')} ELSE ? END` : '?';
      params.push(CustomerTier.ORDINARY);
      await m.query(`UPDATE customer_profile AS p SET tier = ${caseSql}`, params);
      const rows: { tier: string; n: number | string }[] = await m.query(
        `SELECT COALESCE(tier_override, tier) AS tier, COUNT(*) AS n FROM customer_profile GROUP BY COALESCE(tier_override, tier)`,
      );
      return rows.map((r) => ({ tier: r.tier as CustomerTier, customers: Number(r.n) }));
    });
  }

  /** Manual tier (G-23 override; KEY_ACCOUNT is set by the marketing department) for a customer of your segment; null removes the override. */
  async override(viewer: Viewer, customerId: string, tier: CustomerTier | null): Promise<CustomerProfile> {
    if (viewer.role !== Role.SEGMENT_HEAD && !isMarketingOperator(viewer)) throw errors.overrideForbidden();
    return inTransaction(this.ds, async (m) => {
      const p = await m.findOneBy(CustomerProfile, { customerId });
      if (!p || !canWriteSegment(viewer, p.segmentId)) throw notFound('Customer', customerId);
      await m.update(CustomerProfile, { customerId }, { tierOverride: tier });
      return { ...p, tierOverride: tier };
    });
  }

  /**
   * Records a churn (G-25) of a customer of your segment, deriving `managed`
   * (a customer manager was responsible at churnedAt) and the tier then.
   */
  async recordChurn(viewer: Viewer, customerId: string, churnedAt: Date, reason: string | null, idempotencyKey?: string | null): Promise<ChurnEvent> {
    if (!SEGMENT_WRITERS.has(viewer.role)) throw errors.churnWriteForbidden();
    const now = this.clock();
    const at = wholeSeconds(churnedAt);
    if (at.getTime() > now.getTime()) throw errors.churnedAtInFuture();
    const find = (id: string) => scopeTo(viewer, this.ds.getRepository(ChurnEvent).createQueryBuilder('c').where('c.id = :id', { id })).getOne();
    return idempotentCreate(
      this.ds,
      viewer,
      'recordChurn',
      idempotencyKey,
      { customerId, churnedAt: at, reason },
      async (m, id) => {
        const p = await visibleParentOrNotFound(m, CustomerProfile, customerId, viewer.segmentIds, { key: 'customerId', name: 'Customer' });
        const managed = await m
          .getRepository(CustomerManagerAssignment)
          .createQueryBuilder('a')
          .where('a.customerId = :customerId AND a.startedAt <= :at AND (a.endedAt IS NULL OR a.endedAt > :at)', { customerId, at })
          .getExists();
        const e = m.create(ChurnEvent, {
          id,
          customerId,
          segmentId: p.segmentId,
          churnedAt: at,
          reason,
          managed,
          tier: (p.tierOverride ?? p.tier ?? CustomerTier.ORDINARY) as CustomerTier,
          recordedAt: now,
        });
        await m.insert(ChurnEvent, e);
        return e;
      },
      find,
      newId,
    );
  }

  churnEventsOf(viewer: Viewer, customerIds: readonly string[]): Promise<ChurnEvent[]> {
    const qb = this.ds
      .getRepository(ChurnEvent)
      .createQueryBuilder('c')
      .where('c.customerId IN (:...ids)', { ids: [...customerIds] });
    return scopeTo(viewer, qb).orderBy('c.churnedAt', 'ASC').getMany();
  }

  /**
   * MKT-M1 / G-25: churn rate in [from, to) = customers churned in the period
   * ÷ customers active at `from` (known to marketing and not churned before),
   * split by whether a customer manager served them at `from` (the source
   * compares 2 % with 30 %). One grouped statement over the viewer's segments.
   */
  async churnReport(viewer: Viewer, from: Date, to: Date, segmentId: string | null): Promise<ChurnRow[]> {
    if (to.getTime() <= from.getTime()) throw commonErrors.reportPeriodInvalid();
    const scope = scopeOf(viewer);
    if (scope !== 'ALL' && scope.length === 0) return [false, true].map((managed) => ({ managed, customersAtStart: 0, churned: 0 }));
    const col = this.ds.getMetadata(ChurnEvent).findColumnWithPropertyName('churnedAt')!;
    const f = this.ds.driver.preparePersistentValue(from, col);
    const t = this.ds.driver.preparePersistentValue(to, col);
    const params: unknown[] = [f, f, f, t, f];
    let where = '';
    if (scope !== 'ALL') {
      where += ` AND p.segment_id IN (${scope.map(() => '?').join(', ')})`;
      params.push(...scope);
    }
    if (segmentId) {
      where += ' AND p.segment_id = ?';
      params.push(segmentId);
    }
    const rows: { managed: number | string; atStart: number | string; churned: number | string | null }[] = await this.ds.query(
      `SELECT s.managed AS managed, COUNT(*) AS atStart, SUM(s.churned) AS churned FROM (
         SELECT CASE WHEN EXISTS (SELECT 1 FROM customer_manager_assignment a WHERE a.customer_id = p.customer_id
                                   AND a.started_at <= ? AND (a.ended_at IS NULL OR a.ended_at > ?)) THEN 1 ELSE 0 END AS managed,
                CASE WHEN EXISTS (SELECT 1 FROM churn_event c WHERE c.customer_id = p.customer_id AND c.churned_at >= ? AND c.churned_at < ?)
                     THEN 1 ELSE 0 END AS churned
         FROM customer_profile p
         WHERE NOT EXISTS (SELECT 1 FROM churn_event c0 WHERE c0.customer_id = p.customer_id AND c0.churned_at < ?)${where}
       ) s GROUP BY s.managed`,
      params,
    );
    const by = new Map(rows.map((r) => [Number(r.managed) === 1, r]));
    return [false, true].map((managed) => ({
      managed,
      customersAtStart: Number(by.get(managed)?.atStart ?? 0),
      churned: Number(by.get(managed)?.churned ?? 0),
    }));
  }
}
