import { Brackets, DataSource, EntityManager } from 'typeorm';
import {
  Clock,
  inTransaction,
  lockForUpdate,
  newId,
  PageArgs,
  paginate,
  Role,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  scopeTo,
  idempotentCreate,
  staleVersion,
} from '@group/shared';
import { AllocatableRecordType } from '../crm/crm-enums';
import { AllocationStatus, MovedRecords, noneMoved, SegmentAllocation } from './segment-allocation.entity';
import { assertCanEditOwned, assertCrmWriter, assertMarketingOperator, crmSegments, CrmSettings, DEFAULT_CRM_SETTINGS, crmPolicy } from '../crm/crm-access';
import { Customer } from '../customers/customer.entity';
import { moveCustomerRecords } from '../customers/customer-crm.service';
import { Lead } from '../leads/lead.entity';
import { LEAD_SCOPE } from '../leads/lead.service';
import { GeneralAction } from '../actions/general-action.entity';
import { leadChanged } from '../leads/lead-events';
import { customerUpdated } from '../customers/customer-events';
import { assertAssignable } from '../roster/employee-roster';
import { allocationErrors as errors } from './allocation.errors';
import { customerErrors } from '../customers/customer.errors';
import { leadErrors } from '../leads/lead.errors';

export interface SegmentAllocationInput {
  recordType: AllocatableRecordType;
  recordId: string;
  /** Version of the customer or lead you read. */
  expectedVersion: number;
  toSegmentId: string;
  /** Owner in the new segment; null leaves the records unassigned there (its head assigns them). */
  newOwnerId?: string | null;
  reason: string;
}

export interface AllocationRequestInput {
  recordType: AllocatableRecordType;
  recordId: string;
  toSegmentId: string;
  reason: string;
  idempotencyKey?: string | null;
}

export interface AllocationDecisionInput {
  id: string;
  expectedVersion: number;
  approve: boolean;
  newOwnerId?: string | null;
  note?: string | null;
}

export interface AllocationFilter {
  status?: AllocationStatus | null;
}

/**
 * Cross-segment allocation (跨版块分配, WF-CRM-7, CS-R36): the ONLY way a
 * CRM record changes segment. Segment users may request it; only the group
 * marketing department performs it (directly, or by deciding a request).
 * An allocation moves the record and everything attached to it in one
 * transaction and is recorded with what moved.
 */
