import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  Clock,
  DomainError,
  inTransaction,
  newId,
  PageArgs,
  paginateByParent,
  SegmentScopedReader,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  idempotentWrite,
  type ClaimKey,
  visibleParentOrNotFound,
  scopeOf,
  scopeTo,
  staleVersion,
} from '@group/shared';
import { Complaint, ResponseTier, ComplaintCategory, ComplaintChannel, ComplaintRiskLevel, ComplaintSeverity, ComplaintStatus, CustomerJourneyPhase } from './complaint.entity';
import { ComplaintEvent, ComplaintEventKind } from './complaint-event.entity';
import { ComplaintAttachment } from './complaint-attachment.entity';
import { availableActions, ComplaintAction, TRANSITIONS } from './complaint-workflow';
import { SlaService } from '../sla/sla.service';
import { Customer } from '../customers/customer.entity';
import { assertCanHandleComplaint, assertCanWriteSegment, assertWriterRole, byComplaintVisibility } from '../scope';
import { ServiceBranch } from '../branches/service-branch.entity';
import { nextNumber } from '../database/code-sequence.entity';
import { customerIndicatorsChanged } from '../indicators/indicator-events';
import { complaintChanged } from './complaint-events';
import { assertAssignable } from '../roster/employee-roster';
import { complaintErrors as errors } from './complaint.errors';
import { serviceBranchErrors } from '../branches/service-branch.errors';

export interface ComplaintFilter {
  status?: ComplaintStatus | null;
  channel?: ComplaintChannel | null;
  severity?: ComplaintSeverity | null;
  category?: ComplaintCategory | null;
  customerId?: string | null;
  responsibleDepartmentId?: string | null;
  handlerId?: string | null;
  segmentId?: string | null;
  branchId?: string | null;
}

export interface NewComplaint {
  customerId: string;
  title: string;
  description: string;
  channel: ComplaintChannel;
  severity: ComplaintSeverity;
  phase: CustomerJourneyPhase;
  /** Default OTHER. */
  category?: ComplaintCategory | null;
  attachments?: { fileName: string; contentType: string; sizeBytes: number; storageKey: string }[] | null;
  responsibleDepartmentId?: string | null;
  handlerId?: string | null;
  /** The customer-service branch that handles it; its company becomes the complaint's company. */
  branchId?: string | null;
  /** When the customer complained, if before registration (hotline log, letter, import); default now. */
  receivedAt?: Date | null;
  /** Client-chosen key: a retry with the same key (same account) returns the first complaint. */
  idempotencyKey?: string | null;
}

/** How far back a complaint's received time may lie [I: a hotline log or letter registered late, an import]. */
export const RECEIVED_AT_MAX_DAYS = 30;

/** Why `receivedAt` is refused for a complaint registered at `at`: in the future (a minute of clock skew allowed) or more than RECEIVED_AT_MAX_DAYS back. */
export function receivedAtProblem(receivedAt: Date, at: Date): DomainError | null {
  if (receivedAt.getTime() > at.getTime() + 60_000) return errors.receivedInFuture();
  if (receivedAt.getTime() < at.getTime() - RECEIVED_AT_MAX_DAYS * 86_400_000) return errors.receivedTooEarly(RECEIVED_AT_MAX_DAYS);
  return null;
}

/** The received time of a complaint registered at `at`: `receivedAt` (checked), or `at` itself. */
export function receivedTime(receivedAt: Date | null | undefined, at: Date): Date {
  if (!receivedAt) return at;
  const problem = receivedAtProblem(receivedAt, at);
  if (problem) throw problem;
  return receivedAt.getTime() > at.getTime() ? at : receivedAt;
}

/** The timeline note of a complaint registered after it was received. */
export const lateRegistrationNote = (c: Pick<Complaint, 'receivedAt' | 'createdAt'>): string | null =>
  c.createdAt.getTime() - c.receivedAt.getTime() >= 60_000 ? `Received ${c.receivedAt.toISOString()}, registered later` : null;

