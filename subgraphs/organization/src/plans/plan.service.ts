import { DataSource, EntityManager, In, Repository } from 'typeorm';
import {
  badInput,
  Clock,
  ConnectionShape,
  idempotentCreate,
  inTransaction,
  lockForUpdate,
  newId,
  notFound,
  PageArgs,
  paginate,
  systemClock,
  updateWithVersion,
  Viewer,
} from '@group/shared';
import { Company } from '../companies/company.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { GovernanceMatter } from '../governance/authority';
import { GovernanceService } from '../governance/governance.service';
import { DelegationService } from '../delegations/delegation.service';
import { citeResolution } from '../governance/resolution-use';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { OversightService } from '../checkpoint-reviews/checkpoint-review.service';
import { OversightHandling, OversightStatus, Plan, PlanStatus, PlanTarget, PlanType, SubsidiaryOversightItem, SubsidiaryOversightMatter } from './plan.entity';
import { firstOrNull } from '../common/idempotency-key';
import { oversightErrors as errors } from './plan.errors';

/** Plans the board formulates (A12, D08 第九条.3): approved by a passed board resolution on these matters. */
const BOARD_PLANS: Partial<Record<PlanType, GovernanceMatter[]>> = {
  [PlanType.ANNUAL_OPERATING_PLAN]: [GovernanceMatter.ANNUAL_OPERATING_PLAN],
  [PlanType.INVESTMENT_PLAN]: [GovernanceMatter.ANNUAL_OPERATING_PLAN, GovernanceMatter.MAJOR_INVESTMENT],
};

const PLAN_PERIOD = /^\d{4}(-\d{4})?$/;

/** The strategic framework (ORG-R27, D02): mid/long-term strategy, 3-year and 5-year plans. */
export const STRATEGIC_PLANS = new Set([PlanType.MID_LONG_TERM_STRATEGY, PlanType.THREE_YEAR_PLAN, PlanType.FIVE_YEAR_PLAN]);
/** Investments and projects that must sit within it (ORG-R27): investment plans and IT project-and-funding plans... */
export const INVESTMENT_PLANS = new Set([PlanType.INVESTMENT_PLAN, PlanType.ANNUAL_IT_PROJECT_AND_FUNDING_PLAN]);
/** ...and a subsidiary's investment matters. */
export const INVESTMENT_MATTERS = new Set([SubsidiaryOversightMatter.MAJOR_INVESTMENT_AND_FINANCING]);

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

export interface NewSubsidiaryMatter {
  subsidiaryId: string;
  matter: SubsidiaryOversightMatter;
  handling: OversightHandling;
  description: string;
  amountWan?: number | null;
  /** ORG-R27: for an investment matter, the adopted strategic plan it sits within. */
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
 * Plans and targets (domain.md Plan, ORG-R27, WF-ORG-7, flow A12) and the subsidiary oversight
 * register (WF-ORG-10, ORG-R12, flow A15, G-30 as configurable handling). Reads company-scoped
 * (oversight items by the subsidiary), writes GROUP_EXECUTIVE only and logged.
 */
export class PlanService {
  private readonly plans: Repository<Plan>;
  private readonly items: Repository<SubsidiaryOversightItem>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly oversight: OversightService,
    private readonly delegations: DelegationService,
    private readonly clock: Clock = systemClock,
  ) {
    this.plans = ds.getRepository(Plan);
    this.items = ds.getRepository(SubsidiaryOversightItem);
  }

