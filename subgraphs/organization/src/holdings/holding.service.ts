import { DataSource, In, IsNull, Not, Repository } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer, staleVersion } from '@group/shared';
import { Company, CompanyLegalForm, OwnershipType } from '../companies/company.entity';
import { groupTopIds, lockGroupTops } from '../companies/company.service';
import { Employee } from '../employees/employee.entity';
import { Shareholding } from './shareholding.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { representedByChair, sittingChairId } from '../governance/legal-representative';
import { holdingErrors as errors } from './holding.errors';

export const FULL_OWNERSHIP_BP = 10000;

export interface LegalDataChange {
  companyId: string;
  expectedVersion: number;
  legalForm?: CompanyLegalForm | null;
  ownershipType?: OwnershipType | null;
  creditCode?: string | null;
  registeredAddress?: string | null;
  legalRepresentativeId?: string | null;
}

export interface NewShareholding {
  companyId: string;
  holderCompanyId?: string | null;
  holderName?: string | null;
  percentage: number;
  idempotencyKey?: string | null;
}

export interface HoldingNode {
  company: Company;
  parentId: string;
  depth: number;
  /** Share the parent holds directly, in basis points. */
  directBasisPoints: number;
  /** Share the root holds through the chain (product of the direct shares), in basis points. */
  effectiveBasisPoints: number;
}

/** domain.md §2.1.3 HoldingType, derived from the parent's share. */
export enum HoldingType {
  WHOLLY_OWNED = 'WHOLLY_OWNED',
  CONTROLLED = 'CONTROLLED',
}

export function holdingTypeOf(basisPoints: number | null): HoldingType | null {
  if (basisPoints === null) return null;
  if (basisPoints >= FULL_OWNERSHIP_BP) return HoldingType.WHOLLY_OWNED;
  if (basisPoints > FULL_OWNERSHIP_BP / 2) return HoldingType.CONTROLLED;
  return null;
}

/**
 * Company legal data and shareholdings. Shareholdings are governance data,
 * company-scoped like the governing bodies (§3.1.5); changes need
 * `assertMayChangeGovernance` and are written to the change log.
 */
