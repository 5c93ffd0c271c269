import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import {
  Clock,
  inTransaction,
  lockForUpdate,
  newId,
  Role,
  systemClock,
  updateWithVersion,
  Viewer,
  visibleParentOrNotFound,
  scopeTo,
  idempotentCreate,
  staleVersion,
} from '@group/shared';
import { Customer } from './customer.entity';
import { CustomerContact } from './customer-contact.entity';
import { byCrmSegments, crmSegments, assertCrmWriter } from '../crm/crm-access';
import { MovedRecords, noneMoved } from '../allocations/segment-allocation.entity';
import { CustomerMerge } from './customer-merge.entity';
import { Lead } from '../leads/lead.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { SalesOrder } from '../orders/sales-order.entity';
import { GeneralAction } from '../actions/general-action.entity';
import { CustomerRevisit, RevisitPlan } from '../revisits/revisit-plan.entity';
import { CrmTargetType } from '../crm/crm-enums';
import { customerMergedAway, customerUpdated } from './customer-events';
import { customerErrors as errors } from './customer.errors';

export interface NewContact {
  customerId: string;
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  isPrimary?: boolean | null;
  idempotencyKey?: string | null;
}

export interface ContactUpdate {
  id: string;
  expectedVersion: number;
  name?: string | null;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  isPrimary?: boolean | null;
}

export interface CustomerMergeInput {
  survivorId: string;
  survivorExpectedVersion: number;
  duplicateId: string;
  duplicateExpectedVersion: number;
}

/** Name as compared for duplicates: lower case, no whitespace or common punctuation. */
export const normalizedName = (s: string) => s.toLowerCase().replace(/[\s·.,，。()（）-]/g, '');
const phoneDigits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');
const trimOrNull = (s: string | null | undefined) => (s == null ? null : s.trim() || null);

