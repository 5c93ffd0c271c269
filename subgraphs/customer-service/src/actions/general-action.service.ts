import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { NotificationService } from '../notifications/notification.service';
import { NotificationKind } from '../notifications/notification.entity';
import {
  Clock,
  inTransaction,
  lockForUpdate,
  newId,
  PageArgs,
  Role,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  visibleParentOrNotFound,
  scopeTo,
  SegmentScopedReader,
  idempotentCreate,
  staleVersion,
} from '@group/shared';
import { GeneralAction } from './general-action.entity';
import { CrmTargetType, GeneralActionStatus, GeneralActionType, LeadStatus, OPEN_LEAD_STATUSES, OpportunityStatus } from '../crm/crm-enums';
import { assertCrmWriter, crmPolicy, crmSegments, CrmSettings, DEFAULT_CRM_SETTINGS } from '../crm/crm-access';
import { Lead } from '../leads/lead.entity';
import { LEAD_SCOPE } from '../leads/lead.service';
import { Opportunity } from '../opportunities/opportunity.entity';
import { OPPORTUNITY_SCOPE } from '../opportunities/opportunity.service';
import { Customer } from '../customers/customer.entity';
import { isLateCorrection } from '../follow-ups/follow-up.service';
import { assertAssignable } from '../roster/employee-roster';
import { generalActionErrors as errors } from './general-action.errors';
import { leadErrors } from '../leads/lead.errors';
import { opportunityErrors } from '../opportunities/opportunity.errors';

export interface GeneralActionFilter {
  status?: GeneralActionStatus | null;
  type?: GeneralActionType | null;
  assigneeId?: string | null;
  segmentId?: string | null;
  targetType?: CrmTargetType | null;
}

export interface NewGeneralAction {
  targetType: CrmTargetType;
  targetId: string;
  type: GeneralActionType;
  subject: string;
  notes?: string | null;
  /** A planned action: when it is due. */
  dueAt?: Date | null;
  /** A follow-up already done: when. Without dueAt and doneAt the action is done now. */
  doneAt?: Date | null;
  /** Someone else who must do it (an assignment, see `create`). */
  assigneeId?: string | null;
  idempotencyKey?: string | null;
}

export interface GeneralActionUpdate {
  id: string;
  expectedVersion: number;
  subject?: string | null;
  notes?: string | null;
  dueAt?: Date | null;
  /** DONE (at `doneAt`, default now) or CANCELLED. */
  status?: GeneralActionStatus | null;
  doneAt?: Date | null;
}

/** Business staff read the actions on their records and those assigned to them (G-15 OWN). */
export const ACTION_SCOPE = { ownerProperties: ['ownerId', 'assigneeId'] };

function applyFilter(qb: SelectQueryBuilder<GeneralAction>, a: string, f: GeneralActionFilter): void {
  if (f.status) qb.andWhere(`${a}.status = :status`, { status: f.status });
  if (f.type) qb.andWhere(`${a}.type = :type`, { type: f.type });
  if (f.assigneeId) qb.andWhere(`${a}.assigneeId = :assigneeId`, { assigneeId: f.assigneeId });
  if (f.segmentId) qb.andWhere(`${a}.segmentId = :segmentId`, { segmentId: f.segmentId });
  if (f.targetType) qb.andWhere(`${a}.targetType = :targetType`, { targetType: f.targetType });
}

interface Target {
  segmentId: string;
  customerId: string | null;
  ownerId: string | null;
}

/**
 * General actions (一般行动, G-11). Recording one's own follow-ups: segment
 * heads and business staff of the target's segment. Assigning an action to
 * someone else (CS-R38, §3.1.2 row 4): group executives to business staff
 * of any segment, segment heads within their own segment, nobody else.
 * A DONE action stamps `lastActionAt` on its lead/opportunity (CS-R25) and
 * moves a NEW lead to FOLLOWING_UP; one marked DONE after its month closed
 * is a late correction (follow-ups/follow-up.service.ts).
 */
