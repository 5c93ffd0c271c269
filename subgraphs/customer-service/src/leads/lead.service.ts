import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  DomainError,
  Clock,
  inTransaction,
  likeContains,
  newId,
  PageArgs,
  Role,
  scopeOf,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  visibleParentOrNotFound,
  SegmentScopedReader,
  idempotentCreate,
  staleVersion,
} from '@group/shared';
import { Lead } from './lead.entity';
import { leadChanged } from './lead-events';
import { LeadSource, LeadStatus, OPEN_LEAD_STATUSES } from '../crm/crm-enums';
import { assertCanEditOwned, assertCrmWriter, crmPolicy, CrmSettings, DEFAULT_CRM_SETTINGS } from '../crm/crm-access';
import { nextCode } from '../crm/crm-codes';
import { Customer, CustomerKind } from '../customers/customer.entity';
import { customerCreated } from '../customers/customer-events';
import { Opportunity } from '../opportunities/opportunity.entity';
import { checkAmount, OpportunityService, ownerFor } from '../opportunities/opportunity.service';
import { GeneralAction } from '../actions/general-action.entity';
import { assertAssignable } from '../roster/employee-roster';
import { leadErrors as errors } from './lead.errors';
import { customerErrors } from '../customers/customer.errors';
import { opportunityErrors } from '../opportunities/opportunity.errors';

export interface LeadFilter {
  segmentId?: string | null;
  ownerId?: string | null;
  status?: LeadStatus | null;
  source?: LeadSource | null;
  customerId?: string | null;
  nameContains?: string | null;
}

export interface NewLead {
  segmentId: string;
  name: string;
  source: LeadSource;
  description?: string | null;
  companyName?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  /** An existing customer of the same segment the lead is about. */
  customerId?: string | null;
  ownerId?: string | null;
  idempotencyKey?: string | null;
}

export interface LeadUpdate {
  id: string;
  expectedVersion: number;
  name?: string | null;
  source?: LeadSource | null;
  description?: string | null;
  companyName?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  /** NEW, FOLLOWING_UP, INVALID or CLOSED (CONVERTED only through convertLead). */
  status?: LeadStatus | null;
  closeReason?: string | null;
  /** Segment heads only: give the lead to another owner of the segment. */
  ownerId?: string | null;
}

export interface LeadConversion {
  leadId: string;
  expectedVersion: number;
  /** An existing customer of the lead's segment; else the lead's own customer; else `newCustomer`. */
  customerId?: string | null;
  newCustomer?: { name: string; kind: CustomerKind } | null;
  opportunity: { name: string; amount: number; expectedCloseAt?: Date | null; stage?: string | null };
  idempotencyKey?: string | null;
}

export interface LeadConversionResult {
  lead: Lead;
  customer: Customer;
  opportunity: Opportunity;
}

export const LEAD_SCOPE = { ownerProperties: ['ownerId'], unassignedVisible: true };

function applyFilter(qb: SelectQueryBuilder<Lead>, a: string, f: LeadFilter): void {
  if (f.segmentId) qb.andWhere(`${a}.segmentId = :segmentId`, { segmentId: f.segmentId });
  if (f.ownerId) qb.andWhere(`${a}.ownerId = :ownerId`, { ownerId: f.ownerId });
  if (f.status) qb.andWhere(`${a}.status = :status`, { status: f.status });
  if (f.source) qb.andWhere(`${a}.source = :source`, { source: f.source });
  if (f.customerId) qb.andWhere(`${a}.customerId = :customerId`, { customerId: f.customerId });
  if (f.nameContains) qb.andWhere(`LOWER(${a}.name) LIKE :nameLike ESCAPE '!'`, { nameLike: likeContains(f.nameContains.toLowerCase()) });
}

const oneOf = <T extends string>(values: Record<string, T>, v: T, invalid: (value: string) => DomainError) => {
  if (!Object.values(values).includes(v)) throw invalid(v);
};
const trimOrNull = (s: string | null | undefined) => (s == null ? null : s.trim() || null);

