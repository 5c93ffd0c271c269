import { In, type EntityManager } from 'typeorm';
import { chunks, insertRows, Role, stableId, type ImportSpec, type RowReader, type Viewer } from '@group/shared';
import { Complaint, ResponseTier, ComplaintCategory, ComplaintChannel, ComplaintSeverity, ComplaintStatus, CustomerJourneyPhase } from '../complaints/complaint.entity';
import { ComplaintEvent } from '../complaints/complaint-event.entity';
import { complaintCode, COMPLAINT_SEQUENCE, createdEvent, initialRisk, receivedAtProblem } from '../complaints/complaint.service';
import { ServiceBranch } from '../branches/service-branch.entity';
import { SlaService } from '../sla/sla.service';
import { reserveNumbers } from './lead-import';
import { lockCustomers } from './customer-locks';

export interface ComplaintRow {
  id: string;
  ref: string;
  customerId: string;
  title: string;
  description: string;
  channel: ComplaintChannel;
  severity: ComplaintSeverity;
  phase: CustomerJourneyPhase;
  category: ComplaintCategory;
  receivedAt: Date;
  branchId: string | null;
}

const REF = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;

/** The id of an imported complaint, from its external reference (hotline ticket number): a re-run names the same record. */
export const importedComplaintId = (ref: string) => stableId('complaint-import', ref);

/** Who may register complaints: segment heads and business staff, for customers of their own segments (as createComplaint). */
const WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);
export const canImportComplaints = (viewer: Viewer) => WRITERS.has(viewer.role);

/**
 * complaints.csv (a hotline log, letters): ref, customer, title, description, channel, severity,
 * phase, category, received_at, branch. Each complaint is registered RECEIVED as createComplaint
 * registers it: the next CMP-number, its SLA due times from `received_at` (at most 30 days back,
 * not in the future), and a CREATED timeline event by the importer noting the late registration.
 * With a viewer (the mutation) the customer must be in one of the viewer's segments.
 */
