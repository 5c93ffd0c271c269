import { DataSource, EntityManager, EntityTarget, In, Repository } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import { EmployeeStatus } from '../employees/employee.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { AssignmentStatus, HeadcountChange, HeadcountChangeStatus, Position, PositionAssignment, PositionRank, PositionTarget } from './position.entity';
import { assertRankFits } from './position-rank';
import { assertSeparationOfPowers, lockPerson, SENIOR_MANAGEMENT_POWERS, SENIOR_MANAGEMENT_RANKS } from '../governance/separation';
import { firstOrNull } from '../common/idempotency-key';
import { PolicyDocument, PolicyDocumentType } from '../policies/policy.entity';
import { Company, CompanyKind } from '../companies/company.entity';
import { citeResolution } from '../governance/resolution-use';
import { GovernanceMatter } from '../governance/authority';
import { positionErrors as errors } from './position.errors';
import { commonErrors } from '../common/common.errors';

export interface NewPosition {
  departmentId: string;
  title: string;
  headcountQuota: number;
  duties: string;
  incentives: string;
  jobDescriptionId?: string | null;
  rank?: PositionRank | null;
  segmentId?: string | null;
  targets?: { name: string; period: string; targetValue: number; unit?: string | null }[];
  idempotencyKey?: string | null;
}

/** Who staffs which position, from when, by which resolution (a senior post). */
export interface StaffingRequest {
  positionId: string;
  employeeId: string;
  from?: Date | null;
  resolutionId?: string | null;
}

export interface StaffingRow {
  departmentId: string;
  companyId: string;
  headcountQuota: number;
  staffed: number;
}

/**
 * Positions and the five determinations (ORG-R26). Company-scoped like the
 * rest of governance; changed only by GROUP_EXECUTIVE; staffing never exceeds
 * the quota (HEADCOUNT_EXCEEDED) unless the board approved a headcount change.
 */
