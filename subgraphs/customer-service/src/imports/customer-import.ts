import { In, type EntityManager } from 'typeorm';
import { actorOf, chunks, emitEvents, insertRows, Role, stableId, type ImportSpec, type RowReader, type Viewer } from '@group/shared';
import { Customer, CustomerKind } from '../customers/customer.entity';
import { segmentIdOf, SEGMENT_CODES } from './segments';
import { rosterProblems } from '../roster/employee-roster';

export interface CustomerRow {
  id: string;
  ref: string;
  name: string;
  kind: CustomerKind;
  segmentId: string;
  ownerId: string | null;
}

/** An external reference: letters, digits and . _ - / (the natural key of an imported customer within its segment). */
const REF = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;

/**
 * The id of an imported customer, derived from its natural key (segment +
 * external reference): importing the same row twice names the same record,
 * so a re-run can never create a second customer.
 */
export const importedCustomerId = (segmentId: string, ref: string) => stableId('customer-import', `${segmentId}:${ref}`);

/** Who may create customers: segment heads and business staff, in their own segments (domain.md §3.1.2). */
const WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);
export const canImportCustomers = (viewer: Viewer) => WRITERS.has(viewer.role);

/**
 * customers.csv: ref, name, kind (INDIVIDUAL | ORGANIZATION), segment (code
 * such as RESI, or id), owner (employee id, optional). With a viewer (the
 * GraphQL mutation) every row must be in one of the viewer's own segments
 * (SEGMENT_FORBIDDEN); the CLI runs as the database operator.
 */
export function customerImportSpec(opts: { viewer?: Viewer; now?: () => Date } = {}): ImportSpec<CustomerRow> {
  const now = opts.now ?? (() => new Date());
  return {
    kind: 'customers',
    columns: [
      { name: 'ref', required: true, description: 'External reference, unique within the segment (natural key)' },
      { name: 'name', required: true, description: 'Customer name (≤ 200 characters)' },
      { name: 'kind', required: true, description: 'INDIVIDUAL or ORGANIZATION' },
      { name: 'segment', required: true, description: `Segment code (${SEGMENT_CODES.join(', ')}) or id` },
      { name: 'owner', required: false, description: 'Employee id of the relationship owner' },
    ],
    parse(r: RowReader): CustomerRow | null {
      const ref = r.text('ref', { required: true, max: 64, pattern: REF, patternHint: 'letters, digits, . _ - / (at most 64)' });
      const name = r.text('name', { required: true, max: 200 });
      const kind = r.oneOf('kind', Object.values(CustomerKind), { required: true });
      const segmentRaw = r.text('segment', { required: true, max: 36 });
      const ownerId = r.id('owner');
      let segmentId: string | null = null;
      if (segmentRaw !== null) {
        segmentId = segmentIdOf(segmentRaw);
        if (!segmentId) r.fail('segment', 'UNKNOWN_SEGMENT', `unknown segment "${segmentRaw}"; expected one of ${SEGMENT_CODES.join(', ')}`);
        else if (opts.viewer && !opts.viewer.segmentIds.includes(segmentId)) {
          r.fail('segment', 'SEGMENT_FORBIDDEN', `you can only import customers into your own segments`);
          segmentId = null;
        }
      }
      if (r.errors || !ref || !name || !kind || !segmentId) return null;
      return { id: importedCustomerId(segmentId, ref), ref, name, kind, segmentId, ownerId };
    },
    key: (c) => c.id,
    async check(m: EntityManager, rows, fail) {
      const byId = new Map(rows.map((r) => [r.value.id, r]));
      for (const ids of chunks([...byId.keys()])) {
        const existing = await m.find(Customer, { select: { id: true }, where: { id: In(ids) } });
        for (const c of existing) fail(byId.get(c.id)!, 'ref', 'DUPLICATE_IN_DATABASE', `a customer with ref "${byId.get(c.id)!.value.ref}" already exists in this segment`);
      }
      // A named owner must be on the employee roster, employed, in the customer's segment (as createCustomer checks).
      const owned = rows.filter((r) => r.value.ownerId && r.value.ownerId !== opts.viewer?.employeeId);
      const problems = await rosterProblems(
        m,
        owned.map((r) => ({ employeeId: r.value.ownerId!, segmentId: r.value.segmentId })),
      );
      owned.forEach((r, i) => problems[i] && fail(r, 'owner', problems[i].reason, problems[i].message));
    },
    async insert(m: EntityManager, rows) {
      const at = new Date(Math.floor(now().getTime() / 1000) * 1000);
      await insertRows(
        m,
        Customer,
        rows.map(({ value: c }) => ({ id: c.id, name: c.name, kind: c.kind, segmentId: c.segmentId, ownerId: c.ownerId, createdAt: at, updatedAt: at, version: 1 })),
      );
      // Their CustomerCreated events, in the same transaction (marketing learns of them at once).
      await emitEvents(
        m,
        rows.map(({ value: c }) => ({
          type: 'CustomerCreated' as const,
          aggregateId: c.id,
          aggregateVersion: 1,
          segmentId: c.segmentId,
          actor: actorOf(opts.viewer),
          occurredAt: at,
          payload: { customerId: c.id, name: c.name, kind: c.kind, segmentId: c.segmentId, ownerId: c.ownerId ?? null },
        })),
      );
    },
  };
}