export function complaintImportSpec(opts: { viewer?: Viewer; now?: () => Date } = {}): ImportSpec<ComplaintRow> {
  const now = () => new Date(Math.floor((opts.now ?? (() => new Date()))().getTime() / 1000) * 1000);
  const v = opts.viewer;
  const sla = new SlaService();
  return {
    kind: 'complaints',
    columns: [
      { name: 'ref', required: true, description: 'External reference (hotline ticket number), unique (natural key)' },
      { name: 'customer', required: true, description: 'Id of the customer' },
      { name: 'title', required: true, description: '≤ 200 characters' },
      { name: 'description', required: true, description: '≤ 4000 characters' },
      { name: 'channel', required: true, description: Object.values(ComplaintChannel).join(', ') },
      { name: 'severity', required: true, description: Object.values(ComplaintSeverity).join(', ') },
      { name: 'phase', required: true, description: Object.values(CustomerJourneyPhase).join(', ') },
      { name: 'category', required: false, description: `${Object.values(ComplaintCategory).join(', ')} (default OTHER)` },
      { name: 'received_at', required: true, description: 'When the customer complained (ISO 8601 with zone), at most 30 days back; the SLA runs from it' },
      { name: 'branch', required: false, description: 'Id of the customer-service branch handling it' },
    ],
    parse(r: RowReader): ComplaintRow | null {
      const ref = r.text('ref', { required: true, max: 64, pattern: REF, patternHint: 'letters, digits, . _ - / (at most 64)' });
      const customerId = r.id('customer', { required: true });
      const title = r.text('title', { required: true, max: 200 });
      const description = r.text('description', { required: true, max: 4000 });
      const channel = r.oneOf('channel', Object.values(ComplaintChannel), { required: true });
      const severity = r.oneOf('severity', Object.values(ComplaintSeverity), { required: true });
      const phase = r.oneOf('phase', Object.values(CustomerJourneyPhase), { required: true });
      const category = r.oneOf('category', Object.values(ComplaintCategory)) ?? ComplaintCategory.OTHER;
      const receivedAt = r.datetime('received_at', { required: true });
      const branchId = r.id('branch');
      const problem = receivedAt && receivedAtProblem(receivedAt, now());
      if (problem) r.fail('received_at', problem.code, problem.message);
      if (r.errors || !ref || !customerId || !title || !description || !channel || !severity || !phase || !receivedAt) return null;
      return { id: importedComplaintId(ref), ref, customerId, title, description, channel, severity, phase, category, receivedAt, branchId };
    },
    key: (c) => c.id,
    async check(m: EntityManager, rows, fail) {
      // First: lock the customers the complaints attach to (against a concurrent merge or allocation).
      const segments = await lockCustomers(
        m,
        rows.map((r) => r.value.customerId),
      );
      const byId = new Map(rows.map((r) => [r.value.id, r]));
      for (const ids of chunks([...byId.keys()])) {
        for (const c of await m.find(Complaint, { select: { id: true }, where: { id: In(ids) } })) {
          fail(byId.get(c.id)!, 'ref', 'DUPLICATE_IN_DATABASE', `a complaint with ref "${byId.get(c.id)!.value.ref}" was already imported`);
        }
      }
      const branches = new Set<string>();
      for (const ids of chunks([...new Set(rows.flatMap((r) => (r.value.branchId ? [r.value.branchId] : [])))])) {
        for (const b of await m.find(ServiceBranch, { select: { id: true }, where: { id: In(ids) } })) branches.add(b.id);
      }
      for (const r of rows) {
        const segment = segments.get(r.value.customerId);
        // As createComplaint: a customer outside the viewer's segments is not found.
        if (!segment || (v && !v.segmentIds.includes(segment))) fail(r, 'customer', 'CUSTOMER_NOT_FOUND', `customer ${r.value.customerId} was not found in your segments`);
        if (r.value.branchId && !branches.has(r.value.branchId)) fail(r, 'branch', 'SERVICE_BRANCH_NOT_FOUND', `service branch ${r.value.branchId} was not found`);
      }
    },
    async insert(m: EntityManager, rows) {
      const at = now();
      const first = await reserveNumbers(m, COMPLAINT_SEQUENCE, rows.length);
      // Locked by `check` in this transaction; a locking read returns their current segment.
      const customers = await lockCustomers(
        m,
        rows.map((r) => r.value.customerId),
      );
      const companies = new Map<string, string>();
      for (const ids of chunks([...new Set(rows.flatMap((r) => (r.value.branchId ? [r.value.branchId] : [])))])) {
        for (const b of await m.find(ServiceBranch, { select: { id: true, companyId: true }, where: { id: In(ids) } })) companies.set(b.id, b.companyId);
      }
      const calendars = new Map<string | null, Awaited<ReturnType<SlaService['calendar']>>>();
      const policies = new Map((await sla.policies(m)).map((p) => [p.severity, p]));
      const complaints: Complaint[] = [];
      for (const [i, { value: c }] of rows.entries()) {
        const companyId = c.branchId ? (companies.get(c.branchId) ?? null) : null;
        if (!calendars.has(companyId)) calendars.set(companyId, await sla.calendar(m, companyId));
        const receivedAt = c.receivedAt.getTime() > at.getTime() ? at : c.receivedAt;
        complaints.push(
          Object.assign(new Complaint(), {
            id: c.id,
            code: complaintCode(first + i),
            title: c.title,
            description: c.description,
            channel: c.channel,
            status: ComplaintStatus.RECEIVED,
            severity: c.severity,
            phase: c.phase,
            category: c.category,
            customerId: c.customerId,
            responsibleDepartmentId: null,
            handlerId: null,
            segmentId: customers.get(c.customerId)!,
            companyId,
            branchId: c.branchId,
            escalationLevel: 1,
            responseTier: ResponseTier.BRANCH,
            responseDepartmentId: null,
            riskLevel: initialRisk(c.severity),
            legalCase: false,
            legalDepartmentId: null,
            legalEscalatedAt: null,
            firstRespondedAt: null,
            resolvedAt: null,
            closedAt: null,
            ...sla.dueTimes(calendars.get(companyId)!, policies.get(c.severity)!, receivedAt, 0),
            slaPausedAt: null,
            slaPausedMinutes: 0,
            satisfaction: null,
            receivedAt,
            createdAt: at,
            updatedAt: at,
            version: 1,
          }),
        );
      }
      await insertRows(m, Complaint, complaints);
      await insertRows(
        m,
        ComplaintEvent,
        complaints.map((c) => createdEvent(c, v?.accountId ?? null, v?.employeeId ?? null)),
      );
    },
  };
}
