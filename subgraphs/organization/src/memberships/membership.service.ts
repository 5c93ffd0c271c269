import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company, CompanyKind } from '../companies/company.entity';
import { EmployeeStatus } from '../employees/employee.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { AppointmentMethod, BodyMembership, MembershipStatus, OfficeRole } from './body-membership.entity';
import { GovernanceService } from '../governance/governance.service';
import { Shareholding } from '../holdings/shareholding.entity';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { firstOrNull } from '../common/idempotency-key';
import { assertSeparationOfPowers, lockPerson, seatPowers } from '../governance/separation';
import { followChair } from '../governance/legal-representative';
import { citeResolution } from '../governance/resolution-use';
import { GovernanceMatter } from '../governance/authority';
import { membershipErrors as errors } from './membership.errors';
import { commonErrors } from '../common/common.errors';

/** Which roles sit on which kind of body. */
const ROLES_BY_BODY: Record<GoverningBodyType, OfficeRole[]> = {
  [GoverningBodyType.SHAREHOLDERS_MEETING]: [OfficeRole.SHAREHOLDER],
  [GoverningBodyType.BOARD_OF_DIRECTORS]: [OfficeRole.DIRECTOR, OfficeRole.BOARD_CHAIR],
  [GoverningBodyType.BOARD_OF_SUPERVISORS]: [OfficeRole.SUPERVISOR, OfficeRole.CHIEF_SUPERVISOR],
  [GoverningBodyType.MANAGEMENT_LAYER]: [
    OfficeRole.PRESIDENT,
    OfficeRole.GENERAL_MANAGER,
    OfficeRole.VICE_PRESIDENT,
    OfficeRole.SENIOR_MANAGER,
    OfficeRole.CFO,
    OfficeRole.FINANCE_HEAD,
  ],
  [GoverningBodyType.COMMITTEE]: [OfficeRole.COMMITTEE_CHAIR, OfficeRole.COMMITTEE_MEMBER],
};

/** Offices held by one person at a time in a body. */
const SINGLE_HOLDER = new Set([OfficeRole.BOARD_CHAIR, OfficeRole.CHIEF_SUPERVISOR, OfficeRole.PRESIDENT, OfficeRole.GENERAL_MANAGER, OfficeRole.COMMITTEE_CHAIR]);

/** Roles a sub-group fills on the group board's recommendation (D15 第七–十一条, A8–A10, ORG-R19/R21/R22). */
const RECOMMENDED_BY_GROUP_BOARD = new Set([OfficeRole.DIRECTOR, OfficeRole.SUPERVISOR, OfficeRole.BOARD_CHAIR, OfficeRole.GENERAL_MANAGER, OfficeRole.CHIEF_SUPERVISOR]);

/** Seats filled and ended only by the deciding body's resolution on this matter (shareholders and committee seats: none). */
const DECIDED_BY_RESOLUTION: Partial<Record<OfficeRole, GovernanceMatter>> = {
  [OfficeRole.DIRECTOR]: GovernanceMatter.ELECT_DIRECTORS_AND_SUPERVISORS,
  [OfficeRole.SUPERVISOR]: GovernanceMatter.ELECT_DIRECTORS_AND_SUPERVISORS,
  [OfficeRole.BOARD_CHAIR]: GovernanceMatter.ELECT_BOARD_CHAIR,
  [OfficeRole.CHIEF_SUPERVISOR]: GovernanceMatter.ELECT_CHIEF_SUPERVISOR,
  [OfficeRole.GENERAL_MANAGER]: GovernanceMatter.APPOINT_SENIOR_MANAGEMENT,
  [OfficeRole.PRESIDENT]: GovernanceMatter.APPOINT_SENIOR_MANAGEMENT,
  [OfficeRole.VICE_PRESIDENT]: GovernanceMatter.APPOINT_SENIOR_MANAGEMENT,
  [OfficeRole.SENIOR_MANAGER]: GovernanceMatter.APPOINT_SENIOR_MANAGEMENT,
  [OfficeRole.CFO]: GovernanceMatter.APPOINT_SENIOR_MANAGEMENT,
  [OfficeRole.FINANCE_HEAD]: GovernanceMatter.APPOINT_SENIOR_MANAGEMENT,
};