/** Leads (线索) and their conversion into a customer and an opportunity (WF-CRM-4). */
export class LeadService extends SegmentScopedReader<Lead, LeadFilter> {
  constructor(
    private readonly ds: DataSource,
    private readonly opportunities: OpportunityService,
    private readonly now: Clock = systemClock,
    settings: CrmSettings = DEFAULT_CRM_SETTINGS,
  ) {
    super(ds.getRepository(Lead), applyFilter, 'l', crmPolicy(settings, LEAD_SCOPE));
  }

  pagesByOwner(viewer: Viewer, ids: readonly string[], f: LeadFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('ownerId', viewer, ids, f, page, sort);
  }

  /** Segment heads and business staff, in their own segment; staff own what they create. */
  create(viewer: Viewer, input: NewLead): Promise<Lead> {
    assertCrmWriter(viewer, input.segmentId);
    const name = input.name.trim();
    if (!name) throw errors.nameBlank();
    oneOf(LeadSource, input.source, errors.sourceInvalid);
    const ownerId = ownerFor(viewer, input.ownerId);
    return idempotentCreate(
      this.ds,
      viewer,
      'createLead',
      input.idempotencyKey,
      input,
      async (m, id) => {
        if (input.customerId) await visibleParentOrNotFound(m, Customer, input.customerId, [input.segmentId]);
        if (ownerId && ownerId !== viewer.employeeId) await assertAssignable(m, ownerId, input.segmentId);
        const at = this.now();
        const lead = m.create(Lead, {
          id,
          code: await nextCode(m, 'lead'),
          name,
          source: input.source,
          status: LeadStatus.NEW,
          description: trimOrNull(input.description),
          companyName: trimOrNull(input.companyName),
          contactName: trimOrNull(input.contactName),
          contactPhone: trimOrNull(input.contactPhone),
          segmentId: input.segmentId,
          ownerId,
          customerId: input.customerId ?? null,
          convertedOpportunityId: null,
          closedAt: null,
          closeReason: null,
          lastActionAt: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
        await m.insert(Lead, lead);
        await leadChanged(m, viewer, lead, 'CREATED');
        return lead;
      },
      async (id) => (await this.byIds(viewer, [id]))[0] ?? null,
      newId,
    );
  }

  private async forChange(m: EntityManager, viewer: Viewer, id: string, expectedVersion: number): Promise<Lead> {
    const lead = await this.scoped(viewer, 'l', m).andWhere('l.id = :id', { id }).getOne();
    if (!lead) throw errors.notFound(id);
    // An unassigned lead may be worked (and so claimed) by any writer of its segment.
    assertCanEditOwned(viewer, { segmentId: lead.segmentId, ownerId: lead.ownerId ?? viewer.employeeId }, 'leads');
    if (lead.version !== expectedVersion) {
      throw staleVersion(`Lead ${id}`, lead.version, expectedVersion);
    }
    if (!OPEN_LEAD_STATUSES.includes(lead.status)) throw errors.closed(lead.code, lead.status);
    return lead;
  }

  update(viewer: Viewer, input: LeadUpdate): Promise<Lead> {
    const changes: Partial<Lead> = {};
    if (input.name != null) {
      changes.name = input.name.trim();
      if (!changes.name) throw errors.nameBlank();
    }
    if (input.source != null) {
      oneOf(LeadSource, input.source, errors.sourceInvalid);
      changes.source = input.source;
    }
    for (const k of ['description', 'companyName', 'contactName', 'contactPhone'] as const) if (input[k] !== undefined) changes[k] = trimOrNull(input[k]);
    if (input.status != null) {
      if (input.status === LeadStatus.CONVERTED) throw errors.convertWithConvertLead();
      oneOf(LeadStatus, input.status, errors.statusInvalid);
      changes.status = input.status;
      if (!OPEN_LEAD_STATUSES.includes(input.status)) {
        const reason = trimOrNull(input.closeReason);
        if (!reason) throw errors.reasonRequired(input.status);
        changes.closeReason = reason;
        changes.closedAt = this.now();
      }
    }
    return inTransaction(this.ds, async (m) => {
      const lead = await this.forChange(m, viewer, input.id, input.expectedVersion);
      if (input.ownerId != null && input.ownerId !== lead.ownerId) {
        if (viewer.role !== Role.SEGMENT_HEAD) throw errors.ownerAssignmentForbidden();
        await assertAssignable(m, input.ownerId, lead.segmentId);
        changes.ownerId = input.ownerId;
      }
      // Working an unassigned lead makes it yours.
      if (lead.ownerId === null && changes.ownerId === undefined) changes.ownerId = viewer.employeeId;
      const updated = await updateWithVersion(m, Lead, lead.id, input.expectedVersion, { ...changes, updatedAt: this.now() }, 'Lead');
      await leadChanged(m, viewer, updated, 'UPDATED');
      return updated;
    });
  }

  /**
   * Converts an open lead (WF-CRM-4) in one transaction: the customer (an
   * existing one of the lead's segment, the lead's own, or a new one), an
   * OPEN opportunity in the first stage (with its history row), the lead
   * CONVERTED and linked to both; the lead's general actions are attached to
   * the customer. Idempotent by key.
   */
  convert(viewer: Viewer, input: LeadConversion): Promise<LeadConversionResult> {
    const oppName = input.opportunity.name.trim();
    if (!oppName) throw opportunityErrors.nameBlank();
    const amount = checkAmount(input.opportunity.amount, opportunityErrors.amountInvalid);
    if (input.newCustomer) {
      if (!input.newCustomer.name.trim()) throw customerErrors.nameBlank();
      oneOf(CustomerKind, input.newCustomer.kind, errors.newCustomerKindInvalid);
    }
    return idempotentCreate(
      this.ds,
      viewer,
      'convertLead',
      input.idempotencyKey,
      input,
      async (m) => {
        const lead = await this.forChange(m, viewer, input.leadId, input.expectedVersion);
        const at = this.now();
        const customerId = input.customerId ?? lead.customerId;
        let customer: Customer | null;
        if (customerId) {
          customer = await visibleParentOrNotFound(m, Customer, customerId, scopeOf(viewer));
          if (customer.segmentId !== lead.segmentId) throw customerErrors.notFound(customerId);
        } else {
          if (!input.newCustomer) throw errors.customerRequired();
          customer = m.create(Customer, {
            id: newId(),
            name: input.newCustomer.name.trim(),
            kind: input.newCustomer.kind,
            segmentId: lead.segmentId,
            ownerId: lead.ownerId ?? viewer.employeeId,
            createdAt: at,
            updatedAt: at,
            version: 1,
          });
          await m.insert(Customer, customer);
          await customerCreated(m, viewer, customer);
        }
        const opportunity = await this.opportunities.insert(m, viewer, {
          id: newId(),
          customer,
          name: oppName,
          amount,
          expectedCloseAt: input.opportunity.expectedCloseAt ?? null,
          stage: input.opportunity.stage ?? null,
          ownerId: lead.ownerId ?? viewer.employeeId,
          leadId: lead.id,
        });
        const updated = await updateWithVersion(
          m,
          Lead,
          lead.id,
          input.expectedVersion,
          {
            status: LeadStatus.CONVERTED,
            customerId: customer.id,
            convertedOpportunityId: opportunity.id,
            ownerId: lead.ownerId ?? viewer.employeeId,
            closedAt: at,
            updatedAt: at,
          },
          'Lead',
        );
        await leadChanged(m, viewer, updated, 'CONVERTED');
        await m.update(GeneralAction, { targetId: lead.id }, { customerId: customer.id });
        return { lead: updated, customer, opportunity };
      },
      async () => {
        const [lead] = await this.byIds(viewer, [input.leadId]);
        if (!lead?.convertedOpportunityId || !lead.customerId) return null;
        const [opportunity] = await this.opportunities.byIds(viewer, [lead.convertedOpportunityId]);
        const customer = await this.ds.getRepository(Customer).findOneBy({ id: lead.customerId });
        return opportunity && customer ? { lead, customer, opportunity } : null;
      },
      () => input.leadId,
    );
  }
}
