import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Clock, ConnectionShape, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, PageArgs, paginate, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { GovernanceMatter } from '../governance/authority';
import { GovernanceService } from '../governance/governance.service';
import { DelegationService } from '../delegations/delegation.service';
import { citeResolution } from '../governance/resolution-use';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { Plan, PlanStatus, PlanTarget, PlanType } from './plan.entity';
import { firstOrNull } from '../common/idempotency-key';
import { planErrors as errors } from './plan.errors';
import { commonErrors } from '../common/common.errors';
import { governanceErrors } from '../governance/governance.errors';

/** Plans the board formulates (A12, D08 第九条.3): approved by a passed board resolution on these matters. */
const BOARD_PLANS: Partial<Record<PlanType, GovernanceMatter[]>> = {
  [PlanType.ANNUAL_OPERATING_PLAN]: [GovernanceMatter.ANNUAL_OPERATING_PLAN],
  [PlanType.INVESTMENT_PLAN]: [GovernanceMatter.ANNUAL_OPERATING_PLAN, GovernanceMatter.MAJOR_INVESTMENT],
};

const PLAN_PERIOD = /^\d{4}(-\d{4})?$/;

/** The strategic framework (ORG-R27, D02): mid/long-term strategy, 3-year and 5-year plans. */
export const STRATEGIC_PLANS = new Set([PlanType.MID_LONG_TERM_STRATEGY, PlanType.THREE_YEAR_PLAN, PlanType.FIVE_YEAR_PLAN]);
/** Investments and projects that must sit within it (ORG-R27): investment plans and IT project-and-funding plans (and a subsidiary's investment matters, subsidiary-oversight.service.ts). */
export const INVESTMENT_PLANS = new Set([PlanType.INVESTMENT_PLAN, PlanType.ANNUAL_IT_PROJECT_AND_FUNDING_PLAN]);

/** First and last year of a period (2026 → [2026, 2026]; 2026-2028 → [2026, 2028]). */
const years = (period: string): [number, number] => {
  const [a, b] = period.split('-').map(Number);
  return [a, b ?? a];
};

export interface NewPlan {
  companyId: string;
  type: PlanType;
  period: string;
  title: string;
  targets: { name: string; targetValue: number; unit: string; higherIsBetter: boolean }[];
  /** ORG-R27: for an investment or project plan, the adopted strategic plan it sits within. */
  strategicPlanId?: string | null;
  idempotencyKey?: string | null;
}

export interface PlanCompletionRow {
  planId: string;
  targets: number;
  reported: number;
  achieved: number;
}

/**
 * Plans and targets (domain.md Plan, ORG-R27, WF-ORG-7, flow A12), and the strategic framework investments sit
 * within. Reads company-scoped, writes GROUP_EXECUTIVE only and logged.
 */
