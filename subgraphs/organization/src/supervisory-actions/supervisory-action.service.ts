import { DataSource, EntityManager, Repository } from 'typeorm';
import { Clock, ConnectionShape, idempotentCreate, inTransaction, newId, notFound, PageArgs, paginate, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { BodyMembership, MembershipStatus, OfficeRole } from '../memberships/body-membership.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { FollowUpStatus, SupervisoryAction, SupervisoryActionType, SupervisoryFinding } from './supervisory-action.entity';
import { supervisoryActionErrors as errors } from './supervisory-action.errors';

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

export interface NewSupervisoryAction {
  bodyId: string;
  targetEmployeeId: string;
  finding: SupervisoryFinding;
  action: SupervisoryActionType;
  description: string;
  idempotencyKey?: string | null;
}

/**
 * Actions of the board of supervisors on directors and senior managers, with follow-up to closure
 * (domain.md §2.1.1, D08 第九条.2, WF-ORG-6). Reading is company-scoped like all governance data;
 * writing is GROUP_EXECUTIVE only and logged in the governance change log, in the same transaction.
 */
export class SupervisoryActionService {
  private readonly actions: Repository<SupervisoryAction>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.actions = ds.getRepository(SupervisoryAction);
  }

  async listActions(viewer: Viewer, filter: { companyId?: string | null; status?: FollowUpStatus | null }, page: PageArgs): Promise<ConnectionShape<SupervisoryAction>> {
    const qb = await this.governance.scope(viewer, this.actions.createQueryBuilder('a'), 'a', filter.companyId);
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
      (id) => this.governance.visibleById(viewer, SupervisoryAction, id),
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
}
