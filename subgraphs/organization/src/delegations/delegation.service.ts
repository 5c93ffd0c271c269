import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Employee, EmployeeStatus } from '../employees/employee.entity';
import { Department } from '../departments/department.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Delegation, DelegationStatus } from './delegation.entity';
import { CHARTER_POWERS, DelegatedPower, GovernanceMatter, MATTERS, powersCovering } from '../governance/authority';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { assertSeparationOfPowers, HolderKey, lockPerson } from '../governance/separation';
import { delegationErrors as errors } from './delegation.errors';
import { commonErrors } from '../common/common.errors';

export const grantorKey = (d: Delegation): HolderKey => (d.grantorBodyId ? `body:${d.grantorBodyId}` : `employee:${d.grantorEmployeeId}`);
export const granteeKey = (d: Delegation): HolderKey =>
  d.granteeBodyId ? `body:${d.granteeBodyId}` : d.granteeEmployeeId ? `employee:${d.granteeEmployeeId}` : `department:${d.granteeDepartmentId}`;

export interface Authority {
  holder: HolderKey;
  /** True when the holder has the power by the articles, not by delegation. */
  byCharter: boolean;
  /** Highest amount in 万元; null = unlimited. */
  limitWan: number | null;
  /** The delegations from the charter holder down to this holder, in order. */
  chain: Delegation[];
}

export interface NewDelegation {
  companyId: string;
  grantorBodyId?: string | null;
  grantorEmployeeId?: string | null;
  granteeBodyId?: string | null;
  granteeEmployeeId?: string | null;
  granteeDepartmentId?: string | null;
  power: DelegatedPower;
  matter?: GovernanceMatter | null;
  amountLimitWan?: number | null;
  scopeDescription?: string | null;
  validFrom?: Date | null;
  validTo?: Date | null;
  idempotencyKey?: string | null;
}

const minLimit = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/**
 * Delegation of authority (WF-ORG-1, §3.1.4): who holds which power, by charter
 * or by a chain of active delegations, and who may therefore decide a matter.
 * Separation of powers (ORG-R17, 三权分立): the same holder never gets both a
 * decision power and audit supervision over overlapping matters.
 */