/** Sub-group offices dismissed only on the group board's proposal (D15, ORG-R21/R22). */
const PROPOSED_BY_GROUP_BOARD = new Set([OfficeRole.BOARD_CHAIR, OfficeRole.GENERAL_MANAGER, OfficeRole.CHIEF_SUPERVISOR]);

export interface AppointmentRoute {
  decider: { company: 'OWN' | 'PARENT'; type: GoverningBodyType };
  method: AppointmentMethod;
  /** The body that must recommend first, if any. */
  recommender: { company: 'PARENT'; type: GoverningBodyType } | null;
}

/**
 * The approval flows of domain.md §3.3 for a role in a company:
 * - A8: directors and supervisors are elected by the company's shareholders' meeting (ORG-R16, R19);
 * - shareholders (representatives) are registered by the shareholders' meeting;
 * - A7/A9: chairman, GM/president, VPs, senior managers and committee seats are appointed by the company's board;
 * - A10: the chief supervisor is appointed by the company's board of supervisors;
 * - A11: a CFO / finance head is dispatched by the parent's (group) board, no election (ORG-R23);
 * - for a directly-affiliated sub-group, A8–A10 start with a recommendation of the group board.
 */
export function appointmentRoute(role: OfficeRole, company: Pick<Company, 'kind' | 'parentId'>): AppointmentRoute {
  const recommender =
    company.kind === CompanyKind.DIRECTLY_AFFILIATED_GROUP && RECOMMENDED_BY_GROUP_BOARD.has(role)
      ? { company: 'PARENT' as const, type: GoverningBodyType.BOARD_OF_DIRECTORS }
      : null;
  switch (role) {
    case OfficeRole.SHAREHOLDER:
      // A shareholder (representative) is registered by the meeting itself (ORG-R02: all shareholders).
      return { decider: { company: 'OWN', type: GoverningBodyType.SHAREHOLDERS_MEETING }, method: AppointmentMethod.APPOINTMENT, recommender: null };
    case OfficeRole.DIRECTOR:
    case OfficeRole.SUPERVISOR:
      return { decider: { company: 'OWN', type: GoverningBodyType.SHAREHOLDERS_MEETING }, method: AppointmentMethod.ELECTION, recommender };
    case OfficeRole.CHIEF_SUPERVISOR:
      return { decider: { company: 'OWN', type: GoverningBodyType.BOARD_OF_SUPERVISORS }, method: AppointmentMethod.APPOINTMENT, recommender };
    case OfficeRole.CFO:
    case OfficeRole.FINANCE_HEAD:
      return company.parentId
        ? { decider: { company: 'PARENT', type: GoverningBodyType.BOARD_OF_DIRECTORS }, method: AppointmentMethod.DISPATCH, recommender: null }
        : { decider: { company: 'OWN', type: GoverningBodyType.BOARD_OF_DIRECTORS }, method: AppointmentMethod.APPOINTMENT, recommender: null };
    default:
      return { decider: { company: 'OWN', type: GoverningBodyType.BOARD_OF_DIRECTORS }, method: AppointmentMethod.APPOINTMENT, recommender };
  }
}

export interface NominationInput {
  bodyId: string;
  employeeId: string;
  role: OfficeRole;
  isShareholderRepresentative?: boolean | null;
  /** SHAREHOLDER seats: the shareholding (of the body's company) whose voting rights the member exercises. */
  shareholdingId?: string | null;
  termStart?: Date | null;
  termEnd?: Date | null;
  idempotencyKey?: string | null;
}

/**
 * Seats on governing bodies: nomination, election/appointment, dismissal,
 * seat limits (ORG-R03 supervisors, ORG-R04 directors; the limit is set per
 * company on the body). Every change is transactional and logged.
 */