export class HoldingService {
  private readonly holdings: Repository<Shareholding>;
  private readonly companies: Repository<Company>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.holdings = ds.getRepository(Shareholding);
    this.companies = ds.getRepository(Company);
  }

  /** Shareholdings in the given companies (holders of each), limited to companies the viewer may read. */
  async byCompanyIds(viewer: Viewer, companyIds: readonly string[]): Promise<Shareholding[]> {
    const ids = await this.governance.visibleCompanyIds(viewer, companyIds);
    if (ids.length === 0) return [];
    return this.holdings.find({ where: { companyId: In(ids) }, order: { basisPoints: 'DESC', id: 'ASC' } });
  }

  /**
   * The companies `rootId` holds directly or indirectly, breadth-first: each
   * company appears once, under the holder through which it is first reached
   * (the shallowest), with `effective` = the root's total share summed over
   * every path (holdings are acyclic, see SHAREHOLDING_CYCLE). Two statements
   * whatever the depth. Branches the viewer may not read are cut off.
   */
  async holdingTree(viewer: Viewer, rootId: string, maxDepth: number): Promise<HoldingNode[]> {
    const scope = await this.governance.readableCompanies(viewer);
    const readable = (id: string) => scope === 'ALL' || scope.includes(id);
    if (!readable(rootId)) return [];
    const all = await this.holdings.find({ where: { holderCompanyId: Not(IsNull()) }, order: { basisPoints: 'DESC', id: 'ASC' } });
    const byHolder = new Map<string, Shareholding[]>();
    const byHeld = new Map<string, Shareholding[]>();
    for (const h of all) {
      byHolder.set(h.holderCompanyId!, [...(byHolder.get(h.holderCompanyId!) ?? []), h]);
      byHeld.set(h.companyId, [...(byHeld.get(h.companyId) ?? []), h]);
    }
    const placed: { companyId: string; parentId: string; depth: number; directBasisPoints: number }[] = [];
    const inTree = new Set([rootId]);
    let level = [rootId];
    for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const parentId of level) {
        for (const h of byHolder.get(parentId) ?? []) {
          if (inTree.has(h.companyId) || !readable(h.companyId)) continue;
          inTree.add(h.companyId);
          placed.push({ companyId: h.companyId, parentId, depth, directBasisPoints: h.basisPoints });
          next.push(h.companyId);
        }
      }
      level = next;
    }
    const memo = new Map<string, number>([[rootId, FULL_OWNERSHIP_BP]]);
    const effective = (id: string): number => {
      const known = memo.get(id);
      if (known !== undefined) return known;
      let sum = 0;
      for (const h of byHeld.get(id) ?? []) if (inTree.has(h.holderCompanyId!)) sum += (effective(h.holderCompanyId!) * h.basisPoints) / FULL_OWNERSHIP_BP;
      memo.set(id, sum);
      return sum;
    };
    if (placed.length === 0) return [];
    const companies = await this.companies.findBy({ id: In(placed.map((n) => n.companyId)) });
    const byId = new Map(companies.map((c) => [c.id, c]));
    return placed.map(({ companyId, ...n }) => ({ ...n, effectiveBasisPoints: Math.round(effective(companyId)), company: byId.get(companyId)! }));
  }

  async updateLegalData(viewer: Viewer, input: LegalDataChange): Promise<Company> {
    assertMayChangeGovernance(viewer);
    const changes: Partial<Company> = {};
    for (const k of ['legalForm', 'ownershipType', 'creditCode', 'registeredAddress', 'legalRepresentativeId'] as const) {
      if (input[k] !== undefined) (changes as Record<string, unknown>)[k] = input[k];
    }
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const company = await lockForUpdate(m, Company, { id: input.companyId });
      if (!company) throw notFound('Company', input.companyId);
      // ORG-R24: the group's legal representative is its sitting board chairman.
      if (changes.legalRepresentativeId !== undefined && representedByChair(company)) {
        const chair = await sittingChairId(m, company.id);
        if (!chair || changes.legalRepresentativeId !== chair) {
          throw errors.legalRepresentativeNotChair(chair);
        }
      }
      if (changes.legalRepresentativeId) {
        const rep = await m.findOneBy(Employee, { id: changes.legalRepresentativeId });
        if (!rep) throw notFound('Employee', changes.legalRepresentativeId);
        if (rep.companyId !== company.id && company.parentId !== null) {
          // The group's representative is its board chairman; a subsidiary's must belong to it.
          throw errors.legalRepresentativeOtherCompany();
        }
      }
      const updated = await updateWithVersion(m, Company, input.companyId, input.expectedVersion, { ...changes, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: company.id,
        entityType: 'Company',
        entityId: company.id,
        action: 'LEGAL_DATA_UPDATED',
        summary: `Legal data of ${company.code} changed: ${Object.keys(changes).join(', ') || 'nothing'}`,
      });
      return updated;
    });
  }

  /**
   * Records that a holder owns a share of a company. Refused: a company holding
   * itself or a cycle of holdings (SHAREHOLDING_CYCLE), a holder that already
   * holds shares of it (SHAREHOLDING_EXISTS), more than 100% in total
   * (SHAREHOLDING_EXCEEDS_100).
   */
  async recordShareholding(viewer: Viewer, input: NewShareholding): Promise<Shareholding> {
    assertMayChangeGovernance(viewer);
    const bp = Math.round(input.percentage * 100);
    if (bp <= 0 || bp > FULL_OWNERSHIP_BP) throw errors.shareholdingPercentageInvalid();
    if (!input.holderCompanyId && !input.holderName?.trim()) throw errors.shareholderRequired();
    const now = this.clock();
    const tops = input.holderCompanyId ? await groupTopIds(this.ds) : [];
    return idempotentCreate(
      this.ds,
      viewer,
      'recordShareholding',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // A group holder could close a cycle anywhere in the group: such holdings are recorded one at a time.
        await lockGroupTops(m, tops);
        // The held company owns its shareholdings: one per holder, 100% in all.
        const company = await lockForUpdate(m, Company, { id: input.companyId });
        if (!company) throw notFound('Company', input.companyId);
        let holderName = input.holderName?.trim() ?? '';
        if (input.holderCompanyId) {
          const holder = await m.findOneBy(Company, { id: input.holderCompanyId });
          if (!holder) throw notFound('Company', input.holderCompanyId);
          holderName = holder.name;
          if (await this.wouldCycle(m.getRepository(Shareholding), holder.id, company.id)) {
            throw errors.shareholdingCycle(holder.code, company.code);
          }
        }
        const existing = await m.find(Shareholding, { where: { companyId: company.id } });
        const same = existing.find((h) => (input.holderCompanyId ? h.holderCompanyId === input.holderCompanyId : h.holderCompanyId === null && h.holderName === holderName));
        if (same) throw errors.shareholdingExists(holderName, company.code);
        const total = existing.reduce((s, h) => s + h.basisPoints, 0) + bp;
        if (total > FULL_OWNERSHIP_BP) {
          throw errors.shareholdingExceeds100(company.code, total / 100);
        }
        const row = m.create(Shareholding, {
          id,
          companyId: company.id,
          holderCompanyId: input.holderCompanyId ?? null,
          holderName,
          basisPoints: bp,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Shareholding, row);
        await recordChange(m, viewer, now, {
          companyId: company.id,
          entityType: 'Shareholding',
          entityId: row.id,
          action: 'SHAREHOLDING_RECORDED',
          summary: `${holderName} holds ${bp / 100}% of ${company.code}`,
        });
        return row;
      },
      (id) => this.visibleById(viewer, id),
      newId,
    );
  }

  /** One shareholding, if the viewer may read its company. */
  private async visibleById(viewer: Viewer, id: string): Promise<Shareholding | null> {
    const row = await this.holdings.findOneBy({ id });
    return row && (await this.governance.visibleCompanyIds(viewer, [row.companyId])).length ? row : null;
  }

  async removeShareholding(viewer: Viewer, id: string, expectedVersion: number): Promise<Shareholding> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await m.findOneBy(Shareholding, { id });
      if (!row) throw errors.shareholdingNotFound(id);
      if (row.version !== expectedVersion) {
        throw staleVersion(`Shareholding ${id}`, row.version, expectedVersion);
      }
      // The version is checked again by the DELETE itself: a concurrent change between the read and here is refused too.
      const deleted = await m.delete(Shareholding, { id, version: expectedVersion });
      if (!deleted.affected) throw staleVersion(`Shareholding ${id}`, undefined, expectedVersion);
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'Shareholding',
        entityId: row.id,
        action: 'SHAREHOLDING_REMOVED',
        summary: `${row.holderName} no longer holds ${row.basisPoints / 100}%`,
      });
      return row;
    });
  }

  /** Whether `companyId` already holds `holderId` (directly or through others). */
  private async wouldCycle(repo: Repository<Shareholding>, holderId: string, companyId: string): Promise<boolean> {
    if (holderId === companyId) return true;
    const all = await repo.find({ where: { holderCompanyId: Not(IsNull()) } });
    const stack = [companyId];
    const seen = new Set<string>();
    while (stack.length) {
      const cur = stack.pop()!;
      if (cur === holderId) return true;
      if (seen.has(cur)) continue;
      seen.add(cur);
      for (const h of all) if (h.holderCompanyId === cur) stack.push(h.companyId);
    }
    return false;
  }
}
