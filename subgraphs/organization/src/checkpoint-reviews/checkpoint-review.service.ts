import { DataSource, EntityManager, EntityTarget, In, Repository, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
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
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { BodyMembership, MembershipStatus, OfficeRole } from '../memberships/body-membership.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Company } from '../companies/company.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import {
  CheckpointResult,
  CheckpointReview,
  CheckpointStatus,
  FollowUpStatus,
  GovernanceCheckpoint,
  GovernanceReport,
  SupervisoryAction,
  SupervisoryActionType,
  SupervisoryFinding,
} from './checkpoint-review.entity';
import { firstOrNull } from '../common/idempotency-key';
import { oversightErrors as errors } from '../plans/plan.errors';

/** Who reports to whom (ORG-R18, D08 第九条, D15 第六条): board and supervisors to the shareholders' meeting, management to the board. */
const REPORTS_TO: Partial<Record<GoverningBodyType, GoverningBodyType>> = {
  [GoverningBodyType.BOARD_OF_DIRECTORS]: GoverningBodyType.SHAREHOLDERS_MEETING,
  [GoverningBodyType.BOARD_OF_SUPERVISORS]: GoverningBodyType.SHAREHOLDERS_MEETING,
  [GoverningBodyType.MANAGEMENT_LAYER]: GoverningBodyType.BOARD_OF_DIRECTORS,
};

/** Whom the board of supervisors supervises (D08 第九条.2): directors and senior managers. */
const SUPERVISED_ROLES = [
  OfficeRole.DIRECTOR,
  OfficeRole.BOARD_CHAIR,
  OfficeRole.PRESIDENT,
  OfficeRole.GENERAL_MANAGER,
  OfficeRole.VICE_PRESIDENT,
  OfficeRole.SENIOR_MANAGER,
  OfficeRole.CFO,
  OfficeRole.FINANCE_HEAD,
];

export const PERIOD_PATTERN = /^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?$/;

export interface NewGovernanceReport {
  fromBodyId: string;
  toBodyId: string;
  meetingId?: string | null;
  period: string;
  title: string;
  content: string;
  idempotencyKey?: string | null;
}

export interface NewSupervisoryAction {
  bodyId: string;
  targetEmployeeId: string;
  finding: SupervisoryFinding;
  action: SupervisoryActionType;
  description: string;
  idempotencyKey?: string | null;
}

export interface CheckpointInput {
  companyId: string;
  period: string;
  checkpoint: GovernanceCheckpoint;
  result: CheckpointResult;
  issue?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Oversight of the governing bodies (domain.md §2.1.1, WF-ORG-5/6, ORG-R08/R09/R18): reports between
 * bodies, actions of the board of supervisors with follow-up, and the periodic review of the eight
 * governance checkpoints. Reading is company-scoped like all governance data; writing is
 * GROUP_EXECUTIVE only and logged in the governance change log, in the same transaction.
 */
export class OversightService {
  private readonly reports: Repository<GovernanceReport>;
  private readonly actions: Repository<SupervisoryAction>;
  private readonly checks: Repository<CheckpointReview>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.reports = ds.getRepository(GovernanceReport);
    this.actions = ds.getRepository(SupervisoryAction);
    this.checks = ds.getRepository(CheckpointReview);
  }

  /** Limits a list to the companies the viewer may read (alias must expose `companyId`). */
  async scope<T extends ObjectLiteral>(viewer: Viewer, qb: SelectQueryBuilder<T>, alias: string, companyId?: string | null): Promise<SelectQueryBuilder<T>> {
    const scope = await this.governance.readableCompanies(viewer);
    if (scope !== 'ALL') {
      if (scope.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere(`${alias}.companyId IN (:...scope)`, { scope });
    }
    if (companyId) qb.andWhere(`${alias}.companyId = :companyId`, { companyId });
    return qb;
  }

  /** One row of a company-scoped oversight table, if the viewer may read its company (the re-read of an idempotent create). */
  async visibleById<T extends { id: string; companyId: string }>(viewer: Viewer, entity: EntityTarget<T>, id: string): Promise<T | null> {
    return firstOrNull(await this.visible(viewer, await this.ds.getRepository(entity).findBy({ id } as never)));
  }

  private async visible<T extends { companyId: string }>(viewer: Viewer, rows: T[]): Promise<T[]> {
    const ok = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => ok.has(r.companyId));
  }

  // ---- governance reports -------------------------------------------------------------

  async listReports(
    viewer: Viewer,
    filter: { companyId?: string | null; toBodyId?: string | null; period?: string | null },
    page: PageArgs,
  ): Promise<ConnectionShape<GovernanceReport>> {
    const qb = await this.scope(viewer, this.reports.createQueryBuilder('r'), 'r', filter.companyId);
    if (filter.toBodyId) qb.andWhere('r.toBodyId = :to', { to: filter.toBodyId });
    if (filter.period) qb.andWhere('r.period = :period', { period: filter.period });
    return paginate(qb, page, { property: 'submittedAt', direction: 'DESC' });
  }

  async reportsByMeetingIds(viewer: Viewer, meetingIds: readonly string[]): Promise<GovernanceReport[]> {
    return this.visible(viewer, await this.reports.find({ where: { meetingId: In([...meetingIds]) }, order: { submittedAt: 'ASC', id: 'ASC' } }));
  }

  async submitReport(viewer: Viewer, input: NewGovernanceReport): Promise<GovernanceReport> {
    assertMayChangeGovernance(viewer);
    const period = input.period.trim();
    if (!PERIOD_PATTERN.test(period)) throw badInput('PERIOD_INVALID', 'A period is a year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-07)');
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'submitGovernanceReport',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const from = await m.findOneBy(GoverningBody, { id: input.fromBodyId });
        if (!from) throw notFound('GoverningBody', input.fromBodyId);
        const to = await m.findOneBy(GoverningBody, { id: input.toBodyId });
        if (!to) throw notFound('GoverningBody', input.toBodyId);
        if (from.companyId !== to.companyId || REPORTS_TO[from.type] !== to.type) {
          throw errors.reportRouteInvalid();
        }
        if (input.meetingId) {
          const meeting = await m.findOneBy(Meeting, { id: input.meetingId });
          if (!meeting || meeting.bodyId !== to.id) throw errors.meetingNotOfReceivingBody();
        }
        const row = m.create(GovernanceReport, {
          id,
          companyId: from.companyId,
          fromBodyId: from.id,
          toBodyId: to.id,
          meetingId: input.meetingId ?? null,
          period,
          title: input.title.trim(),
          content: input.content.trim(),
          submittedAt: now,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(GovernanceReport, row);
        await recordChange(m, viewer, now, {
          companyId: from.companyId,
          entityType: 'GovernanceReport',
          entityId: row.id,
          action: 'REPORT_SUBMITTED',
          summary: `${from.label} → ${to.label}: ${row.title} (${period})`,
        });
        return row;
      },
      (id) => this.visibleById(viewer, GovernanceReport, id),
      newId,
    );
  }

  // ---- supervisory actions ------------------------------------------------------------

  async listActions(viewer: Viewer, filter: { companyId?: string | null; status?: FollowUpStatus | null }, page: PageArgs): Promise<ConnectionShape<SupervisoryAction>> {
    const qb = await this.scope(viewer, this.actions.createQueryBuilder('a'), 'a', filter.companyId);
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    return paginate(qb, page, { property: 'takenAt', direction: 'DESC' });
  }

  /** The board of supervisors acts on an active director or senior manager of its own company (D08 第九条.2). */
  async takeAction(viewer: Viewer, input: NewSupervisoryAction): Promise<SupervisoryAction> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'takeSupervisoryAction',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const body = await m.findOneBy(GoverningBody, { id: input.bodyId });
        if (!body) throw notFound('GoverningBody', input.bodyId);
        if (body.type !== GoverningBodyType.BOARD_OF_SUPERVISORS) throw errors.notSupervisoryBoard();
        const seat = await this.supervisedSeat(m, body.companyId, input.targetEmployeeId);
        if (!seat) throw errors.targetNotSupervised();
        const row = m.create(SupervisoryAction, {
          id,
          companyId: body.companyId,
          bodyId: body.id,
          targetEmployeeId: input.targetEmployeeId,
          targetMembershipId: seat.id,
          finding: input.finding,
          action: input.action,
          description: input.description.trim(),
          status: FollowUpStatus.OPEN,
          followUp: null,
          takenAt: now,
          closedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(SupervisoryAction, row);
        await recordChange(m, viewer, now, {
          companyId: body.companyId,
          entityType: 'SupervisoryAction',
          entityId: row.id,
          action: `SUPERVISORY_${input.action}`,
          summary: `${body.label}: ${input.action} on ${seat.role} for ${input.finding}`,
        });
        return row;
      },
      (id) => this.visibleById(viewer, SupervisoryAction, id),
      newId,
    );
  }

  private supervisedSeat(m: EntityManager, companyId: string, employeeId: string): Promise<BodyMembership | null> {
    return m
      .createQueryBuilder(BodyMembership, 'ms')
      .innerJoin(GoverningBody, 'b', 'b.id = ms.bodyId')
      .where('ms.companyId = :companyId AND ms.employeeId = :employeeId AND ms.status = :active', { companyId, employeeId, active: MembershipStatus.ACTIVE })
      .andWhere('b.type IN (:...types) AND ms.role IN (:...roles)', { types: [GoverningBodyType.BOARD_OF_DIRECTORS, GoverningBodyType.MANAGEMENT_LAYER], roles: SUPERVISED_ROLES })
      .orderBy('ms.id')
      .getOne();
  }

  /** Follow-up of an action: OPEN → FOLLOWING_UP → CLOSED (closing needs what was done). */
  async followUpAction(viewer: Viewer, id: string, expectedVersion: number, status: FollowUpStatus, followUp: string | null): Promise<SupervisoryAction> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await m.findOneBy(SupervisoryAction, { id });
      if (!row) throw errors.supervisoryActionNotFound(id);
      if (row.status === FollowUpStatus.CLOSED) throw errors.actionClosed();
      if (status === FollowUpStatus.OPEN) throw errors.actionStatusBackwards();
      const text = followUp?.trim() || row.followUp;
      if (status === FollowUpStatus.CLOSED && !text) throw errors.followUpRequired();
      const updated = await updateWithVersion(m, SupervisoryAction, id, expectedVersion, {
        status,
        followUp: text ?? null,
        closedAt: status === FollowUpStatus.CLOSED ? now : null,
        updatedAt: now,
      });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'SupervisoryAction',
        entityId: id,
        action: `FOLLOW_UP_${status}`,
        summary: `${row.status} → ${status}`,
      });
      return updated;
    });
  }

  // ---- governance checkpoint reviews (WF-ORG-5) ----------------------------------------

  /** Records one checkpoint's result for a period; a PASS is closed at once, an ISSUE opens (ORG-R08/R09). */
  async recordCheckpoint(viewer: Viewer, input: CheckpointInput): Promise<CheckpointReview> {
    assertMayChangeGovernance(viewer);
    const period = input.period.trim();
    if (!PERIOD_PATTERN.test(period)) throw badInput('PERIOD_INVALID', 'A period is a year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-07)');
    const issue = input.issue?.trim() || null;
    if (input.result === CheckpointResult.ISSUE && !issue) throw errors.issueRequired();
    if (input.result === CheckpointResult.PASS && issue) throw errors.passHasNoIssue();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'recordCheckpointReview',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // One review per checkpoint and period: the company is locked before the check.
        if (!(await lockForUpdate(m, Company, { id: input.companyId }))) throw notFound('Company', input.companyId);
        if (await m.findOneBy(CheckpointReview, { companyId: input.companyId, period, checkpoint: input.checkpoint })) {
          throw errors.checkpointAlreadyReviewed(input.checkpoint, period);
        }
        const pass = input.result === CheckpointResult.PASS;
        const row = m.create(CheckpointReview, {
          id,
          companyId: input.companyId,
          period,
          checkpoint: input.checkpoint,
          result: input.result,
          issue,
          correctiveAdjustment: null,
          status: pass ? CheckpointStatus.CLOSED : CheckpointStatus.OPEN,
          reviewedAt: now,
          closedAt: pass ? now : null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(CheckpointReview, row);
        await recordChange(m, viewer, now, {
          companyId: input.companyId,
          entityType: 'CheckpointReview',
          entityId: row.id,
          action: `CHECKPOINT_${input.result}`,
          summary: `${period} ${input.checkpoint}: ${input.result}`,
        });
        return row;
      },
      (id) => this.visibleById(viewer, CheckpointReview, id),
      newId,
    );
  }

  /** An issue is corrected per prescribed authority and procedure (ORG-R09): ADJUSTING, then CLOSED with the adjustment made. */
  async adjustCheckpoint(viewer: Viewer, id: string, expectedVersion: number, status: CheckpointStatus, correctiveAdjustment: string | null): Promise<CheckpointReview> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await m.findOneBy(CheckpointReview, { id });
      if (!row) throw errors.checkpointReviewNotFound(id);
      if (row.status === CheckpointStatus.CLOSED) throw errors.checkpointClosed();
      if (status === CheckpointStatus.OPEN) throw errors.issueStatusBackwards();
      const adjustment = correctiveAdjustment?.trim() || row.correctiveAdjustment;
      if (!adjustment) throw errors.correctiveAdjustmentRequired();
      const updated = await updateWithVersion(m, CheckpointReview, id, expectedVersion, {
        status,
        correctiveAdjustment: adjustment,
        closedAt: status === CheckpointStatus.CLOSED ? now : null,
        updatedAt: now,
      });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'CheckpointReview',
        entityId: id,
        action: `CHECKPOINT_${status}`,
        summary: `${row.period} ${row.checkpoint}: ${row.status} → ${status}`,
      });
      return updated;
    });
  }

  /** ORG-M2: the eight checkpoints of a company for a period (one statement); unreviewed ones come back as null. */
  async checkpointReport(viewer: Viewer, companyId: string, period: string): Promise<{ checkpoint: GovernanceCheckpoint; review: CheckpointReview | null }[] | null> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    const rows = await this.checks.findBy({ companyId, period });
    const by = new Map(rows.map((r) => [r.checkpoint, r]));
    return Object.values(GovernanceCheckpoint).map((checkpoint) => ({ checkpoint, review: by.get(checkpoint) ?? null }));
  }

  async listCheckpoints(viewer: Viewer, filter: { companyId?: string | null; status?: CheckpointStatus | null }, page: PageArgs): Promise<ConnectionShape<CheckpointReview>> {
    const qb = await this.scope(viewer, this.checks.createQueryBuilder('c'), 'c', filter.companyId);
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    return paginate(qb, page, { property: 'reviewedAt', direction: 'DESC' });
  }
}
