import { In, type EntityManager } from 'typeorm';
import { Role, stableId, type Viewer, chunks, insertRows, type ImportSpec, type RowReader } from '@group/shared';
import { Lead } from '../leads/lead.entity';
import { LeadSource, LeadStatus } from '../crm/crm-enums';
import { CodeSequence } from '../database/code-sequence.entity';
import { segmentIdOf, SEGMENT_CODES } from './segments';
import { lockCustomers } from './customer-locks';
import { rosterProblems } from '../roster/employee-roster';

export interface LeadRow {
  id: string;
  ref: string;
  name: string;
  source: LeadSource;
  segmentId: string;
  ownerId: string | null;
  customerId: string | null;
  description: string | null;
  companyName: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

const REF = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;

/** The id of an imported lead, from its natural key (segment + external reference): a re-run names the same record. */
export const importedLeadId = (segmentId: string, ref: string) => stableId('lead-import', `${segmentId}:${ref}`);

/** Who may create leads: segment heads and business staff, in their own segments (domain.md §3.1.2). */
const WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);
export const canImportLeads = (viewer: Viewer) => WRITERS.has(viewer.role);

/**
 * leads.csv: ref, name, source, segment, owner, customer, description,
 * company_name, contact_name, contact_phone. Imported leads are NEW; each gets
 * the next LD-number of the lead sequence (a block reserved per batch, in the
 * batch's transaction). With a viewer (the mutation): rows of other segments
 * are SEGMENT_FORBIDDEN, and as for createLead only a segment head may name
 * another owner (OWNER_ASSIGNMENT_FORBIDDEN); the viewer owns the rest.
 */
export function leadImportSpec(opts: { viewer?: Viewer; now?: () => Date } = {}): ImportSpec<LeadRow> {
  const now = opts.now ?? (() => new Date());
  const v = opts.viewer;
  return {
    kind: 'leads',
    columns: [
      { name: 'ref', required: true, description: 'External reference, unique within the segment (natural key)' },
      { name: 'name', required: true, description: 'What the lead is about (≤ 200 characters)' },
      { name: 'source', required: true, description: Object.values(LeadSource).join(', ') },
      { name: 'segment', required: true, description: `Segment code (${SEGMENT_CODES.join(', ')}) or id` },
      { name: 'owner', required: false, description: 'Employee id of the owner' },
      { name: 'customer', required: false, description: 'Id of an existing customer of the same segment' },
      { name: 'description', required: false, description: '≤ 2000 characters' },
      { name: 'company_name', required: false, description: 'Prospect organisation (≤ 200)' },
      { name: 'contact_name', required: false, description: '≤ 100' },
      { name: 'contact_phone', required: false, description: '≤ 40' },
    ],
    parse(r: RowReader): LeadRow | null {
      const ref = r.text('ref', { required: true, max: 64, pattern: REF, patternHint: 'letters, digits, . _ - / (at most 64)' });
      const name = r.text('name', { required: true, max: 200 });
      const source = r.oneOf('source', Object.values(LeadSource), { required: true });
      const segmentRaw = r.text('segment', { required: true, max: 36 });
      let ownerId = r.id('owner');
      const customerId = r.id('customer');
      const description = r.text('description', { max: 2000 });
      const companyName = r.text('company_name', { max: 200 });
      const contactName = r.text('contact_name', { max: 100 });
      const contactPhone = r.text('contact_phone', { max: 40 });
      let segmentId: string | null = null;
      if (segmentRaw !== null) {
        segmentId = segmentIdOf(segmentRaw);
        if (!segmentId) r.fail('segment', 'UNKNOWN_SEGMENT', `unknown segment "${segmentRaw}"; expected one of ${SEGMENT_CODES.join(', ')}`);
        else if (v && !v.segmentIds.includes(segmentId)) r.fail('segment', 'SEGMENT_FORBIDDEN', 'you can only import leads into your own segments');
      }
      if (v) {
        if (ownerId && ownerId !== v.employeeId && v.role !== Role.SEGMENT_HEAD)
          r.fail('owner', 'OWNER_ASSIGNMENT_FORBIDDEN', 'only a segment head can give a record to another owner');
        ownerId = ownerId ?? v.employeeId;
      }
      if (r.errors || !ref || !name || !source || !segmentId) return null;
      return { id: importedLeadId(segmentId, ref), ref, name, source, segmentId, ownerId, customerId, description, companyName, contactName, contactPhone };
    },
    key: (l) => l.id,
    async check(m: EntityManager, rows, fail) {
      // First: lock the customers the leads attach to (against a concurrent merge or allocation).
      const withCustomer = rows.filter((r) => r.value.customerId);
      const segments = await lockCustomers(
        m,
        withCustomer.map((r) => r.value.customerId!),
      );
      const byId = new Map(rows.map((r) => [r.value.id, r]));
      for (const ids of chunks([...byId.keys()])) {
        for (const l of await m.find(Lead, { select: { id: true }, where: { id: In(ids) } })) {
          fail(byId.get(l.id)!, 'ref', 'DUPLICATE_IN_DATABASE', `a lead with ref "${byId.get(l.id)!.value.ref}" already exists in this segment`);
        }
      }
      // A named owner must be on the employee roster, employed, in the lead's segment (as createLead checks).
      const owned = rows.filter((r) => r.value.ownerId && r.value.ownerId !== v?.employeeId);
      const problems = await rosterProblems(
        m,
        owned.map((r) => ({ employeeId: r.value.ownerId!, segmentId: r.value.segmentId })),
      );
      owned.forEach((r, i) => problems[i] && fail(r, 'owner', problems[i].reason, problems[i].message));
      // The customer must exist in the lead's segment (as createLead checks); otherwise it is not found.
      for (const r of withCustomer) {
        if (segments.get(r.value.customerId!) !== r.value.segmentId)
          fail(r, 'customer', 'CUSTOMER_NOT_FOUND', `customer ${r.value.customerId} was not found in the lead's segment`);
      }
    },
    async insert(m: EntityManager, rows) {
      const at = new Date(Math.floor(now().getTime() / 1000) * 1000);
      const first = await reserveNumbers(m, 'lead', rows.length);
      await insertRows(
        m,
        Lead,
        rows.map(({ value: l }, i) => ({
          id: l.id,
          code: `LD-${String(first + i).padStart(6, '0')}`,
          name: l.name,
          source: l.source,
          status: LeadStatus.NEW,
          description: l.description,
          companyName: l.companyName,
          contactName: l.contactName,
          contactPhone: l.contactPhone,
          segmentId: l.segmentId,
          ownerId: l.ownerId,
          customerId: l.customerId,
          convertedOpportunityId: null,
          closedAt: null,
          closeReason: null,
          lastActionAt: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        })),
      );
    },
  };
}

/**
 * Reserves `count` consecutive numbers of a code sequence in ONE update (the
 * row lock of code-sequence.entity.ts's nextNumber, taken once per batch);
 * returns the first. Must run inside the batch's transaction.
 */
export async function reserveNumbers(m: EntityManager, name: string, count: number): Promise<number> {
  const result = await m
    .createQueryBuilder()
    .update(CodeSequence)
    .set({ lastNumber: () => `last_number + ${Number(count)}` })
    .where('name = :name', { name })
    .execute();
  if (!result.affected) {
    await m.insert(CodeSequence, { name, lastNumber: count });
    return 1;
  }
  return (await m.findOneByOrFail(CodeSequence, { name })).lastNumber - count + 1;
}