export class AllocationService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
    private readonly settings: CrmSettings = DEFAULT_CRM_SETTINGS,
  ) {}

  /** A direct allocation by the marketing department (recorded as requested and allocated by it). */
  allocate(viewer: Viewer, input: SegmentAllocationInput): Promise<{ allocation: SegmentAllocation; moved: MovedRecords }> {
    assertMarketingOperator(viewer);
    const reason = input.reason.trim();
    if (!reason) throw errors.reasonRequired();
    return inTransaction(this.ds, async (m) => {
      const at = this.now();
      const { fromSegmentId, moved } = await this.move(m, viewer, input.recordType, input.recordId, input.expectedVersion, input.toSegmentId, input.newOwnerId ?? null, at);
      const allocation = m.create(SegmentAllocation, {
        id: newId(),
        recordType: input.recordType,
        recordId: input.recordId,
        fromSegmentId,
        toSegmentId: input.toSegmentId,
        newOwnerId: input.newOwnerId ?? null,
        reason,
        status: AllocationStatus.ALLOCATED,
        moved: JSON.stringify(moved),
        requestedByAccountId: viewer.accountId,
        requestedByEmployeeId: viewer.employeeId,
        requestedAt: at,
        decidedByAccountId: viewer.accountId,
        decidedByEmployeeId: viewer.employeeId,
        decidedAt: at,
        decisionNote: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      await m.insert(SegmentAllocation, allocation);
      return { allocation, moved };
    });
  }

  /**
   * A segment user asks the marketing department to move a record of their
   * segment (WF-CRM-7): segment heads and business staff (staff: their own
   * lead; customers are segment-wide). Idempotent by key.
   */
  request(viewer: Viewer, input: AllocationRequestInput): Promise<SegmentAllocation> {
    const reason = input.reason.trim();
    if (!reason) throw errors.requestReasonRequired();
    return idempotentCreate(
      this.ds,
      viewer,
      'requestSegmentAllocation',
      input.idempotencyKey,
      input,
      async (m, id) => {
        let fromSegmentId: string;
        if (input.recordType === AllocatableRecordType.CUSTOMER) {
          const c = await scopeTo(viewer, m.getRepository(Customer).createQueryBuilder('c')).andWhere('c.id = :id', { id: input.recordId }).getOne();
          if (!c) throw customerErrors.notFound(input.recordId);
          assertCrmWriter(viewer, c.segmentId);
          fromSegmentId = c.segmentId;
        } else if (input.recordType === AllocatableRecordType.LEAD) {
          const l = await scopeTo(viewer, m.getRepository(Lead).createQueryBuilder('l'), crmPolicy(this.settings, LEAD_SCOPE))
            .andWhere('l.id = :id', { id: input.recordId })
            .getOne();
          if (!l) throw leadErrors.notFound(input.recordId);
          assertCanEditOwned(viewer, { segmentId: l.segmentId, ownerId: l.ownerId ?? viewer.employeeId }, 'leads');
          if (l.customerId) throw errors.requestLeadHasCustomer();
          fromSegmentId = l.segmentId;
        } else {
          throw errors.recordTypeInvalid(String(input.recordType));
        }
        if (fromSegmentId === input.toSegmentId) throw errors.sameSegment('record');
        const at = this.now();
        const row = m.create(SegmentAllocation, {
          id,
          recordType: input.recordType,
          recordId: input.recordId,
          fromSegmentId,
          toSegmentId: input.toSegmentId,
          newOwnerId: null,
          reason,
          status: AllocationStatus.REQUESTED,
          moved: null,
          requestedByAccountId: viewer.accountId,
          requestedByEmployeeId: viewer.employeeId,
          requestedAt: at,
          decidedByAccountId: null,
          decidedByEmployeeId: null,
          decidedAt: null,
          decisionNote: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
        await m.insert(SegmentAllocation, row);
        return row;
      },
      async (id) => (await this.visible(viewer).andWhere('x.id = :id', { id }).getOne()) ?? null,
      newId,
    );
  }

  /** The marketing department allocates (moving the record as it is now) or rejects (with a note) a request. */
  decide(viewer: Viewer, input: AllocationDecisionInput): Promise<SegmentAllocation> {
    assertMarketingOperator(viewer);
    const note = input.note?.trim() || null;
    if (!input.approve && !note) throw errors.noteRequired();
    return inTransaction(this.ds, async (m) => {
      // A locking read: the record's lock in `move` must come before the transaction's first plain read.
      const req = await lockForUpdate(m, SegmentAllocation, { id: input.id });
      if (!req) throw errors.notFound(input.id);
      if (req.version !== input.expectedVersion) {
        throw staleVersion(`SegmentAllocation ${req.id}`, req.version, input.expectedVersion);
      }
      if (req.status !== AllocationStatus.REQUESTED) throw errors.alreadyDecided(req.status);
      const at = this.now();
      const decided = { decidedByAccountId: viewer.accountId, decidedByEmployeeId: viewer.employeeId, decidedAt: at, decisionNote: note, updatedAt: at };
      if (!input.approve) return updateWithVersion(m, SegmentAllocation, req.id, input.expectedVersion, { ...decided, status: AllocationStatus.REJECTED }, 'SegmentAllocation');
      const { fromSegmentId, moved } = await this.move(m, viewer, req.recordType, req.recordId, null, req.toSegmentId, input.newOwnerId ?? null, at);
      if (fromSegmentId !== req.fromSegmentId) throw errors.recordMoved();
      return updateWithVersion(
        m,
        SegmentAllocation,
        req.id,
        input.expectedVersion,
        { ...decided, status: AllocationStatus.ALLOCATED, newOwnerId: input.newOwnerId ?? null, moved: JSON.stringify(moved) },
        'SegmentAllocation',
      );
    });
  }

  /** Moves a customer (with everything attached) or a lead (with its actions) to `toSegmentId`; `expectedVersion` null = as it is now. */
  private async move(
    m: EntityManager,
    viewer: Viewer,
    type: AllocatableRecordType,
    id: string,
    expectedVersion: number | null,
    toSegmentId: string,
    newOwnerId: string | null,
    at: Date,
  ): Promise<{ fromSegmentId: string; moved: MovedRecords }> {
    if (!toSegmentId.trim()) throw errors.segmentRequired();
    if (type === AllocatableRecordType.CUSTOMER) {
      // Locked first: a concurrent create of a record under the customer (which locks it too) either commits
      // before, and moves along below, or runs after and finds the customer in its new segment.
      const c = await lockForUpdate(m, Customer, { id });
      if (!c) throw customerErrors.notFound(id);
      if (c.segmentId === toSegmentId) throw errors.sameSegment('customer');
      if (newOwnerId) await assertAssignable(m, newOwnerId, toSegmentId);
      const updated = await updateWithVersion(m, Customer, c.id, expectedVersion ?? c.version, { segmentId: toSegmentId, ownerId: newOwnerId, updatedAt: at }, 'Customer');
      await customerUpdated(m, viewer, updated, c.segmentId);
      return { fromSegmentId: c.segmentId, moved: await moveCustomerRecords(m, c.id, { segmentId: toSegmentId, ownerId: newOwnerId }) };
    }
    if (type === AllocatableRecordType.LEAD) {
      const lead = await lockForUpdate(m, Lead, { id });
      if (!lead) throw leadErrors.notFound(id);
      if (lead.segmentId === toSegmentId) throw errors.sameSegment('lead');
      if (lead.customerId) throw errors.leadHasCustomer();
      if (newOwnerId) await assertAssignable(m, newOwnerId, toSegmentId);
      await leadChanged(
        m,
        viewer,
        await updateWithVersion(m, Lead, lead.id, expectedVersion ?? lead.version, { segmentId: toSegmentId, ownerId: newOwnerId, updatedAt: at }, 'Lead'),
        'ALLOCATED',
      );
      const moved = noneMoved();
      moved.leads = 1;
      moved.generalActions = (await m.update(GeneralAction, { targetId: lead.id }, { segmentId: toSegmentId, ownerId: newOwnerId })).affected ?? 0;
      return { fromSegmentId: lead.segmentId, moved };
    }
    throw errors.recordTypeInvalid(String(type));
  }

  /** Allocations from or to a segment the viewer reads (the department and executives: all). */
  private visible(viewer: Viewer) {
    const qb = this.ds.getRepository(SegmentAllocation).createQueryBuilder('x');
    const segs = crmSegments(viewer);
    if (segs !== 'ALL') {
      if (!segs.length || viewer.role === Role.SYSTEM_ADMIN) qb.andWhere('1 = 0');
      else qb.andWhere(new Brackets((w) => w.where('x.fromSegmentId IN (:...segs)', { segs }).orWhere('x.toSegmentId IN (:...segs)', { segs })));
    }
    return qb;
  }

  list(viewer: Viewer, filter: AllocationFilter, page: PageArgs, sort: SortSpec = { property: 'requestedAt', direction: 'DESC' }) {
    const qb = this.visible(viewer);
    if (filter.status) qb.andWhere('x.status = :status', { status: filter.status });
    return paginate(qb, page, sort);
  }
}