export class PositionService {
  private readonly positions: Repository<Position>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.positions = ds.getRepository(Position);
  }

  private async scoped<T extends { companyId: string }>(viewer: Viewer, rows: T[]): Promise<T[]> {
    const visible = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => visible.has(r.companyId));
  }

  /** One row of a company-scoped table, if the viewer may read its company (re-read of an idempotent create). */
  private async visible<T extends { id: string; companyId: string }>(viewer: Viewer, entity: EntityTarget<T>, id: string): Promise<T | null> {
    return firstOrNull(await this.scoped(viewer, await this.ds.getRepository(entity).findBy({ id } as never)));
  }

  async byIds(viewer: Viewer, ids: readonly string[]) {
    return this.scoped(viewer, await this.positions.findBy({ id: In([...ids]) }));
  }

  async byDepartmentIds(viewer: Viewer, departmentIds: readonly string[]) {
    return this.scoped(viewer, await this.positions.find({ where: { departmentId: In([...departmentIds]) }, order: { title: 'ASC', id: 'ASC' } }));
  }

  async assignmentsByPositionIds(viewer: Viewer, positionIds: readonly string[]) {
    return this.scoped(viewer, await this.ds.getRepository(PositionAssignment).find({ where: { positionId: In([...positionIds]) }, order: { from: 'ASC', id: 'ASC' } }));
  }

  async assignmentsByEmployeeIds(viewer: Viewer, employeeIds: readonly string[]) {
    return this.scoped(
      viewer,
      await this.ds.getRepository(PositionAssignment).find({ where: { employeeId: In([...employeeIds]), status: AssignmentStatus.ACTIVE }, order: { from: 'ASC', id: 'ASC' } }),
    );
  }

  /** Targets of positions already resolved through the scoped loaders. */
  targetsOf(positionIds: readonly string[]) {
    return this.ds.getRepository(PositionTarget).find({ where: { positionId: In([...positionIds]) }, order: { period: 'ASC', name: 'ASC' } });
  }

  async headcountChangesOf(viewer: Viewer, positionIds: readonly string[]) {
    return this.scoped(viewer, await this.ds.getRepository(HeadcountChange).find({ where: { positionId: In([...positionIds]) }, order: { createdAt: 'ASC', id: 'ASC' } }));
  }

  /** Report: quota vs active assignments per department of a company (ORG-M7); two statements. */
  async staffingByDepartment(viewer: Viewer, companyId: string): Promise<StaffingRow[]> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return [];
    const positions = await this.positions.find({ where: { companyId }, select: { id: true, departmentId: true, headcountQuota: true } });
    const counts: { positionId: string; n: string | number }[] = await this.ds
      .getRepository(PositionAssignment)
      .createQueryBuilder('a')
      .select('a.positionId', 'positionId')
      .addSelect('COUNT(*)', 'n')
      .where('a.companyId = :companyId AND a.status = :active', { companyId, active: AssignmentStatus.ACTIVE })
      .groupBy('a.positionId')
      .getRawMany();
    const staffedOf = new Map(counts.map((c) => [c.positionId, Number(c.n)]));
    const byDept = new Map<string, StaffingRow>();
    for (const p of positions) {
      const row = byDept.get(p.departmentId) ?? { departmentId: p.departmentId, companyId, headcountQuota: 0, staffed: 0 };
      row.headcountQuota += p.headcountQuota;
      row.staffed += staffedOf.get(p.id) ?? 0;
      byDept.set(p.departmentId, row);
    }
    return [...byDept.values()].sort((x, y) => x.departmentId.localeCompare(y.departmentId));
  }

  async create(viewer: Viewer, input: NewPosition): Promise<Position> {
    assertMayChangeGovernance(viewer);
    if (!Number.isInteger(input.headcountQuota) || input.headcountQuota < 0) throw errors.headcountInvalid();
    // ORG-R34: a position-responsibility system: every position states its duties.
    if (!input.duties.trim()) throw errors.dutiesRequired();
    // ORG-R26: the five determinations — quota (定编制), staffing (定人员, assignments), duties (定职责), targets (定指标) and incentives (定激励).
    if (!input.incentives.trim()) throw errors.incentivesRequired();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'createPosition',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const dept = await m.findOneBy(Department, { id: input.departmentId });
        if (!dept) throw notFound('Department', input.departmentId);
        if (input.jobDescriptionId) await this.assertJobDescription(m, dept.companyId, input.jobDescriptionId);
        const rank = input.rank ?? PositionRank.STAFF;
        await assertRankFits(m, dept.companyId, rank, input.segmentId ?? null);
        const position = m.create(Position, {
          id,
          companyId: dept.companyId,
          departmentId: dept.id,
          title: input.title.trim(),
          headcountQuota: input.headcountQuota,
          duties: input.duties,
          incentives: input.incentives,
          jobDescriptionId: input.jobDescriptionId ?? null,
          rank,
          segmentId: input.segmentId ?? null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Position, position);
        if (input.targets?.length) {
          await m.insert(
            PositionTarget,
            input.targets.map((t) => ({ id: newId(), positionId: position.id, name: t.name, period: t.period, targetValue: t.targetValue, unit: t.unit ?? null })),
          );
        }
        await recordChange(m, viewer, now, {
          companyId: dept.companyId,
          entityType: 'Position',
          entityId: position.id,
          action: 'POSITION_CREATED',
          summary: `${position.title} in ${dept.name}, headcount ${position.headcountQuota}`,
        });
        return position;
      },
      async (id) => firstOrNull(await this.byIds(viewer, [id])),
      newId,
    );
  }

  /** 定人员: staffs a position; refused beyond the quota (HEADCOUNT_EXCEEDED). */
  /** The job description a position points to is a JOB_DESCRIPTION document of its company or of the group. */
  private async assertJobDescription(m: EntityManager, companyId: string, documentId: string): Promise<void> {
    const doc = await m.findOneBy(PolicyDocument, { id: documentId });
    const owner = doc ? await m.findOneBy(Company, { id: doc.companyId }) : null;
    if (!doc || doc.type !== PolicyDocumentType.JOB_DESCRIPTION || !owner || (owner.id !== companyId && owner.kind !== CompanyKind.GROUP)) {
      throw errors.jobDescriptionInvalid();
    }
  }

  async assign(
    viewer: Viewer,
    positionId: string,
    employeeId: string,
    from?: Date | null,
    idempotencyKey?: string | null,
    resolutionId?: string | null,
  ): Promise<PositionAssignment> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'assignToPosition',
      idempotencyKey,
      { positionId, employeeId, from, resolutionId },
      (m, id) => this.staff(m, viewer, id, { positionId, employeeId, from, resolutionId }, now),
      (id) => this.visible(viewer, PositionAssignment, id),
      newId,
    );
  }

  /**
   * 定人员 inside the caller's transaction, the one path that staffs a position (`assignToPosition`
   * and a hire into a position, employees/employee-hire.service.ts): same company, not departed,
   * within the quota, and a senior post only by the board's resolution. The caller checked the viewer and made
   * no plain read before this or before locking the position (MariaDB: the quota count must see every committed assignment).
   */
  async staff(m: EntityManager, viewer: Viewer, id: string, a: StaffingRequest, now: Date): Promise<PositionAssignment> {
    const { positionId, employeeId, from, resolutionId } = a;
    // The person (not departing meanwhile; ORG-R17 reads their seats and powers), then the position, which owns its headcount.
    const employee = await lockPerson(m, employeeId);
    const position = await lockForUpdate(m, Position, { id: positionId });
    if (!position) throw errors.positionNotFound(positionId);
    if (!employee) throw notFound('Employee', employeeId);
    if (employee.companyId !== position.companyId) throw errors.assignmentOtherCompany();
    if (employee.status === EmployeeStatus.DEPARTED) throw commonErrors.employeeDeparted(employee.name);
    const active = await m.find(PositionAssignment, { where: { positionId, status: AssignmentStatus.ACTIVE } });
    if (active.some((a) => a.employeeId === employeeId)) throw errors.assignmentExists(employee.name);
    if (active.length >= position.headcountQuota) {
      throw errors.headcountExceeded(position.title, active.length, position.headcountQuota);
    }
    if (SENIOR_MANAGEMENT_RANKS.has(position.rank)) {
      await assertSeparationOfPowers(m, position.companyId, `employee:${employeeId}`, SENIOR_MANAGEMENT_POWERS, now);
      // A senior post (副总裁以上) is the board's appointment (A7, D08 第九条.1): its resolution names this assignment.
      const board = await m.findOneBy(GoverningBody, { companyId: position.companyId, type: GoverningBodyType.BOARD_OF_DIRECTORS });
      if (!board) throw commonErrors.boardMissingToAppoint();
      await citeResolution(m, resolutionId, { body: board, matter: GovernanceMatter.APPOINT_SENIOR_MANAGEMENT, subjectType: 'PositionAssignment', subjectId: id }, now);
    }
    const row = m.create(PositionAssignment, {
      id,
      positionId,
      companyId: position.companyId,
      employeeId,
      status: AssignmentStatus.ACTIVE,
      from: from ?? now,
      to: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await m.insert(PositionAssignment, row);
    await recordChange(m, viewer, now, {
      companyId: position.companyId,
      entityType: 'PositionAssignment',
      entityId: row.id,
      action: 'ASSIGNED',
      summary: `${employee.name} assigned to ${position.title}`,
    });
    return row;
  }

  async endAssignment(viewer: Viewer, id: string, expectedVersion: number): Promise<PositionAssignment> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await m.findOneBy(PositionAssignment, { id });
      if (!row) throw errors.positionAssignmentNotFound(id);
      if (row.status !== AssignmentStatus.ACTIVE) throw errors.assignmentEnded();
      const updated = await updateWithVersion(m, PositionAssignment, id, expectedVersion, { status: AssignmentStatus.ENDED, to: now, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'PositionAssignment',
        entityId: id,
        action: 'ASSIGNMENT_ENDED',
        summary: `Assignment to position ${row.positionId} ended`,
      });
      return updated;
    });
  }

  /** Sets a position's rank (and the segment a segment post serves): the CRM role its holders may be granted follows from it (CS-R38). */
  async setRank(viewer: Viewer, id: string, expectedVersion: number, rank: PositionRank, segmentId: string | null): Promise<Position> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // Locked: an assignment to it waits, so it cannot be filled between the check below and the new rank.
      const position = await lockForUpdate(m, Position, { id });
      if (!position) throw errors.positionNotFound(id);
      await assertRankFits(m, position.companyId, rank, segmentId);
      // Raising a filled post to senior management would make its holders senior managers with no board
      // appointment (A7) and no separation-of-powers check (ORG-R17): rank it vacant, then appoint to it.
      if (
        SENIOR_MANAGEMENT_RANKS.has(rank) &&
        !SENIOR_MANAGEMENT_RANKS.has(position.rank) &&
        (await m.countBy(PositionAssignment, { positionId: id, status: AssignmentStatus.ACTIVE })) > 0
      ) {
        throw errors.positionStaffed(position.title, rank);
      }
      const updated = await updateWithVersion(m, Position, id, expectedVersion, { rank, segmentId, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: position.companyId,
        entityType: 'Position',
        entityId: id,
        action: 'POSITION_RANK_SET',
        summary: `${position.title}: ${position.rank} → ${rank}`,
      });
      return updated;
    });
  }

  /** Requests a new quota; the company's board decides it. */
  async requestHeadcountChange(viewer: Viewer, positionId: string, newQuota: number, reason: string, idempotencyKey?: string | null): Promise<HeadcountChange> {
    assertMayChangeGovernance(viewer);
    if (!Number.isInteger(newQuota) || newQuota < 0) throw errors.headcountInvalid();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'requestHeadcountChange',
      idempotencyKey,
      { positionId, newQuota, reason },
      async (m, id) => {
        const position = await lockForUpdate(m, Position, { id: positionId });
        if (!position) throw errors.positionNotFound(positionId);
        if (newQuota === position.headcountQuota) throw errors.headcountUnchanged();
        const board = await m.findOneBy(GoverningBody, { companyId: position.companyId, type: GoverningBodyType.BOARD_OF_DIRECTORS });
        if (!board) throw commonErrors.boardMissingToApproveHeadcount();
        const open = await m.countBy(HeadcountChange, { positionId, status: HeadcountChangeStatus.PENDING });
        if (open > 0) throw errors.headcountChangePending();
        const row = m.create(HeadcountChange, {
          id,
          positionId,
          companyId: position.companyId,
          previousQuota: position.headcountQuota,
          newQuota,
          reason,
          status: HeadcountChangeStatus.PENDING,
          approverBodyId: board.id,
          decidedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(HeadcountChange, row);
        await recordChange(m, viewer, now, {
          companyId: position.companyId,
          entityType: 'HeadcountChange',
          entityId: row.id,
          action: 'HEADCOUNT_CHANGE_REQUESTED',
          summary: `${position.title}: ${position.headcountQuota} → ${newQuota} (${reason})`,
        });
        return row;
      },
      (id) => this.visible(viewer, HeadcountChange, id),
      newId,
    );
  }

  /** The board approves (the quota changes; never below current staffing) or rejects. */
  async decideHeadcountChange(viewer: Viewer, id: string, expectedVersion: number, approve: boolean, resolutionId?: string | null): Promise<HeadcountChange> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // Locking reads up to the position's lock, so the staffing count sees every committed assignment.
      const change = await lockForUpdate(m, HeadcountChange, { id });
      if (!change) throw errors.headcountChangeNotFound(id);
      if (change.status !== HeadcountChangeStatus.PENDING) throw errors.headcountChangeDecided(change.status);
      const position = (await lockForUpdate(m, Position, { id: change.positionId }))!;
      const updated = await updateWithVersion(m, HeadcountChange, id, expectedVersion, {
        status: approve ? HeadcountChangeStatus.APPROVED : HeadcountChangeStatus.REJECTED,
        decidedAt: now,
        updatedAt: now,
      });
      if (approve) {
        const staffed = await m.countBy(PositionAssignment, { positionId: position.id, status: AssignmentStatus.ACTIVE });
        if (change.newQuota < staffed) throw errors.headcountBelowStaffing(staffed, change.newQuota);
        // ORG-R26: the company's board decides positions and headcount, by an adopted resolution naming this change.
        const board = await m.findOneBy(GoverningBody, { companyId: change.companyId, type: GoverningBodyType.BOARD_OF_DIRECTORS });
        if (!board) throw commonErrors.boardMissingForHeadcount();
        await citeResolution(m, resolutionId, { body: board, matter: GovernanceMatter.HEADCOUNT_CHANGE, subjectType: 'HeadcountChange', subjectId: change.id }, now);
        await updateWithVersion(m, Position, position.id, position.version, { headcountQuota: change.newQuota, updatedAt: now });
      }
      await recordChange(m, viewer, now, {
        companyId: change.companyId,
        entityType: 'HeadcountChange',
        entityId: id,
        action: approve ? 'HEADCOUNT_CHANGE_APPROVED' : 'HEADCOUNT_CHANGE_REJECTED',
        summary: `${position.title}: ${change.previousQuota} → ${change.newQuota}`,
      });
      return updated;
    });
  }
}