export class MembershipService {
  private readonly memberships: Repository<BodyMembership>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.memberships = ds.getRepository(BodyMembership);
  }

  async byBodyIds(viewer: Viewer, bodyIds: readonly string[]): Promise<BodyMembership[]> {
    const rows = await this.memberships.find({ where: { bodyId: In([...bodyIds]) }, order: { termStart: 'ASC', id: 'ASC' } });
    const visible = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => visible.has(r.companyId));
  }

  async byIds(viewer: Viewer, ids: readonly string[]): Promise<BodyMembership[]> {
    const rows = await this.memberships.findBy({ id: In([...ids]) });
    const visible = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => visible.has(r.companyId));
  }

  /** Active memberships whose term ends before `until` (report: expiring terms), company-scoped. */
  async expiringTerms(viewer: Viewer, until: Date): Promise<BodyMembership[]> {
    const scope = await this.governance.readableCompanies(viewer);
    if (scope !== 'ALL' && scope.length === 0) return [];
    const qb = this.memberships
      .createQueryBuilder('m')
      .where('m.status = :s', { s: MembershipStatus.ACTIVE })
      .andWhere('m.termEnd IS NOT NULL AND m.termEnd <= :until', { until })
      .orderBy('m.termEnd', 'ASC')
      .addOrderBy('m.id', 'ASC');
    if (scope !== 'ALL') qb.andWhere('m.companyId IN (:...ids)', { ids: scope });
    return qb.getMany();
  }

  /** First step of every flow: the candidate is proposed (and, for a sub-group, recommended by the group board). */
  async nominate(viewer: Viewer, input: NominationInput): Promise<BodyMembership> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    const termStart = input.termStart ?? now;
    if (input.termEnd && input.termEnd <= termStart) throw errors.termEndBeforeStart();
    const find = async (id: string) => firstOrNull(await this.byIds(viewer, [id]));
    return idempotentCreate(
      this.ds,
      viewer,
      'nominateBodyMember',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // The candidate (not departing meanwhile), then the body, which owns its seats, its members and
        // its shareholders' representatives: one nomination at a time.
        const employee = await lockPerson(m, input.employeeId);
        const body = await lockForUpdate(m, GoverningBody, { id: input.bodyId });
        if (!body) throw notFound('GoverningBody', input.bodyId);
        if (!ROLES_BY_BODY[body.type].includes(input.role)) {
          throw errors.roleNotOnBody(input.role, body.type, ROLES_BY_BODY[body.type]);
        }
        const company = (await m.findOneBy(Company, { id: body.companyId }))!;
        if (!employee) throw notFound('Employee', input.employeeId);
        if (employee.status === EmployeeStatus.DEPARTED) throw commonErrors.employeeDeparted(employee.name);
        const open = await m.find(BodyMembership, { where: { bodyId: body.id, employeeId: employee.id, status: In([MembershipStatus.NOMINATED, MembershipStatus.ACTIVE]) } });
        if (open.length > 0) throw errors.membershipExists(employee.name);
        await this.assertSeatAvailable(m, body);
        const shareholdingId = await this.checkShareholding(m, body, input);
        const route = appointmentRoute(input.role, company);
        const decider = await this.bodyFor(m, company, route.decider);
        const recommender = route.recommender ? await this.bodyFor(m, company, route.recommender) : null;
        const row = m.create(BodyMembership, {
          id,
          bodyId: body.id,
          companyId: company.id,
          employeeId: employee.id,
          role: input.role,
          status: MembershipStatus.NOMINATED,
          method: route.method,
          nominatedByBodyId: recommender?.id ?? null,
          decidingBodyId: decider.id,
          isShareholderRepresentative: input.isShareholderRepresentative ?? false,
          shareholdingId,
          termStart,
          termEnd: input.termEnd ?? null,
          decidedAt: null,
          endReason: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(BodyMembership, row);
        await recordChange(m, viewer, now, {
          companyId: company.id,
          entityType: 'BodyMembership',
          entityId: row.id,
          action: 'NOMINATED',
          summary: `${employee.name} proposed as ${input.role} of ${body.label} (${company.code})${recommender ? `, recommended by ${recommender.label}` : ''}; decided by ${decider.label} (${route.method})`,
        });
        return row;
      },
      find,
      newId,
    );
  }

  /**
   * A shareholder's seat may name the shareholding it votes (quorum and votes by share capital):
   * only on a shareholders' meeting, a shareholding of that company, one open seat per shareholding.
   */
  private async checkShareholding(m: EntityManager, body: GoverningBody, input: NominationInput): Promise<string | null> {
    if (!input.shareholdingId) return null;
    if (input.role !== OfficeRole.SHAREHOLDER) throw errors.shareholdingOnlyForShareholders();
    const holding = await m.findOneBy(Shareholding, { id: input.shareholdingId });
    if (!holding || holding.companyId !== body.companyId) throw errors.shareholdingNotOfCompany();
    const taken = await m.countBy(BodyMembership, { shareholdingId: holding.id, status: In([MembershipStatus.NOMINATED, MembershipStatus.ACTIVE]) });
    if (taken) throw errors.shareholdingAlreadyRepresented(holding.holderName);
    return holding.id;
  }

  /** The deciding body elects/appoints/dispatches (ACTIVE) or rejects the candidate. */
  async decide(viewer: Viewer, id: string, expectedVersion: number, approve: boolean, reason?: string | null, resolutionId?: string | null): Promise<BodyMembership> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // Locking reads only until the body is locked: a plain read would fix MariaDB's snapshot before
      // the lock, and the seat count below would miss decisions committed while waiting for it.
      const row = await lockForUpdate(m, BodyMembership, { id });
      if (!row) throw errors.bodyMembershipNotFound(id);
      if (row.status !== MembershipStatus.NOMINATED) throw errors.membershipNotNominated(id, row.status);
      // The person before the body (ORG-R17: their seats on other bodies, posts and powers are read below).
      await lockPerson(m, row.employeeId);
      const body = (await lockForUpdate(m, GoverningBody, { id: row.bodyId }))!;
      if (approve) {
        await this.assertSeatAvailable(m, body);
        if (SINGLE_HOLDER.has(row.role)) {
          const holder = await m.countBy(BodyMembership, { bodyId: body.id, role: row.role, status: MembershipStatus.ACTIVE });
          if (holder > 0) throw errors.officeAlreadyHeld(body.label, row.role);
        }
        await assertSeparationOfPowers(m, row.companyId, `employee:${row.employeeId}`, seatPowers(body.type), now);
        await this.citeDecision(m, row, resolutionId, now);
        // ORG-R24: a new board chair becomes the legal representative with the same decision.
        if (row.role === OfficeRole.BOARD_CHAIR) {
          const company = (await lockForUpdate(m, Company, { id: row.companyId }))!;
          await followChair(m, viewer, company, row.employeeId, now);
        }
      }
      const updated = await updateWithVersion(m, BodyMembership, id, expectedVersion, {
        status: approve ? MembershipStatus.ACTIVE : MembershipStatus.REJECTED,
        decidedAt: now,
        endReason: approve ? null : (reason ?? null),
        updatedAt: now,
      });
      const decider = (await m.findOneBy(GoverningBody, { id: row.decidingBodyId }))!;
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'BodyMembership',
        entityId: row.id,
        action: approve ? (row.method === AppointmentMethod.ELECTION ? 'ELECTED' : row.method === AppointmentMethod.DISPATCH ? 'DISPATCHED' : 'APPOINTED') : 'REJECTED',
        summary: `${decider.label} ${approve ? 'approved' : 'rejected'} ${row.role} of ${body.label}${reason ? `: ${reason}` : ''}`,
      });
      return updated;
    });
  }

  /** Dismissal (or replacement) by the body that decided the seat; frees it. */
  async dismiss(viewer: Viewer, id: string, expectedVersion: number, reason: string, resolutionId?: string | null, proposalResolutionId?: string | null): Promise<BodyMembership> {
    assertMayChangeGovernance(viewer);
    if (!reason.trim()) throw errors.dismissalReasonRequired();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await lockForUpdate(m, BodyMembership, { id });
      if (!row) throw errors.bodyMembershipNotFound(id);
      if (row.status !== MembershipStatus.ACTIVE) throw errors.membershipNotActive(id, row.status);
      const updated = await updateWithVersion(m, BodyMembership, id, expectedVersion, {
        status: MembershipStatus.DISMISSED,
        termEnd: now,
        decidedAt: now,
        endReason: reason,
        updatedAt: now,
      });
      await this.citeDecision(m, row, resolutionId, now);
      await this.citeGroupBoardProposal(m, row, proposalResolutionId, now);
      const decider = (await m.findOneBy(GoverningBody, { id: row.decidingBodyId }))!;
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'BodyMembership',
        entityId: row.id,
        action: 'DISMISSED',
        summary: `${decider.label} dismissed the ${row.role}: ${reason}`,
      });
      return updated;
    });
  }

  /**
   * Seats decided by a resolution of the deciding body, naming the seat: directors and supervisors are elected and
   * replaced by the shareholders' meeting (ORG-R16, ORG-R19); the chair by the board, the chief supervisor by the
   * board of supervisors; the GM / president, VPs and other senior managers by the board (A7, A9), a sub-group's CFO
   * or finance head by the group board that dispatches them (ORG-R23, A11). Appointing and dismissing cite one each.
   */
  private async citeDecision(m: EntityManager, row: BodyMembership, resolutionId: string | null | undefined, at: Date): Promise<void> {
    const matter = DECIDED_BY_RESOLUTION[row.role];
    if (!matter) return;
    const decider = (await m.findOneBy(GoverningBody, { id: row.decidingBodyId }))!;
    await citeResolution(m, resolutionId, { body: decider, matter, subjectType: 'BodyMembership', subjectId: row.id }, at);
  }

  /**
   * A sub-group's chairman, GM and chief supervisor are dismissed on the group board's proposal (ORG-R21, ORG-R22):
   * the parent board's adopted resolution on SUBGROUP_LEADERSHIP_PROPOSAL, naming this seat.
   */
  private async citeGroupBoardProposal(m: EntityManager, row: BodyMembership, resolutionId: string | null | undefined, at: Date): Promise<void> {
    if (!PROPOSED_BY_GROUP_BOARD.has(row.role)) return;
    const company = (await m.findOneBy(Company, { id: row.companyId }))!;
    if (company.kind !== CompanyKind.DIRECTLY_AFFILIATED_GROUP || !company.parentId) return;
    const groupBoard = await this.bodyFor(m, company, { company: 'PARENT', type: GoverningBodyType.BOARD_OF_DIRECTORS });
    await citeResolution(m, resolutionId, { body: groupBoard, matter: GovernanceMatter.SUBGROUP_LEADERSHIP_PROPOSAL, subjectType: 'BodyMembership', subjectId: row.id }, at);
  }

  /** Sets a body's seat limit for its company (the articles' number); never below the seats already filled. */
  async setSeatLimit(viewer: Viewer, bodyId: string, expectedVersion: number, seatLimit: number | null): Promise<GoverningBody> {
    assertMayChangeGovernance(viewer);
    if (seatLimit !== null && seatLimit < 1) throw errors.seatLimitInvalid();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const body = await lockForUpdate(m, GoverningBody, { id: bodyId });
      if (!body) throw notFound('GoverningBody', bodyId);
      const active = await m.countBy(BodyMembership, { bodyId, status: MembershipStatus.ACTIVE });
      if (seatLimit !== null && active > seatLimit) {
        throw errors.seatLimitBelowActive(body.label, active, seatLimit);
      }
      const updated = await updateWithVersion(m, GoverningBody, bodyId, expectedVersion, { seatLimit, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: body.companyId,
        entityType: 'GoverningBody',
        entityId: body.id,
        action: 'SEAT_LIMIT_SET',
        summary: `Seat limit of ${body.label} set from ${body.seatLimit ?? 'none'} to ${seatLimit ?? 'none'}`,
      });
      return updated;
    });
  }

  /** ORG-R03 / ORG-R04: active seats may not exceed the body's seat limit. The caller holds the body's lock. */
  private async assertSeatAvailable(m: EntityManager, body: GoverningBody): Promise<void> {
    if (body.seatLimit === null) return;
    const active = await m.countBy(BodyMembership, { bodyId: body.id, status: MembershipStatus.ACTIVE });
    if (active >= body.seatLimit) {
      throw errors.seatLimitReached(body.label, body.seatLimit);
    }
  }

  private async bodyFor(m: EntityManager, company: Company, ref: { company: 'OWN' | 'PARENT'; type: GoverningBodyType }): Promise<GoverningBody> {
    const companyId = ref.company === 'OWN' ? company.id : company.parentId;
    const body = companyId ? await m.findOneBy(GoverningBody, { companyId, type: ref.type }) : null;
    if (!body) throw commonErrors.decidingBodyMissing(ref.company === 'OWN' ? company.code : 'The parent company', ref.type);
    return body;
  }
}