/** Customer contacts, duplicate detection and merge (issue #5). */
export class CustomerCrmService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {}

  private visibleCustomer(m: EntityManager, viewer: Viewer, id: string) {
    return scopeTo(viewer, m.getRepository(Customer).createQueryBuilder('c'), byCrmSegments).andWhere('c.id = :id', { id }).getOne();
  }

  /** Contacts of many (visible) customers, primary first then by name. */
  contactsOf(customerIds: readonly string[]): Promise<CustomerContact[]> {
    return this.ds.getRepository(CustomerContact).find({ where: { customerId: In([...customerIds]) }, order: { isPrimary: 'DESC', name: 'ASC', id: 'ASC' } });
  }

  addContact(viewer: Viewer, input: NewContact): Promise<CustomerContact> {
    const name = input.name.trim();
    if (!name) throw errors.contactNameBlank();
    if (input.email && !/^[^@\s]+@[^@\s]+$/.test(input.email.trim())) throw errors.contactEmailInvalid();
    return idempotentCreate(
      this.ds,
      viewer,
      'addCustomerContact',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // One primary contact per customer: the customer is locked (before any read) while its primary changes.
        if (input.isPrimary) await lockForUpdate(m, Customer, { id: input.customerId });
        const customer = await visibleParentOrNotFound(m, Customer, input.customerId, crmSegments(viewer));
        assertCrmWriter(viewer, customer.segmentId);
        const at = this.now();
        if (input.isPrimary) await m.update(CustomerContact, { customerId: customer.id }, { isPrimary: false });
        const contact = m.create(CustomerContact, {
          id,
          customerId: customer.id,
          segmentId: customer.segmentId,
          name,
          title: trimOrNull(input.title),
          phone: trimOrNull(input.phone),
          email: trimOrNull(input.email),
          isPrimary: !!input.isPrimary,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
        await m.insert(CustomerContact, contact);
        return contact;
      },
      (id) => this.ds.getRepository(CustomerContact).findOneBy({ id }),
      newId,
    );
  }

  updateContact(viewer: Viewer, input: ContactUpdate): Promise<CustomerContact> {
    return inTransaction(this.ds, async (m) => {
      const contact = await scopeTo(viewer, m.getRepository(CustomerContact).createQueryBuilder('c'), byCrmSegments).andWhere('c.id = :id', { id: input.id }).getOne();
      if (!contact) throw errors.contactNotFound(input.id);
      assertCrmWriter(viewer, contact.segmentId);
      const changes: Partial<CustomerContact> = { updatedAt: this.now() };
      if (input.name != null) {
        changes.name = input.name.trim();
        if (!changes.name) throw errors.contactNameBlank();
      }
      for (const k of ['title', 'phone', 'email'] as const) if (input[k] !== undefined) changes[k] = trimOrNull(input[k]);
      if (input.isPrimary != null) {
        changes.isPrimary = input.isPrimary;
        if (input.isPrimary) {
          await lockForUpdate(m, Customer, { id: contact.customerId });
          await m.update(CustomerContact, { customerId: contact.customerId }, { isPrimary: false });
        }
      }
      return updateWithVersion(m, CustomerContact, contact.id, input.expectedVersion, changes, 'CustomerContact');
    });
  }

  /**
   * Duplicate candidates of a customer (G-17, within its segment: isolation
   * means the same person may legitimately exist in two segments): same
   * normalised name, or a contact with the same phone number or e-mail.
   */
  async duplicatesOf(viewer: Viewer, customerId: string): Promise<Customer[]> {
    const m = this.ds.manager;
    const c = await this.visibleCustomer(m, viewer, customerId);
    if (!c) return [];
    const contacts = await m.findBy(CustomerContact, { customerId: c.id });
    const phones = contacts.map((x) => phoneDigits(x.phone)).filter((p) => p.length >= 6);
    const emails = contacts.map((x) => x.email?.toLowerCase()).filter((e): e is string => !!e);
    const sameSegment = await m.find(Customer, { where: { segmentId: c.segmentId }, select: { id: true, name: true } });
    const byName = sameSegment.filter((x) => x.id !== c.id && normalizedName(x.name) === normalizedName(c.name)).map((x) => x.id);
    const ids = new Set(byName);
    if (phones.length || emails.length) {
      const others = await m
        .createQueryBuilder(CustomerContact, 'k')
        .where('k.segmentId = :seg AND k.customerId <> :id', { seg: c.segmentId, id: c.id })
        .andWhere(
          new Brackets((w) => {
            w.where('1 = 0');
            if (emails.length) w.orWhere('LOWER(k.email) IN (:...emails)', { emails });
            if (phones.length) w.orWhere('k.phone IS NOT NULL');
          }),
        )
        .getMany();
      for (const k of others) if (emails.includes(k.email?.toLowerCase() ?? '') || phones.includes(phoneDigits(k.phone))) ids.add(k.customerId);
    }
    if (!ids.size) return [];
    return m.find(Customer, { where: { id: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } });
  }

  /**
   * Merges a duplicate into a survivor of the same segment, in ONE
   * transaction: every record attached to the duplicate (contacts, leads,
   * opportunities, sales orders, general actions, complaints, revisit plans
   * and revisits) moves to the survivor, the merge is recorded in
   * `customer_merge` and the duplicate row is deleted. Segment heads only
   * (a merge deletes a record); both versions must be current. Both customers
   * are locked first (in id order), so a duplicate is merged once: a
   * concurrent merge of it finds it gone (NOT_FOUND).
   */
  merge(viewer: Viewer, input: CustomerMergeInput): Promise<{ merge: CustomerMerge; survivor: Customer; moved: MovedRecords }> {
    if (input.survivorId === input.duplicateId) throw errors.mergeSameCustomer();
    return inTransaction(this.ds, async (m) => {
      for (const id of [input.survivorId, input.duplicateId].sort()) await lockForUpdate(m, Customer, { id });
      const survivor = await this.visibleCustomer(m, viewer, input.survivorId);
      if (!survivor) throw errors.notFound(input.survivorId);
      const duplicate = await this.visibleCustomer(m, viewer, input.duplicateId);
      if (!duplicate) throw errors.notFound(input.duplicateId);
      assertCrmWriter(viewer, survivor.segmentId);
      if (viewer.role !== Role.SEGMENT_HEAD) throw errors.mergeSegmentHeadOnly();
      if (duplicate.segmentId !== survivor.segmentId) throw errors.mergeAcrossSegments();
      if (duplicate.version !== input.duplicateExpectedVersion) {
        throw staleVersion(`Customer ${duplicate.id}`, duplicate.version, input.duplicateExpectedVersion);
      }
      const at = this.now();
      const updated = await updateWithVersion(m, Customer, survivor.id, input.survivorExpectedVersion, { updatedAt: at }, 'Customer');
      const moved = await moveCustomerRecords(m, duplicate.id, { customerId: survivor.id });
      // Actions recorded on the duplicate customer itself now target the survivor.
      await m.update(GeneralAction, { targetType: CrmTargetType.CUSTOMER, targetId: duplicate.id }, { targetId: survivor.id });
      await m.delete(Customer, { id: duplicate.id });
      const merge = m.create(CustomerMerge, {
        id: newId(),
        segmentId: survivor.segmentId,
        survivorId: survivor.id,
        duplicateId: duplicate.id,
        duplicateName: duplicate.name,
        moved: JSON.stringify(moved),
        actorAccountId: viewer.accountId,
        at,
      });
      await m.insert(CustomerMerge, merge);
      await customerUpdated(m, viewer, updated);
      await customerMergedAway(m, viewer, duplicate, survivor.id);
      return { merge, survivor: updated, moved };
    });
  }
}