export interface ComplaintTransition {
  id: string;
  expectedVersion: number;
  action: ComplaintAction;
  note?: string | null;
  /** ASSIGN: the new handler (organization Employee id). */
  handlerId?: string | null;
  /** REVISIT: satisfaction score 1–5. */
  satisfaction?: number | null;
}

/** Actions that need a note saying why. */
const NOTE_REQUIRED = new Set([ComplaintAction.REJECT, ComplaintAction.REOPEN, ComplaintAction.RESOLVE]);

export const COMPLAINT_SEQUENCE = 'complaint';
export const complaintCode = (n: number) => `CMP-${String(n).padStart(6, '0')}`;

function applyFilter(qb: SelectQueryBuilder<Complaint>, alias: string, f: ComplaintFilter): void {
  if (f.status) qb.andWhere(`${alias}.status = :status`, { status: f.status });
  if (f.channel) qb.andWhere(`${alias}.channel = :channel`, { channel: f.channel });
  if (f.severity) qb.andWhere(`${alias}.severity = :severity`, { severity: f.severity });
  if (f.category) qb.andWhere(`${alias}.category = :category`, { category: f.category });
  if (f.customerId) qb.andWhere(`${alias}.customerId = :customerId`, { customerId: f.customerId });
  if (f.responsibleDepartmentId) qb.andWhere(`${alias}.responsibleDepartmentId = :departmentId`, { departmentId: f.responsibleDepartmentId });
  if (f.handlerId) qb.andWhere(`${alias}.handlerId = :handlerId`, { handlerId: f.handlerId });
  if (f.segmentId) qb.andWhere(`${alias}.segmentId = :segmentId`, { segmentId: f.segmentId });
  if (f.branchId) qb.andWhere(`${alias}.branchId = :branchId`, { branchId: f.branchId });
}

const oneOf = <T extends string>(values: Record<string, T>, v: T, invalid: (value: string) => DomainError) => {
  if (!Object.values(values).includes(v)) throw invalid(v);
};

/**
 * Complaints. Scoped by the segment copied from the customer at creation;
 * every read takes the viewer (scope.ts).
 */
