import { DataSource, SelectQueryBuilder } from 'typeorm';
import { badInput, Clock, inTransaction, newId, notFound, PageArgs, SegmentScopedReader, SortSpec, systemClock, Viewer } from '@group/shared';
import { Complaint, ComplaintChannel, ComplaintSeverity, ComplaintStatus, CustomerJourneyPhase } from './complaint.entity';
import { Customer } from '../customers/customer.entity';
import { assertCanWriteSegment, assertWriterRole, scopeToReadableSegments } from '../scope';
import { nextNumber } from '../database/code-sequence.entity';

export interface ComplaintFilter {
  status?: ComplaintStatus | null;
  channel?: ComplaintChannel | null;
  severity?: ComplaintSeverity | null;
  customerId?: string | null;
  responsibleDepartmentId?: string | null;
  handlerId?: string | null;
  segmentId?: string | null;
}

export interface NewComplaint {
  customerId: string;
  title: string;
  description: string;
  channel: ComplaintChannel;
  severity: ComplaintSeverity;
  phase: CustomerJourneyPhase;
  responsibleDepartmentId?: string | null;
  handlerId?: string | null;
}

export const COMPLAINT_SEQUENCE = 'complaint';
export const complaintCode = (n: number) => `CMP-${String(n).padStart(6, '0')}`;

function applyFilter(qb: SelectQueryBuilder<Complaint>, alias: string, f: ComplaintFilter): void {
  if (f.status) qb.andWhere(`${alias}.status = :status`, { status: f.status });
  if (f.channel) qb.andWhere(`${alias}.channel = :channel`, { channel: f.channel });
  if (f.severity) qb.andWhere(`${alias}.severity = :severity`, { severity: f.severity });
  if (f.customerId) qb.andWhere(`${alias}.customerId = :customerId`, { customerId: f.customerId });
  if (f.responsibleDepartmentId) qb.andWhere(`${alias}.responsibleDepartmentId = :departmentId`, { departmentId: f.responsibleDepartmentId });
  if (f.handlerId) qb.andWhere(`${alias}.handlerId = :handlerId`, { handlerId: f.handlerId });
  if (f.segmentId) qb.andWhere(`${alias}.segmentId = :segmentId`, { segmentId: f.segmentId });
}

const oneOf = <T extends string>(values: Record<string, T>, v: T, code: string) => {
  if (!Object.values(values).includes(v)) throw badInput(code, `Unknown value ${v}`);
};

/**
 * Complaints. Scoped by the segment copied from the customer at creation;
 * every read takes the viewer (scope.ts).
 */
export class ComplaintService extends SegmentScopedReader<Complaint, ComplaintFilter> {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {
    super(ds.getRepository(Complaint), applyFilter, 'p');
  }

  /** `Customer.complaints` for many customers in one statement. */
  pagesByCustomer(viewer: Viewer, customerIds: readonly string[], filter: ComplaintFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('customerId', viewer, customerIds, filter, page, sort);
  }

  /** `Department.complaints` (complaints the department is responsible for) in one statement. */
  pagesByDepartment(viewer: Viewer, departmentIds: readonly string[], filter: ComplaintFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('responsibleDepartmentId', viewer, departmentIds, filter, page, sort);
  }

  /** `Employee.assignedComplaints` in one statement. */
  pagesByHandler(viewer: Viewer, employeeIds: readonly string[], filter: ComplaintFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('handlerId', viewer, employeeIds, filter, page, sort);
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
    if (!title) throw badInput('COMPLAINT_TITLE_BLANK', 'The complaint title must not be blank');
    if (!description) throw badInput('COMPLAINT_DESCRIPTION_BLANK', 'The complaint description must not be blank');
    oneOf(ComplaintChannel, input.channel, 'COMPLAINT_CHANNEL_INVALID');
    oneOf(ComplaintSeverity, input.severity, 'COMPLAINT_SEVERITY_INVALID');
    oneOf(CustomerJourneyPhase, input.phase, 'COMPLAINT_PHASE_INVALID');

    return inTransaction(this.ds, async (m) => {
      const customer = await scopeToReadableSegments(m.getRepository(Customer).createQueryBuilder('c'), viewer)
        .andWhere('c.id = :id', { id: input.customerId })
        .getOne();
      if (!customer) throw notFound('Customer', input.customerId);
      assertCanWriteSegment(viewer, customer.segmentId);
      const number = await nextNumber(m, COMPLAINT_SEQUENCE);
      const at = this.now();
      const complaint = m.create(Complaint, {
        id: newId(),
        code: complaintCode(number),
        title,
        description,
        channel: input.channel,
        status: ComplaintStatus.RECEIVED,
        severity: input.severity,
        phase: input.phase,
        customerId: customer.id,
        responsibleDepartmentId: input.responsibleDepartmentId ?? null,
        handlerId: input.handlerId ?? null,
        segmentId: customer.segmentId,
        companyId: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      await m.insert(Complaint, complaint);
      return complaint;
    });
  }
}