export class GeneralActionService extends SegmentScopedReader<GeneralAction, GeneralActionFilter> {
  private readonly notifications: NotificationService;

  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
    private readonly settings: CrmSettings = DEFAULT_CRM_SETTINGS,
  ) {
    super(ds.getRepository(GeneralAction), applyFilter, 'a', crmPolicy(settings, ACTION_SCOPE));
    this.notifications = new NotificationService(ds, now);
  }

  pagesByCustomer(viewer: Viewer, ids: readonly string[], f: GeneralActionFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('customerId', viewer, ids, f, page, sort);
  }

  /** Actions on leads/opportunities the viewer already sees: scoped by segment only (the parent's owner check was done). */
  pagesByTarget(viewer: Viewer, ids: readonly string[], f: GeneralActionFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('targetId', viewer, ids, f, page, sort);
  }

  pagesByAssignee(viewer: Viewer, ids: readonly string[], f: GeneralActionFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('assigneeId', viewer, ids, f, page, sort);
  }

  /** The target as the viewer can read it (NOT_FOUND otherwise). */
  private async target(m: EntityManager, viewer: Viewer, type: CrmTargetType, id: string): Promise<Target & { lead?: Lead; opportunity?: Opportunity }> {
    // Lead and opportunity targets are locked first, like a customer parent: a concurrent merge or allocation
    // moving them (with their actions) runs wholly before or after this create.
    if (type === CrmTargetType.LEAD) {
      await lockForUpdate(m, Lead, { id });
      const lead = await scopeTo(viewer, m.getRepository(Lead).createQueryBuilder('t'), crmPolicy(this.settings, LEAD_SCOPE)).andWhere('t.id = :id', { id }).getOne();
      if (!lead) throw leadErrors.notFound(id);
      return { segmentId: lead.segmentId, customerId: lead.customerId, ownerId: lead.ownerId, lead };
    }
    if (type === CrmTargetType.OPPORTUNITY) {
      await lockForUpdate(m, Opportunity, { id });
      const o = await scopeTo(viewer, m.getRepository(Opportunity).createQueryBuilder('t'), crmPolicy(this.settings, OPPORTUNITY_SCOPE)).andWhere('t.id = :id', { id }).getOne();
      if (!o) throw opportunityErrors.notFound(id);
      return { segmentId: o.segmentId, customerId: o.customerId, ownerId: o.ownerId, opportunity: o };
    }
    if (type === CrmTargetType.CUSTOMER) {
      const c = await visibleParentOrNotFound(m, Customer, id, crmSegments(viewer));
      return { segmentId: c.segmentId, customerId: c.id, ownerId: c.ownerId };
    }
    throw errors.targetTypeInvalid(String(type));
  }

  create(viewer: Viewer, input: NewGeneralAction): Promise<GeneralAction> {
    const subject = input.subject.trim();
    if (!subject) throw errors.subjectBlank();
    if (!Object.values(GeneralActionType).includes(input.type)) throw errors.typeInvalid(input.type);
    const at = this.now();
    const assigned = !!input.assigneeId && input.assigneeId !== viewer.employeeId;
    if (input.doneAt && input.doneAt.getTime() > at.getTime() + 60_000) throw errors.doneInFuture();
    if (assigned && input.doneAt) throw errors.assignedNotDone();
    if (assigned && !input.dueAt) throw errors.dueRequired();
    if (input.dueAt && input.doneAt) throw errors.dueOrDone();
    return idempotentCreate(
      this.ds,
      viewer,
      'createGeneralAction',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const t = await this.target(m, viewer, input.targetType, input.targetId);
        this.assertMayCreate(viewer, t.segmentId, assigned);
        if (assigned) await assertAssignable(m, input.assigneeId!, t.segmentId);
        if (t.lead && !OPEN_LEAD_STATUSES.includes(t.lead.status)) throw leadErrors.closed(t.lead.code, t.lead.status);
        if (t.opportunity && t.opportunity.status !== OpportunityStatus.OPEN) throw opportunityErrors.closed(t.opportunity.code, t.opportunity.status);
        const done = !input.dueAt;
        const action = m.create(GeneralAction, {
          id,
          targetType: input.targetType,
          targetId: input.targetId,
          customerId: t.customerId,
          segmentId: t.segmentId,
          ownerId: t.ownerId,
          type: input.type,
          subject,
          notes: input.notes?.trim() || null,
          status: done ? GeneralActionStatus.DONE : GeneralActionStatus.PLANNED,
          dueAt: input.dueAt ?? null,
          doneAt: done ? (input.doneAt ?? at) : null,
          lateCorrection: done && isLateCorrection(input.doneAt ?? at, at),
          assigneeId: input.assigneeId ?? viewer.employeeId,
          assignedById: assigned ? viewer.employeeId : null,
          createdByAccountId: viewer.accountId,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
        await m.insert(GeneralAction, action);
        if (action.doneAt) await this.stampTarget(m, action, action.doneAt);
        // G-11 / G-19: an assigned action notifies its assignee, in the same transaction.
        if (assigned) {
          await this.notifications.notify(m, [action.assigneeId], {
            kind: NotificationKind.ACTION_ASSIGNED,
            subjectId: action.id,
            eventKey: 'ASSIGNED',
            message: `${subject} (due ${action.dueAt!.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
            at,
          });
        }
        return action;
      },
      async (id) => (await this.byIds(viewer, [id]))[0] ?? null,
      newId,
    );
  }

  /**
   * CS-R38 and §3.1.2: executives assign in any segment but record nothing
   * themselves; heads record and assign in their segment; staff record only
   * their own actions; administrators and the marketing department neither.
   */
  private assertMayCreate(viewer: Viewer, segmentId: string, assigned: boolean): void {
    if (viewer.role === Role.GROUP_EXECUTIVE) {
      if (!assigned) throw errors.executivesAssignOnly();
      return;
    }
    assertCrmWriter(viewer, segmentId);
    if (assigned && viewer.role !== Role.SEGMENT_HEAD) {
      throw errors.assignmentForbidden();
    }
  }

  /**
   * Latest follow-up time on the lead/opportunity (CS-R25), and a NEW lead
   * starts FOLLOWING_UP: one UPDATE, which bumps the record's version
   * (TypeORM's version column) only when something changed.
   */
  private async stampTarget(m: EntityManager, a: GeneralAction, doneAt: Date): Promise<void> {
    if (a.targetType === CrmTargetType.LEAD) {
      const lead = await m.findOneBy(Lead, { id: a.targetId });
      if (!lead) return;
      const changes: Partial<Lead> = {};
      if (!lead.lastActionAt || lead.lastActionAt < doneAt) changes.lastActionAt = doneAt;
      if (lead.status === LeadStatus.NEW) changes.status = LeadStatus.FOLLOWING_UP;
      if (Object.keys(changes).length) await m.update(Lead, { id: lead.id }, { ...changes, updatedAt: this.now() });
    } else if (a.targetType === CrmTargetType.OPPORTUNITY) {
      await m
        .createQueryBuilder()
        .update(Opportunity)
        .set({ lastActionAt: doneAt, updatedAt: this.now() })
        .where('id = :id AND (last_action_at IS NULL OR last_action_at < :at)', { id: a.targetId, at: doneAt })
        .execute();
    }
  }

  /**
   * Edits, completes or cancels an action: its assignee, whoever assigned it,
   * a segment head of its segment, or the business staff owning its record.
   */
  update(viewer: Viewer, input: GeneralActionUpdate): Promise<GeneralAction> {
    return inTransaction(this.ds, async (m) => {
      const a = await this.scoped(viewer, 'a', m).andWhere('a.id = :id', { id: input.id }).getOne();
      if (!a) throw errors.notFound(input.id);
      const me = viewer.employeeId;
      const mine = !!me && (a.assigneeId === me || a.assignedById === me || a.ownerId === me);
      const head = viewer.role === Role.SEGMENT_HEAD && viewer.segmentIds.includes(a.segmentId);
      if (!mine && !head) throw errors.editForbidden();
      if (viewer.role === Role.SYSTEM_ADMIN || viewer.role === Role.SEGMENT_ADMIN) throw errors.editRoleForbidden(viewer.role);
      if (a.version !== input.expectedVersion) {
        throw staleVersion(`GeneralAction ${a.id}`, a.version, input.expectedVersion);
      }
      if (a.status !== GeneralActionStatus.PLANNED && input.status) throw errors.notPlanned(a.status);
      const at = this.now();
      const changes: Partial<GeneralAction> = { updatedAt: at };
      if (input.subject != null) {
        changes.subject = input.subject.trim();
        if (!changes.subject) throw errors.subjectBlank();
      }
      if (input.notes !== undefined) changes.notes = input.notes?.trim() || null;
      if (input.dueAt !== undefined) changes.dueAt = input.dueAt;
      if (input.status === GeneralActionStatus.DONE) {
        const doneAt = input.doneAt ?? at;
        if (doneAt.getTime() > at.getTime() + 60_000) throw errors.doneInFuture();
        Object.assign(changes, { status: GeneralActionStatus.DONE, doneAt, lateCorrection: isLateCorrection(doneAt, at) });
      } else if (input.status === GeneralActionStatus.CANCELLED) {
        changes.status = GeneralActionStatus.CANCELLED;
      } else if (input.status) {
        throw errors.statusInvalid();
      }
      const updated = await updateWithVersion(m, GeneralAction, a.id, input.expectedVersion, changes, 'GeneralAction');
      if (changes.doneAt) await this.stampTarget(m, updated, changes.doneAt);
      return updated;
    });
  }
}