export class ComplaintService extends SegmentScopedReader<Complaint, ComplaintFilter> {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
    private readonly sla: SlaService = new SlaService(),
  ) {
    // Visibility: segment isolation widened for branch and group-centre staff (scope.ts).
    super(ds.getRepository(Complaint), applyFilter, 'p', byComplaintVisibility);
  }

  /** Complaint's entity metadata: lets nested complaint lists read only the selected columns. */
  get metadata() {
    return this.ds.getMetadata(Complaint);
  }

  /** `ServiceBranch.complaints` in one statement. */
  pagesByBranch(viewer: Viewer, branchIds: readonly string[], filter: ComplaintFilter, page: PageArgs, sort: SortSpec, select?: readonly string[]) {
    return this.pagesBy('branchId', viewer, branchIds, filter, page, sort, select);
  }

  /** `Complaint.attachments` for many (visible) complaints in one statement. */
  attachments(complaintIds: readonly string[], page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.ds.getRepository(ComplaintAttachment), { parentProperty: 'complaintId', parentIds: complaintIds, page, sort });
  }

  /** `Complaint.timeline` for many complaints in one statement (parents are already visible complaints). */
  timelines(complaintIds: readonly string[], page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.ds.getRepository(ComplaintEvent), { parentProperty: 'complaintId', parentIds: complaintIds, page, sort });
  }

  availableActions(c: Complaint): ComplaintAction[] {
    return availableActions(c.status);
  }

  /**
   * SLA breach flags at the service clock's "now": a target is breached when
   * the event it waits for happened after the due time, or has not happened
   * and the due time has passed. While waiting on the customer the clock
   * stands still at the pause. Rejected complaints have no resolution target.
   */
  slaState(c: Complaint): { firstResponseBreached: boolean; resolutionBreached: boolean; slaPaused: boolean } {
    const now = this.now().getTime();
    const late = (due: Date | null, doneAt: Date | null, stoppedAt: Date | null) => !!due && (doneAt ?? stoppedAt ?? new Date(now)).getTime() > due.getTime();
    return {
      firstResponseBreached: late(c.firstResponseDueAt, c.firstRespondedAt, null),
      resolutionBreached: c.status !== ComplaintStatus.REJECTED && late(c.resolutionDueAt, c.resolvedAt, c.slaPausedAt),
      slaPaused: !!c.slaPausedAt,
    };
  }

  policies() {
    return this.sla.policies(this.ds.manager);
  }

  /**
   * Applies one transition of the state machine (complaint-workflow.ts) to a
   * complaint the viewer can see and write (its segment is one of the viewer's
   * own; segment heads and business staff). Refusals, in order: NOT_FOUND,
   * FORBIDDEN, CONFLICT/STALE_VERSION (expectedVersion is not the current
   * one), CONFLICT/COMPLAINT_ALREADY_CLOSED | COMPLAINT_ALREADY_REJECTED |
   * COMPLAINT_TRANSITION_NOT_ALLOWED, BAD_USER_INPUT for a missing note,
   * handler or satisfaction. Writes the complaint (version + 1) and one
   * timeline event in one transaction.
   */
  async transition(viewer: Viewer, input: ComplaintTransition): Promise<Complaint> {
    assertWriterRole(viewer);
    const rule = TRANSITIONS[input.action];
    if (!rule) throw errors.actionInvalid(input.action);
    const note = input.note?.trim() || null;
    if (NOTE_REQUIRED.has(input.action) && !note) throw errors.noteRequired(input.action);
    if (input.action === ComplaintAction.ASSIGN && !input.handlerId) throw errors.handlerRequired();
    if (input.action === ComplaintAction.REVISIT && (input.satisfaction == null || input.satisfaction < 1 || input.satisfaction > 5)) {
      throw errors.satisfactionInvalid();
    }

    return inTransaction(this.ds, async (m) => {
      const c = await scopeTo(viewer, m.getRepository(Complaint).createQueryBuilder('c'), byComplaintVisibility).andWhere('c.id = :id', { id: input.id }).getOne();
      if (!c) throw errors.notFound(input.id);
      await assertCanHandleComplaint(m, viewer, c);
      if (c.version !== input.expectedVersion) {
        throw staleVersion(`Complaint ${c.id}`, c.version, input.expectedVersion);
      }
      if (!rule.from.includes(c.status)) {
        const refused = c.status === ComplaintStatus.CLOSED ? errors.alreadyClosed : c.status === ComplaintStatus.REJECTED ? errors.alreadyRejected : errors.transitionNotAllowed;
        throw refused(c.status, input.action, availableActions(c.status));
      }
      const at = this.now();
      const changes: Partial<Complaint> = { status: rule.to, updatedAt: at };
      switch (input.action) {
        case ComplaintAction.ACCEPT:
          changes.firstRespondedAt = c.firstRespondedAt ?? at;
          break;
        case ComplaintAction.REJECT:
          changes.firstRespondedAt = c.firstRespondedAt ?? at;
          changes.closedAt = at;
          break;
        case ComplaintAction.ASSIGN:
          // A handler is any employed member of the group (complaints are handled across segments by the service centres).
          await assertAssignable(m, input.handlerId!, null);
          changes.handlerId = input.handlerId!;
          break;
        case ComplaintAction.WAIT_FOR_CUSTOMER:
          changes.slaPausedAt = at;
          break;
        case ComplaintAction.CUSTOMER_REPLIED:
          Object.assign(changes, await this.resumeSla(m, c, at));
          break;
        case ComplaintAction.RESOLVE:
          changes.resolvedAt = at;
          break;
        case ComplaintAction.REVISIT:
          changes.satisfaction = input.satisfaction!;
          break;
        case ComplaintAction.CLOSE:
          changes.closedAt = at;
          break;
        case ComplaintAction.REOPEN:
          Object.assign(changes, { resolvedAt: null, closedAt: null, satisfaction: null });
          break;
      }
      const updated = await updateWithVersion(m, Complaint, c.id, input.expectedVersion, changes, 'Complaint');
      await m.insert(ComplaintEvent, {
        id: newId(),
        complaintId: c.id,
        seq: updated.version,
        kind: ComplaintEventKind.TRANSITION,
        action: input.action,
        fromStatus: c.status,
        toStatus: rule.to,
        fromLevel: null,
        toLevel: null,
        actorAccountId: viewer.accountId,
        actorEmployeeId: viewer.employeeId,
        note,
        at,
      });
      await complaintChanged(m, viewer, updated, 'TRANSITION');
      return updated;
    });
  }

  /** Stops the pause: its business minutes push the resolution targets back. */
  private async resumeSla(m: EntityManager, c: Complaint, at: Date): Promise<Partial<Complaint>> {
    if (!c.slaPausedAt) return {};
    const cal = await this.sla.calendar(m, c.companyId);
    const policy = await this.sla.policy(m, c.severity);
    const paused = c.slaPausedMinutes + this.sla.pausedMinutes(cal, c.slaPausedAt, at);
    const due = this.sla.dueTimes(cal, policy, c.receivedAt, paused);
    return { slaPausedAt: null, slaPausedMinutes: paused, resolutionDueAt: due.resolutionDueAt, resolutionWarnAt: due.resolutionWarnAt };
  }

  /** `Customer.complaints` for many customers in one statement. */
  pagesByCustomer(viewer: Viewer, customerIds: readonly string[], filter: ComplaintFilter, page: PageArgs, sort: SortSpec, select?: readonly string[]) {
    return this.pagesBy('customerId', viewer, customerIds, filter, page, sort, select);
  }

  /** `Department.complaints` (complaints the department is responsible for) in one statement. */
  pagesByDepartment(viewer: Viewer, departmentIds: readonly string[], filter: ComplaintFilter, page: PageArgs, sort: SortSpec, select?: readonly string[]) {
    return this.pagesBy('responsibleDepartmentId', viewer, departmentIds, filter, page, sort, select);
  }

  /** `Employee.assignedComplaints` in one statement. */
  pagesByHandler(viewer: Viewer, employeeIds: readonly string[], filter: ComplaintFilter, page: PageArgs, sort: SortSpec, select?: readonly string[]) {
    return this.pagesBy('handlerId', viewer, employeeIds, filter, page, sort, select);
  }

  /**
   * Registers a complaint against a customer the viewer can see (else
   * CUSTOMER_NOT_FOUND), in the customer's segment, which must be one of the
   * viewer's own (segment heads and business staff only). Status RECEIVED, a
   * new CMP-nnnnnn code; one transaction.
   */
  async create(viewer: Viewer, input: NewComplaint): Promise<Complaint> {
    assertWriterRole(viewer);
    const title = input.title.trim();
    const description = input.description.trim();
    if (!title) throw errors.titleBlank();
    if (!description) throw errors.descriptionBlank();
    oneOf(ComplaintChannel, input.channel, errors.channelInvalid);
    oneOf(ComplaintSeverity, input.severity, errors.severityInvalid);
    oneOf(CustomerJourneyPhase, input.phase, errors.phaseInvalid);
    if ((input.attachments?.length ?? 0) > 10) throw errors.tooManyAttachments();
    if (input.category) oneOf(ComplaintCategory, input.category, errors.categoryInvalid);
    receivedTime(input.receivedAt, this.now());

    // A retried create (mobile app) with the same key returns the first complaint (shared/src/database/idempotency.ts).
    return idempotentWrite(
      this.ds,
      viewer,
      'createComplaint',
      input.idempotencyKey,
      input,
      (m, claim) => this.insertComplaint(m, viewer, input, title, description, claim),
      async (id) => (await this.byIds(viewer, [id]))[0] ?? null,
    );
  }

  private async insertComplaint(m: EntityManager, viewer: Viewer, input: NewComplaint, title: string, description: string, claim: ClaimKey): Promise<Complaint> {
    const customer = await visibleParentOrNotFound(m, Customer, input.customerId, scopeOf(viewer));
    assertCanWriteSegment(viewer, customer.segmentId);
    const branch = input.branchId ? await m.findOneBy(ServiceBranch, { id: input.branchId }) : null;
    if (input.branchId && !branch) throw serviceBranchErrors.notFound(input.branchId);
    if (input.handlerId) await assertAssignable(m, input.handlerId, null);
    const id = newId();
    const at = this.now();
    // First write of the transaction: a concurrent retry blocks here and then fails on the key.
    await claim(id);
    const number = await nextNumber(m, COMPLAINT_SEQUENCE);
    const companyId = branch?.companyId ?? null;
    const receivedAt = receivedTime(input.receivedAt, at);
    // The SLA runs from when the customer complained, not from when it was typed in.
    const due = this.sla.dueTimes(await this.sla.calendar(m, companyId), await this.sla.policy(m, input.severity), receivedAt, 0);
    const complaint = m.create(Complaint, {
      id,
      code: complaintCode(number),
      title,
      description,
      channel: input.channel,
      status: ComplaintStatus.RECEIVED,
      severity: input.severity,
      phase: input.phase,
      category: input.category ?? ComplaintCategory.OTHER,
      customerId: customer.id,
      responsibleDepartmentId: input.responsibleDepartmentId ?? null,
      handlerId: input.handlerId ?? null,
      segmentId: customer.segmentId,
      companyId,
      branchId: branch?.id ?? null,
      escalationLevel: 1,
      responseTier: ResponseTier.BRANCH,
      responseDepartmentId: input.responsibleDepartmentId ?? null,
      riskLevel: initialRisk(input.severity),
      legalCase: false,
      legalDepartmentId: null,
      legalEscalatedAt: null,
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      ...due,
      slaPausedAt: null,
      slaPausedMinutes: 0,
      satisfaction: null,
      receivedAt,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    await m.insert(Complaint, complaint);
    await m.insert(ComplaintEvent, createdEvent(complaint, viewer.accountId, viewer.employeeId));
    await complaintChanged(m, viewer, complaint, 'CREATED');
    await customerIndicatorsChanged(m, viewer, customer.id, [{ code: 'COMPLAINT_COUNT', at: receivedAt }]);
    if (input.attachments?.length) {
      await m.insert(
        ComplaintAttachment,
        input.attachments.map((a) => ({ ...a, id: newId(), complaintId: id, createdAt: at })),
      );
    }
    return complaint;
  }
}

/** Initial risk level from the severity (G-08); handlers adjust it with updateComplaintRisk. */
export function initialRisk(severity: ComplaintSeverity): ComplaintRiskLevel {
  if (severity === ComplaintSeverity.GENERAL) return ComplaintRiskLevel.LOW;
  if (severity === ComplaintSeverity.SERIOUS) return ComplaintRiskLevel.MEDIUM;
  return ComplaintRiskLevel.HIGH;
}

/** The first timeline event of a complaint. */
export function createdEvent(c: Complaint, actorAccountId: string | null, actorEmployeeId: string | null): ComplaintEvent {
  return Object.assign(new ComplaintEvent(), {
    id: newId(),
    complaintId: c.id,
    seq: 1,
    kind: ComplaintEventKind.CREATED,
    action: null,
    fromStatus: null,
    toStatus: ComplaintStatus.RECEIVED,
    fromLevel: null,
    toLevel: null,
    actorAccountId,
    actorEmployeeId,
    note: lateRegistrationNote(c),
    at: c.createdAt,
  });
}
