import { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  Clock,
  inTransaction,
  isUniqueViolation,
  newId,
  PageArgs,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  visibleParentOrNotFound,
  scopeOf,
  scopeTo,
  SegmentScopedReader,
  idempotentCreate,
  lockForUpdate,
} from '@group/shared';
import { customerIndicatorsChanged } from '../indicators/indicator-events';
import { SalesOrder } from './sales-order.entity';
import { OpportunityStatus, SalesOrderStatus } from '../crm/crm-enums';
import { assertCanEditOwned, assertCrmWriter, crmPolicy, CrmSettings, DEFAULT_CRM_SETTINGS } from '../crm/crm-access';
import { nextCode } from '../crm/crm-codes';
import { Customer } from '../customers/customer.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { checkAmount, OPPORTUNITY_SCOPE } from '../opportunities/opportunity.service';
import { salesOrderErrors as errors } from './sales-order.errors';
import { opportunityErrors } from '../opportunities/opportunity.errors';

export interface SalesOrderFilter {
  segmentId?: string | null;
  customerId?: string | null;
  opportunityId?: string | null;
  status?: SalesOrderStatus | null;
}

export interface NewSalesOrder {
  customerId: string;
  opportunityId?: string | null;
  contractNumber: string;
  signedAt: Date;
  amount: number;
  notes?: string | null;
  idempotencyKey?: string | null;
}

export interface SalesOrderUpdate {
  id: string;
  expectedVersion: number;
  amount?: number | null;
  notes?: string | null;
  /** CANCELLED only (an order entered by mistake). */
  status?: SalesOrderStatus | null;
}

function applyFilter(qb: SelectQueryBuilder<SalesOrder>, a: string, f: SalesOrderFilter): void {
  if (f.segmentId) qb.andWhere(`${a}.segmentId = :segmentId`, { segmentId: f.segmentId });
  if (f.customerId) qb.andWhere(`${a}.customerId = :customerId`, { customerId: f.customerId });
  if (f.opportunityId) qb.andWhere(`${a}.opportunityId = :opportunityId`, { opportunityId: f.opportunityId });
  if (f.status) qb.andWhere(`${a}.status = :status`, { status: f.status });
}

/** Sales orders (销售订单) for signed contracts (WF-CRM-3 item 5), linked to the customer and the opportunity. */
export class SalesOrderService extends SegmentScopedReader<SalesOrder, SalesOrderFilter> {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
    private readonly settings: CrmSettings = DEFAULT_CRM_SETTINGS,
  ) {
    super(ds.getRepository(SalesOrder), applyFilter, 's', crmPolicy(settings, { ownerProperties: ['ownerId'] }));
  }

  pagesByCustomer(viewer: Viewer, ids: readonly string[], f: SalesOrderFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('customerId', viewer, ids, f, page, sort);
  }

  pagesByOpportunity(viewer: Viewer, ids: readonly string[], f: SalesOrderFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('opportunityId', viewer, ids, f, page, sort);
  }

  /**
   * Segment heads and business staff of the customer's segment; with an
   * opportunity, it must be an OPEN one of the same customer that the viewer
   * may change (staff: their own). The contract number is unique per segment.
   */
  async create(viewer: Viewer, input: NewSalesOrder): Promise<SalesOrder> {
    const contractNumber = input.contractNumber.trim();
    if (!contractNumber) throw errors.contractBlank();
    const amount = checkAmount(input.amount, errors.amountInvalid);
    if (input.signedAt.getTime() > this.now().getTime() + 60_000) throw errors.signedInFuture();
    try {
      return await idempotentCreate(
        this.ds,
        viewer,
        'createSalesOrder',
        input.idempotencyKey,
        input,
        async (m, id) => {
          const customer = await visibleParentOrNotFound(m, Customer, input.customerId, scopeOf(viewer));
          assertCrmWriter(viewer, customer.segmentId);
          let ownerId = viewer.employeeId;
          if (input.opportunityId) {
            const o = await scopeTo(viewer, m.getRepository(Opportunity).createQueryBuilder('o'), crmPolicy(this.settings, OPPORTUNITY_SCOPE))
              .andWhere('o.id = :id', { id: input.opportunityId })
              .getOne();
            if (!o) throw opportunityErrors.notFound(input.opportunityId);
            if (o.customerId !== customer.id) throw errors.opportunityMismatch();
            if (o.status !== OpportunityStatus.OPEN) throw opportunityErrors.closed(o.code, o.status);
            assertCanEditOwned(viewer, o, 'opportunities');
            ownerId = o.ownerId ?? ownerId;
          }
          if (await m.findOneBy(SalesOrder, { segmentId: customer.segmentId, contractNumber })) throw errors.contractExists(contractNumber);
          const at = this.now();
          const order = m.create(SalesOrder, {
            id,
            code: await nextCode(m, 'sales_order'),
            contractNumber,
            signedAt: input.signedAt,
            amount,
            status: SalesOrderStatus.ACTIVE,
            notes: input.notes?.trim() || null,
            segmentId: customer.segmentId,
            customerId: customer.id,
            opportunityId: input.opportunityId ?? null,
            ownerId,
            createdAt: at,
            updatedAt: at,
            version: 1,
          });
          await m.insert(SalesOrder, order);
          await customerIndicatorsChanged(m, viewer, customer.id, [{ code: 'ORDER_VALUE', at: order.signedAt }]);
          return order;
        },
        async (id) => (await this.byIds(viewer, [id]))[0] ?? null,
        newId,
      );
    } catch (e) {
      // Two different requests racing for the same contract number.
      if (isUniqueViolation(e)) throw errors.contractExists(contractNumber);
      throw e;
    }
  }

  update(viewer: Viewer, input: SalesOrderUpdate): Promise<SalesOrder> {
    const changes: Partial<SalesOrder> = {};
    if (input.amount != null) changes.amount = checkAmount(input.amount, errors.amountInvalid);
    if (input.notes !== undefined) changes.notes = input.notes?.trim() || null;
    if (input.status != null) {
      if (input.status !== SalesOrderStatus.CANCELLED) throw errors.statusInvalid();
      changes.status = SalesOrderStatus.CANCELLED;
    }
    return inTransaction(this.ds, async (m) => {
      const o = await this.scoped(viewer, 's', m).andWhere('s.id = :id', { id: input.id }).getOne();
      if (!o) throw errors.notFound(input.id);
      assertCanEditOwned(viewer, o, 'sales orders');
      const movesValue = changes.amount !== undefined || changes.status !== undefined;
      // The customer first (indicator-events.ts): changes of one customer's indicators run one after another.
      if (movesValue) await lockForUpdate(m, Customer, { id: o.customerId });
      const updated = await updateWithVersion(m, SalesOrder, o.id, input.expectedVersion, { ...changes, updatedAt: this.now() }, 'SalesOrder');
      if (movesValue) await customerIndicatorsChanged(m, viewer, o.customerId, [{ code: 'ORDER_VALUE', at: o.signedAt }]);
      return updated;
    });
  }
}
