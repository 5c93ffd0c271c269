import { DataSource, In, Repository } from 'typeorm';
import { Clock, ConnectionShape, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, PageArgs, paginate, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { GovernanceMatter } from '../governance/authority';
import { GovernanceService } from '../governance/governance.service';
import { DelegationService } from '../delegations/delegation.service';
import { citeResolution } from '../governance/resolution-use';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { PlanService } from '../plans/plan.service';
import { OversightHandling, OversightStatus, SubsidiaryOversightItem, SubsidiaryOversightMatter } from './subsidiary-oversight.entity';
import { subsidiaryOversightErrors as errors } from './subsidiary-oversight.errors';
import { commonErrors } from '../common/common.errors';

/** A subsidiary's investment matters, which sit within an adopted strategic plan (ORG-R27, `PlanService.withinStrategy`). */
export const INVESTMENT_MATTERS = new Set([SubsidiaryOversightMatter.MAJOR_INVESTMENT_AND_FINANCING]);

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

/**
 * The subsidiary oversight register (WF-ORG-10, ORG-R12, flow A15, G-30 as configurable handling): matters of a
 * subsidiary its parent approves as investor or takes on file. Reads scoped by the subsidiary, writes
 * GROUP_EXECUTIVE only and logged.
 */
export class SubsidiaryOversightService {
  private readonly items: Repository<SubsidiaryOversightItem>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly plans: PlanService,
    private readonly delegations: DelegationService,
    private readonly clock: Clock = systemClock,
  ) {
    this.items = ds.getRepository(SubsidiaryOversightItem);
  }

  async submitMatter(viewer: Viewer, input: NewSubsidiaryMatter): Promise<SubsidiaryOversightItem> {
    assertMayChangeGovernance(viewer);
    if (!input.description.trim()) throw commonErrors.matterDescriptionRequired();
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
        const strategicPlanId = INVESTMENT_MATTERS.has(input.matter) ? (await this.plans.withinStrategy(m, input.strategicPlanId, sub.id, null)).id : null;
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
        if (INVESTMENT_MATTERS.has(item.matter)) await this.plans.withinStrategy(m, item.strategicPlanId, item.subsidiaryId, null);
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