export class DelegationService {
  private readonly delegations: Repository<Delegation>;
  private readonly bodies: Repository<GoverningBody>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.delegations = ds.getRepository(Delegation);
    this.bodies = ds.getRepository(GoverningBody);
  }

  /** One delegation, if the viewer may read its company. */
  async visibleById(viewer: Viewer, id: string): Promise<Delegation | null> {
    const row = await this.delegations.findOneBy({ id });
    return row && (await this.governance.visibleCompanyIds(viewer, [row.companyId])).length ? row : null;
  }

  async byCompanyIds(viewer: Viewer, companyIds: readonly string[]): Promise<Delegation[]> {
    const ids = await this.governance.visibleCompanyIds(viewer, companyIds);
    if (ids.length === 0) return [];
    return this.delegations.find({ where: { companyId: In(ids) }, order: { validFrom: 'ASC', id: 'ASC' } });
  }

  /**
   * "Who may decide `matter` (up to `amountWan`) in company Y, and by which
   * chain": every holder of the needed power with a limit covering the amount.
   * A reserved matter has exactly one answer, the reserved body, by charter.
   * Two statements (bodies, delegations) whatever the length of the chains.
   */
  async whoMayDecide(viewer: Viewer, companyId: string, matter: GovernanceMatter, amountWan: number | null): Promise<Authority[]> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return [];
    return this.authorities(this.ds.manager, companyId, matter, amountWan, this.clock());
  }

  /** Whether a body may decide the matter (used by resolutions); throws BODY_LACKS_POWER otherwise, AMOUNT_REQUIRED for a limited matter without an amount. */
  async assertBodyMayDecide(m: EntityManager, body: GoverningBody, matter: GovernanceMatter, amountWan: number | null, at: Date): Promise<Authority> {
    const holders = await this.authorities(m, body.companyId, matter, amountWan, at);
    // A matter with amount limits in the company is decided for an amount: without one, no limit could apply (ORG-R14).
    if (amountWan === null && holders.some((a) => a.limitWan !== null)) {
      throw errors.amountRequired(matter);
    }
    const found = holders.find((a) => a.holder === `body:${body.id}`);
    if (!found) {
      const rule = MATTERS[matter];
      throw errors.bodyLacksPower(rule.reservedTo, matter, body.label, rule.power, amountWan);
    }
    return found;
  }

  /** Every holder of the power `matter` needs (inside the caller's transaction); policy approval uses it too. */
  async authorities(m: EntityManager, companyId: string, matter: GovernanceMatter, amountWan: number | null, at: Date): Promise<Authority[]> {
    const rule = MATTERS[matter];
    const bodies = await m.find(GoverningBody, { where: { companyId } });
    if (rule.reservedTo) {
      return bodies.filter((b) => b.type === rule.reservedTo).map((b) => ({ holder: `body:${b.id}`, byCharter: true, limitWan: null, chain: [] }));
    }
    const power = rule.power;
    const rows = await m.find(Delegation, { where: { companyId, status: DelegationStatus.ACTIVE, power: In(powersCovering(power)) }, order: { validFrom: 'ASC', id: 'ASC' } });
    const live = rows.filter((d) => d.validFrom <= at && (d.validTo === null || d.validTo > at) && (d.matter === null || d.matter === matter));
    return this.resolveHolders(bodies, live, power).filter((a) => amountWan === null || a.limitWan === null || a.limitWan >= amountWan);
  }

  /** Breadth-first from the charter holders down the delegations: each holder once, by its shortest chain. */
  private resolveHolders(bodies: GoverningBody[], live: Delegation[], power: DelegatedPower): Authority[] {
    const covering = new Set(powersCovering(power));
    const held = new Map<HolderKey, Authority>();
    for (const b of bodies) {
      if (CHARTER_POWERS[b.type].some((p) => covering.has(p))) held.set(`body:${b.id}`, { holder: `body:${b.id}`, byCharter: true, limitWan: null, chain: [] });
    }
    let frontier = [...held.values()];
    while (frontier.length > 0) {
      const next: Authority[] = [];
      for (const from of frontier) {
        for (const d of live) {
          if (grantorKey(d) !== from.holder) continue;
          const key = granteeKey(d);
          if (held.has(key)) continue;
          const a = { holder: key, byCharter: false, limitWan: minLimit(from.limitWan, d.amountLimitWan), chain: [...from.chain, d] };
          held.set(key, a);
          next.push(a);
        }
      }
      frontier = next;
    }
    return [...held.values()];
  }

  async grant(viewer: Viewer, input: NewDelegation): Promise<Delegation> {
    assertMayChangeGovernance(viewer);
    const grantors = [input.grantorBodyId, input.grantorEmployeeId].filter(Boolean);
    const grantees = [input.granteeBodyId, input.granteeEmployeeId, input.granteeDepartmentId].filter(Boolean);
    if (grantors.length !== 1 || grantees.length !== 1) throw errors.delegationPartiesInvalid();
    if (input.matter && MATTERS[input.matter].reservedTo) throw errors.matterNotDelegable(input.matter, MATTERS[input.matter].reservedTo);
    if (input.matter && !powersCovering(MATTERS[input.matter].power!).includes(input.power)) {
      throw errors.matterPowerMismatch(input.matter, MATTERS[input.matter].power, input.power);
    }
    if (input.amountLimitWan !== undefined && input.amountLimitWan !== null && input.amountLimitWan < 0) throw errors.amountLimitInvalid();
    const now = this.clock();
    const validFrom = input.validFrom ?? now;
    if (input.validTo && input.validTo <= validFrom) throw errors.validityEndBeforeStart();
    return idempotentCreate(
      this.ds,
      viewer,
      'grantDelegation',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // A person receiving a power is locked first (ORG-R17 reads their seats and posts too, written under other
        // locks); then the company, as the company's delegations decide the grantor's authority.
        if (input.granteeEmployeeId) await lockPerson(m, input.granteeEmployeeId);
        if (!(await lockForUpdate(m, Company, { id: input.companyId }))) throw notFound('Company', input.companyId);
        await this.assertParty(m, input.companyId, input.grantorBodyId, input.grantorEmployeeId, null);
        await this.assertParty(m, input.companyId, input.granteeBodyId, input.granteeEmployeeId, input.granteeDepartmentId ?? null);
        const grantor = input.grantorBodyId ? `body:${input.grantorBodyId}` : `employee:${input.grantorEmployeeId}`;
        const grantee = input.granteeBodyId
          ? `body:${input.granteeBodyId}`
          : input.granteeEmployeeId
            ? `employee:${input.granteeEmployeeId}`
            : `department:${input.granteeDepartmentId}`;
        if (grantor === grantee) throw errors.delegationToSelf();

        // The grantor must hold the power (for that matter) now, and can pass on no more than it holds.
        const bodies = await m.find(GoverningBody, { where: { companyId: input.companyId } });
        const rows = await m.find(Delegation, { where: { companyId: input.companyId, status: DelegationStatus.ACTIVE, power: In(powersCovering(input.power)) } });
        const live = rows.filter(
          (d) =>
            d.validFrom <= now &&
            (d.validTo === null || d.validTo > now) &&
            (d.matter === null || input.matter === null || input.matter === undefined || d.matter === input.matter),
        );
        const mine = this.resolveHolders(
          bodies,
          live.filter((d) => d.matter === null || d.matter === input.matter),
          input.power,
        ).find((a) => a.holder === grantor);
        if (!mine) throw errors.grantorLacksPower(input.power, input.matter);
        const limit = input.amountLimitWan ?? null;
        if (mine.limitWan !== null && (limit === null || limit > mine.limitWan)) {
          throw errors.delegationExceedsGrantorLimit(mine.limitWan);
        }
        const grantorEnds = mine.chain.map((d) => d.validTo).filter((d): d is Date => d !== null);
        const grantorUntil = grantorEnds.length ? new Date(Math.min(...grantorEnds.map((d) => d.getTime()))) : null;
        if (grantorUntil && (!input.validTo || input.validTo > grantorUntil)) {
          throw errors.delegationOutlastsGrantor(grantorUntil);
        }

        // Separation of powers (ORG-R17): no holder both decides and supervises the same matter.
        const matter = input.matter ?? null;
        await assertSeparationOfPowers(m, input.companyId, grantee, [{ power: input.power, matter }], now);

        const row = m.create(Delegation, {
          id,
          companyId: input.companyId,
          grantorBodyId: input.grantorBodyId ?? null,
          grantorEmployeeId: input.grantorEmployeeId ?? null,
          granteeBodyId: input.granteeBodyId ?? null,
          granteeEmployeeId: input.granteeEmployeeId ?? null,
          granteeDepartmentId: input.granteeDepartmentId ?? null,
          power: input.power,
          matter,
          amountLimitWan: limit,
          scopeDescription: input.scopeDescription ?? null,
          validFrom,
          validTo: input.validTo ?? null,
          status: DelegationStatus.ACTIVE,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Delegation, row);
        await recordChange(m, viewer, now, {
          companyId: input.companyId,
          entityType: 'Delegation',
          entityId: row.id,
          action: 'DELEGATION_GRANTED',
          summary: `${grantor} delegated ${input.power}${matter ? ` (${matter})` : ''}${limit !== null ? ` up to ${limit}万元` : ''} to ${grantee}`,
        });
        return row;
      },
      (id) => this.visibleById(viewer, id),
      newId,
    );
  }

  /** Revokes a delegation; what was delegated onwards from it lapses with it (no longer reachable in the chain). */
  async revoke(viewer: Viewer, id: string, expectedVersion: number): Promise<Delegation> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await lockForUpdate(m, Delegation, { id });
      if (!row) throw errors.delegationNotFound(id);
      // A grant in progress checks its grantor's chain under the company's lock: a revocation waits for it.
      await lockForUpdate(m, Company, { id: row.companyId });
      if (row.status === DelegationStatus.REVOKED) throw errors.delegationAlreadyRevoked(id);
      const updated = await updateWithVersion(m, Delegation, id, expectedVersion, {
        status: DelegationStatus.REVOKED,
        validTo: row.validTo && row.validTo < now ? row.validTo : now,
        updatedAt: now,
      });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'Delegation',
        entityId: id,
        action: 'DELEGATION_REVOKED',
        summary: `Delegation of ${row.power} to ${granteeKey(row)} revoked`,
      });
      return updated;
    });
  }

  private async assertParty(m: EntityManager, companyId: string, bodyId?: string | null, employeeId?: string | null, departmentId?: string | null): Promise<void> {
    if (bodyId) {
      const b = await m.findOneBy(GoverningBody, { id: bodyId });
      if (!b) throw notFound('GoverningBody', bodyId);
      if (b.companyId !== companyId) throw errors.delegationOtherCompany();
    }
    if (employeeId) {
      const e = await m.findOneBy(Employee, { id: employeeId });
      if (!e) throw notFound('Employee', employeeId);
      if (e.companyId !== companyId) throw errors.delegationOtherCompany();
      if (e.status === EmployeeStatus.DEPARTED) throw commonErrors.employeeDeparted(e.name);
    }
    if (departmentId) {
      const d = await m.findOneBy(Department, { id: departmentId });
      if (!d) throw notFound('Department', departmentId);
      if (d.companyId !== companyId) throw errors.delegationOtherCompany();
    }
  }
}