/**
 * Moves (or re-segments) everything attached to a customer, inside the
 * caller's transaction. `to.customerId` re-points the rows at another
 * customer (merge); `to.segmentId`/`to.ownerId` re-segment them (allocation).
 * Revisit plans are one per customer: on a merge where both have one, the
 * duplicate's revisits move into the survivor's plan.
 */
export async function moveCustomerRecords(
  m: EntityManager,
  fromCustomerId: string,
  to: { customerId?: string; segmentId?: string; ownerId?: string | null },
): Promise<MovedRecords> {
  const moved = noneMoved();
  const seg = to.segmentId ? { segmentId: to.segmentId } : {};
  const cust = to.customerId ? { customerId: to.customerId } : {};
  const owner = to.ownerId !== undefined ? { ownerId: to.ownerId } : {};
  const n = (r: { affected?: number | null }) => r.affected ?? 0;
  moved.contacts = n(await m.update(CustomerContact, { customerId: fromCustomerId }, { ...cust, ...seg }));
  moved.leads = n(await m.update(Lead, { customerId: fromCustomerId }, { ...cust, ...seg, ...owner }));
  moved.opportunities = n(await m.update(Opportunity, { customerId: fromCustomerId }, { ...cust, ...seg, ...owner }));
  moved.orders = n(await m.update(SalesOrder, { customerId: fromCustomerId }, { ...cust, ...seg, ...owner }));
  moved.generalActions = n(await m.update(GeneralAction, { customerId: fromCustomerId }, { ...cust, ...seg, ...owner }));
  // Complaints: plain SQL, so the complaint version (= its timeline's last seq) does not move without an event.
  const complaintSets = [...(to.customerId ? ['customer_id = ?'] : []), ...(to.segmentId ? ['segment_id = ?'] : [])];
  const complaintIds: { id: string }[] = await m.query('SELECT id FROM complaint WHERE customer_id = ?', [fromCustomerId]);
  if (complaintIds.length && complaintSets.length) {
    await m.query(`UPDATE complaint SET ${complaintSets.join(', ')} WHERE customer_id = ?`, [
      ...(to.customerId ? [to.customerId] : []),
      ...(to.segmentId ? [to.segmentId] : []),
      fromCustomerId,
    ]);
  }
  moved.complaints = complaintIds.length;
  const plan = await m.findOneBy(RevisitPlan, { customerId: fromCustomerId });
  if (plan) {
    const target = to.customerId ? await m.findOneBy(RevisitPlan, { customerId: to.customerId }) : null;
    if (target) {
      await m.update(CustomerRevisit, { planId: plan.id }, { planId: target.id });
      await m.delete(RevisitPlan, { id: plan.id });
    } else {
      await m.update(RevisitPlan, { id: plan.id }, { ...cust, ...seg, ...(to.ownerId !== undefined ? { ownerId: to.ownerId } : {}) });
    }
    moved.revisitPlans = 1;
  }
  return moved;
}