export class PlanService {
  private readonly plans: Repository<Plan>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly delegations: DelegationService,
    private readonly clock: Clock = systemClock,
  ) {
    this.plans = ds.getRepository(Plan);
  }

  async byIds(viewer: Viewer, ids: readonly string[]): Promise<Plan[]> {
    const rows = await this.plans.findBy({ id: In([...ids]) });
    const ok = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => ok.has(r.companyId));
  }

  async list(viewer: Viewer, filter: { companyId?: string | null; type?: PlanType | null; status?: PlanStatus | null }, page: PageArgs): Promise<ConnectionShape<Plan>> {
    const qb = await this.governance.scope(viewer, this.plans.createQueryBuilder('p'), 'p', filter.companyId);
    if (filter.type) qb.andWhere('p.type = :type', { type: filter.type });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    return paginate(qb, page, { property: 'period', direction: 'DESC' });
  }

  /** Targets of plans already resolved through a scoped path. */
  targetsOf(planIds: readonly string[]) {
    return this.ds.getRepository(PlanTarget).find({ where: { planId: In([...planIds]) }, order: { ordinal: 'ASC' } });
  }

  async create(viewer: Viewer, input: NewPlan): Promise<Plan> {
    assertMayChangeGovernance(viewer);
    const period = input.period.trim();
    if (!PLAN_PERIOD.test(period)) throw commonErrors.planPeriodInvalid();
    if (!input.title.trim()) throw errors.titleRequired();
    if (input.targets.some((t) => !t.name.trim() || !Number.isFinite(t.targetValue))) throw errors.targetInvalid();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'createPlan',
      input.idempotencyKey,
      input,
      async (m, id) => {
        if (!(await m.findOneBy(Company, { id: input.companyId }))) throw notFound('Company', input.companyId);
        const strategicPlanId = INVESTMENT_PLANS.has(input.type) ? (await this.withinStrategy(m, input.strategicPlanId, input.companyId, period)).id : null;
        if (!INVESTMENT_PLANS.has(input.type) && input.strategicPlanId) throw errors.strategicPlanNotApplicableToPlan(input.type);
        const plan = m.create(Plan, {
          id,
          companyId: input.companyId,
          type: input.type,
          period,
          title: input.title.trim(),
          status: PlanStatus.DRAFT,
          approvalResolutionId: null,
          approvedAt: null,
          strategicPlanId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Plan, plan);
        if (input.targets.length) {
          await m.insert(
            PlanTarget,
            input.targets.map((t, i) => ({
              id: newId(),
              planId: plan.id,
              ordinal: i + 1,
              name: t.name.trim(),
              targetValue: t.targetValue,
              actualValue: null,
              unit: t.unit.trim(),
              higherIsBetter: t.higherIsBetter,
            })),
          );
        }
        await recordChange(m, viewer, now, {
          companyId: plan.companyId,
          entityType: 'Plan',
          entityId: plan.id,
          action: 'PLAN_DRAFTED',
          summary: `${input.type} ${period}: ${plan.title}, ${input.targets.length} targets`,
        });
        return plan;
      },
      async (id) => firstOrNull(await this.byIds(viewer, [id])),
      newId,
    );
  }

  /**
   * Approval cites the passed resolution that adopted the plan (one resolution, one plan: resolution-use.ts):
   * annual operating and investment plans (and their targets) are the company board's (A12); the strategy and the
   * 3-/5-year plans a DEVELOPMENT_STRATEGY resolution of a body holding the major-decision power (ORG-R27); other
   * plans (IT plans, rollout schedules) any of the company's bodies'. An investment or project plan is adopted only within an adopted, current strategy (ORG-R27).
   */
  async approve(viewer: Viewer, id: string, expectedVersion: number, resolutionId: string): Promise<Plan> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // Locking reads first: the plan, then the strategy it sits within (not closed meanwhile).
      const plan = await lockForUpdate(m, Plan, { id });
      if (!plan) throw errors.planNotFound(id);
      if (plan.status !== PlanStatus.DRAFT) throw errors.planNotDraft(plan.status);
      if (INVESTMENT_PLANS.has(plan.type)) await this.withinStrategy(m, plan.strategicPlanId, plan.companyId, plan.period);
      const bodies = await m.findBy(GoverningBody, { companyId: plan.companyId });
      let deciders = bodies;
      let matters: GovernanceMatter[] | null = null;
      if (BOARD_PLANS[plan.type]) {
        matters = BOARD_PLANS[plan.type]!;
        deciders = bodies.filter((b) => b.type === GoverningBodyType.BOARD_OF_DIRECTORS);
      } else if (STRATEGIC_PLANS.has(plan.type)) {
        // The strategic framework is a major decision: a body holding that power now (by charter or delegation).
        matters = [GovernanceMatter.DEVELOPMENT_STRATEGY];
        const holders = new Set((await this.delegations.authorities(m, plan.companyId, GovernanceMatter.DEVELOPMENT_STRATEGY, null, now)).map((a) => a.holder));
        deciders = bodies.filter((b) => holders.has(`body:${b.id}`));
      }
      const resolution = await citeResolution(
        m,
        resolutionId,
        { body: deciders, matter: matters, subjectType: 'Plan', subjectId: plan.id, refusal: governanceErrors.approvalResolutionInvalid },
        now,
      );
      const updated = await updateWithVersion(m, Plan, id, expectedVersion, { status: PlanStatus.APPROVED, approvalResolutionId: resolution.id, approvedAt: now, updatedAt: now });
      const body = bodies.find((b) => b.id === resolution.bodyId)!;
      await recordChange(m, viewer, now, {
        companyId: plan.companyId,
        entityType: 'Plan',
        entityId: id,
        action: 'PLAN_APPROVED',
        summary: `${plan.title} adopted by ${body.label}`,
      });
      return updated;
    });
  }

  /**
   * ORG-R27: business and project investment sits within the strategic framework — the named plan is a strategy or
   * 3-/5-year plan of the company or a company above it, adopted (APPROVED, not closed, its period not over), and its
   * period covers the investment's (`period`, default this year); it is locked so it cannot close meanwhile. Checked for an
   * investment plan here and for a subsidiary's investment matter (subsidiary-oversight.service.ts).
   */
  async withinStrategy(m: EntityManager, strategicPlanId: string | null | undefined, companyId: string, period: string | null): Promise<Plan> {
    if (!strategicPlanId) throw errors.strategicPlanRequired();
    const strategy = await lockForUpdate(m, Plan, { id: strategicPlanId });
    const line: string[] = [];
    for (let c: string | null = companyId; c && line.length < 20; c = (await m.findOneBy(Company, { id: c }))?.parentId ?? null) line.push(c);
    if (!strategy || !STRATEGIC_PLANS.has(strategy.type) || !line.includes(strategy.companyId)) {
      throw errors.strategicPlanInvalid([...STRATEGIC_PLANS]);
    }
    if (strategy.status === PlanStatus.DRAFT) throw errors.strategicPlanNotAdopted(strategy.title, strategy.id);
    const [from, to] = years(strategy.period);
    const thisYear = this.clock().getUTCFullYear();
    const [start, end] = period ? years(period) : [thisYear, thisYear];
    if (strategy.status === PlanStatus.CLOSED || to < thisYear) throw errors.strategicPlanExpired(strategy.title, strategy.period, strategy.id);
    if (start < from || end > to) throw errors.outsideStrategicPeriod(period ?? start, strategy.title, strategy.period);
    return strategy;
  }

  /** Management reports results against the targets (WF-ORG-7); `close` ends the plan. */
  async reportResults(viewer: Viewer, id: string, expectedVersion: number, results: { targetId: string; actualValue: number }[], close: boolean): Promise<Plan> {
    assertMayChangeGovernance(viewer);
    if (results.some((r) => !Number.isFinite(r.actualValue))) throw errors.resultInvalid();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const plan = await m.findOneBy(Plan, { id });
      if (!plan) throw errors.planNotFound(id);
      if (plan.status !== PlanStatus.APPROVED) throw errors.planNotApproved(plan.status);
      const targets = new Set((await m.findBy(PlanTarget, { planId: id })).map((t) => t.id));
      const strangers = results.filter((r) => !targets.has(r.targetId)).map((r) => r.targetId);
      if (strangers.length) throw errors.targetNotOfPlan(strangers);
      // The version first: a stale report writes nothing.
      const updated = await updateWithVersion(m, Plan, id, expectedVersion, { status: close ? PlanStatus.CLOSED : PlanStatus.APPROVED, updatedAt: now });
      for (const r of results) await m.update(PlanTarget, { id: r.targetId }, { actualValue: r.actualValue });
      await recordChange(m, viewer, now, {
        companyId: plan.companyId,
        entityType: 'Plan',
        entityId: id,
        action: close ? 'PLAN_CLOSED' : 'PLAN_RESULTS_REPORTED',
        summary: `${results.length} results reported`,
      });
      return updated;
    });
  }

  /** ORG-M5: per approved or closed plan of a company, targets set, reported and achieved (one statement). */
  async completion(viewer: Viewer, companyId: string, period?: string | null): Promise<PlanCompletionRow[] | null> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    const qb = this.ds
      .getRepository(PlanTarget)
      .createQueryBuilder('t')
      .innerJoin(Plan, 'p', 'p.id = t.planId')
      .select('p.id', 'planId')
      .addSelect('COUNT(*)', 'targets')
      .addSelect('SUM(CASE WHEN t.actualValue IS NOT NULL THEN 1 ELSE 0 END)', 'reported')
      .addSelect(
        'SUM(CASE WHEN (t.higherIsBetter = :yes AND t.actualValue >= t.targetValue) OR (t.higherIsBetter = :no AND t.actualValue <= t.targetValue) THEN 1 ELSE 0 END)',
        'achieved',
      )
      .where('p.companyId = :companyId AND p.status IN (:...statuses)', { companyId, statuses: [PlanStatus.APPROVED, PlanStatus.CLOSED], yes: true, no: false })
      .groupBy('p.id')
      .orderBy('p.id');
    if (period) qb.andWhere('p.period = :period', { period });
    const rows: { planId: string; targets: unknown; reported: unknown; achieved: unknown }[] = await qb.getRawMany();
    return rows.map((r) => ({ planId: r.planId, targets: Number(r.targets), reported: Number(r.reported ?? 0), achieved: Number(r.achieved ?? 0) }));
  }
}