  async byIds(viewer: Viewer, ids: readonly string[]): Promise<Plan[]> {
    const rows = await this.plans.findBy({ id: In([...ids]) });
    const ok = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => ok.has(r.companyId));
  }

  async list(viewer: Viewer, filter: { companyId?: string | null; type?: PlanType | null; status?: PlanStatus | null }, page: PageArgs): Promise<ConnectionShape<Plan>> {
    const qb = await this.oversight.scope(viewer, this.plans.createQueryBuilder('p'), 'p', filter.companyId);
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
    if (!PLAN_PERIOD.test(period)) throw badInput('PERIOD_INVALID', 'A plan period is a year (2026) or a span of years (2026-2028)');
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
        { body: deciders, matter: matters, subjectType: 'Plan', subjectId: plan.id, reason: 'APPROVAL_RESOLUTION_INVALID' },
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
   * period covers the investment's (`period`, default this year); it is locked so it cannot close meanwhile.
   */
  private async withinStrategy(m: EntityManager, strategicPlanId: string | null | undefined, companyId: string, period: string | null): Promise<Plan> {
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

  // ---- subsidiary oversight (WF-ORG-10) -------------------------------------------------

  async submitMatter(viewer: Viewer, input: NewSubsidiaryMatter): Promise<SubsidiaryOversightItem> {
    assertMayChangeGovernance(viewer);
    if (!input.description.trim()) throw badInput('DESCRIPTION_REQUIRED', 'Describe the matter');
    if (input.amountWan !== null && input.amountWan !== undefined && (!Number.isInteger(input.amountWan) || input.amountWan < 0)) throw errors.amountInvalid();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'submitSubsidiaryMatter',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const sub = await m.findOneBy(Company, { id: input.subsidiaryId });
        if (!sub) throw notFound('Company', input.subsidiaryId);
        if (!sub.parentId) throw errors.notASubsidiary(sub.name);
        if (!INVESTMENT_MATTERS.has(input.matter) && input.strategicPlanId) throw errors.strategicPlanNotApplicableToMatter(input.matter);
        const strategicPlanId = INVESTMENT_MATTERS.has(input.matter) ? (await this.withinStrategy(m, input.strategicPlanId, sub.id, null)).id : null;
        const item = m.create(SubsidiaryOversightItem, {
          id,
          subsidiaryId: sub.id,
          parentCompanyId: sub.parentId,
          matter: input.matter,
          handling: input.handling,
          description: input.description.trim(),
          amountWan: input.amountWan ?? null,
          status: OversightStatus.OPEN,
          decision: null,
          submittedAt: now,
          decidedAt: null,
          strategicPlanId,
          resolutionId: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(SubsidiaryOversightItem, item);
        await recordChange(m, viewer, now, {
          companyId: sub.id,
          entityType: 'SubsidiaryOversightItem',
          entityId: item.id,
          action: 'MATTER_SUBMITTED',
          summary: `${input.matter} (${input.handling}) of ${sub.code}`,
        });
        return item;
      },
      (id) => this.matterVisibleTo(viewer, id),
      newId,
    );
  }

  /**
   * The parent decides as investor (ORG-R12, D08 第十二条): APPROVED / REJECTED for an approval matter, FILED for a
   * filing. Approving is a major decision of the parent: it cites the adopted resolution on SUBSIDIARY_MATTER of a
   * parent body holding that power for the amount at stake (by charter or delegation, ORG-R14), naming this matter
   * (one resolution, one matter). An investment is approved only within an adopted, current strategy (ORG-R27).
   */
  async decideMatter(
    viewer: Viewer,
    id: string,
    expectedVersion: number,
    outcome: OversightStatus,
    decision: string | null,
    resolutionId?: string | null,
  ): Promise<SubsidiaryOversightItem> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const item = await lockForUpdate(m, SubsidiaryOversightItem, { id });
      if (!item) throw errors.subsidiaryOversightItemNotFound(id);
      if (item.status !== OversightStatus.OPEN) throw errors.matterDecided(item.status);
      const allowed = item.handling === OversightHandling.APPROVE ? [OversightStatus.APPROVED, OversightStatus.REJECTED] : [OversightStatus.FILED];
      if (!allowed.includes(outcome)) throw errors.outcomeInvalid(item.handling, allowed);
      const approved = outcome === OversightStatus.APPROVED;
      // The version first: a stale decision is refused as such, whatever it cites.
      const updated = await updateWithVersion(m, SubsidiaryOversightItem, id, expectedVersion, {
        status: outcome,
        decision: decision?.trim() || null,
        resolutionId: approved ? (resolutionId ?? null) : null,
        decidedAt: now,
        updatedAt: now,
      });
      let cited: string | null = null;
      if (approved) {
        if (INVESTMENT_MATTERS.has(item.matter)) await this.withinStrategy(m, item.strategicPlanId, item.subsidiaryId, null);
        const holders = await this.delegations.authorities(m, item.parentCompanyId, GovernanceMatter.SUBSIDIARY_MATTER, item.amountWan, now);
        const ids = holders.filter((a) => a.holder.startsWith('body:')).map((a) => a.holder.slice('body:'.length));
        const bodies = ids.length ? await m.findBy(GoverningBody, { id: In(ids) }) : [];
        cited = (
          await citeResolution(
            m,
            resolutionId,
            { body: bodies, matter: GovernanceMatter.SUBSIDIARY_MATTER, subjectType: 'SubsidiaryOversightItem', subjectId: item.id, amountWan: item.amountWan },
            now,
          )
        ).id;
      }
      await recordChange(m, viewer, now, {
        companyId: item.subsidiaryId,
        entityType: 'SubsidiaryOversightItem',
        entityId: id,
        action: `MATTER_${outcome}`,
        summary: `${item.matter}: ${outcome}${cited ? ` by resolution ${cited}` : ''}`,
      });
      return updated;
    });
  }

  /** One matter, if the viewer may read its subsidiary (as in `listMatters`). */
  private async matterVisibleTo(viewer: Viewer, id: string): Promise<SubsidiaryOversightItem | null> {
    const row = await this.items.findOneBy({ id });
    return row && (await this.governance.visibleCompanyIds(viewer, [row.subsidiaryId])).length ? row : null;
  }

  async listMatters(
    viewer: Viewer,
    filter: { subsidiaryId?: string | null; status?: OversightStatus | null; matter?: SubsidiaryOversightMatter | null },
    page: PageArgs,
  ): Promise<ConnectionShape<SubsidiaryOversightItem>> {
    const scope = await this.governance.readableCompanies(viewer);
    const qb = this.items.createQueryBuilder('i');
    if (scope !== 'ALL') {
      if (scope.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('i.subsidiaryId IN (:...scope)', { scope });
    }
    if (filter.subsidiaryId) qb.andWhere('i.subsidiaryId = :sub', { sub: filter.subsidiaryId });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.matter) qb.andWhere('i.matter = :matter', { matter: filter.matter });
    return paginate(qb, page, { property: 'submittedAt', direction: 'DESC' });
  }

  /** ORG-M9: open items per subsidiary and matter, for the subsidiaries the viewer may read (one statement). */
  async register(viewer: Viewer): Promise<{ subsidiaryId: string; matter: SubsidiaryOversightMatter; open: number }[]> {
    const scope = await this.governance.readableCompanies(viewer);
    if (scope !== 'ALL' && scope.length === 0) return [];
    const qb = this.items
      .createQueryBuilder('i')
      .select('i.subsidiaryId', 'subsidiaryId')
      .addSelect('i.matter', 'matter')
      .addSelect('COUNT(*)', 'open')
      .where('i.status = :open', { open: OversightStatus.OPEN })
      .groupBy('i.subsidiaryId')
      .addGroupBy('i.matter')
      .orderBy('i.subsidiaryId')
      .addOrderBy('i.matter');
    if (scope !== 'ALL') qb.andWhere('i.subsidiaryId IN (:...scope)', { scope });
    const rows: { subsidiaryId: string; matter: SubsidiaryOversightMatter; open: unknown }[] = await qb.getRawMany();
    return rows.map((r) => ({ subsidiaryId: r.subsidiaryId, matter: r.matter, open: Number(r.open) }));
  }
}
