import 'reflect-metadata';
import { demoDepartmentId } from '@group/shared';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { complaintInput, CREATE_COMPLAINT, demoCustomerIn, executive, head, seg, segAdmin, staff, startCustomerService, sysadmin, walk, type CsTestApp } from '../testing/harness';

const RESI = seg('RESI');
const headResi = head('RESI');
const staffResi = staff('RESI');
const staffComm = staff('COMM'); // COMM: same company (JARE) as RESI

/**
 * Complaints read and created over the demo data (segment isolation, pagination, creates). The reads
 * count what is there when they run, so the complaints created here do not disturb them. Handling
 * (transitions, SLA, timeline) is in complaint-handling.test.ts.
 */
describe.each(testDatabaseKinds())('complaints on %s', (kind) => {
  let cs: CsTestApp;

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-complaints', seed: true });
  });
  afterAll(() => cs?.stop());

  describe('segment isolation', () => {
    const COMPLAINTS = `query ($first: Int, $after: String) { complaints(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id customer { segment { id } } } } } }`;

    it('lists only readable complaints', async () => {
      const all = await walk(cs, executive, COMPLAINTS, (d) => d.complaints, 100);
      const resiCount = all.nodes.filter((c) => c.customer.segment.id === RESI).length;
      expect(resiCount).toBeGreaterThan(0);
      const resi = await walk(cs, headResi, COMPLAINTS, (d) => d.complaints, 100);
      expect(resi.nodes).toHaveLength(resiCount);
      expect(resi.totalCount).toBe(resiCount);
      expect(resi.nodes.every((c) => c.customer.segment.id === RESI)).toBe(true);
      expect((await cs.ok(sysadmin, COMPLAINTS, { first: 10 })).complaints.totalCount).toBe(0);
    });

    it('scopes Customer.complaints through the customer', async () => {
      const q = `{ customers(first: 100, filter: { segmentId: "${RESI}" }) { edges { node { id complaints(first: 100) { totalCount edges { node { customer { id } } } } } } } }`;
      const d = await cs.ok(headResi, q);
      let total = 0;
      for (const { node } of d.customers.edges) {
        total += node.complaints.totalCount;
        expect(node.complaints.edges.every((e: any) => e.node.customer.id === node.id)).toBe(true);
      }
      expect(total).toBe((await cs.ok(headResi, '{ complaints { totalCount } }')).complaints.totalCount);
    });
  });

  describe('pagination', () => {
    it('walks complaints newest first by default and by code on request', async () => {
      const q = `query ($first: Int, $after: String, $orderBy: ComplaintOrder) { complaints(first: $first, after: $after, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } edges { node { id code createdAt } } } }`;
      const byDate = await walk(cs, staffResi, q, (d) => d.complaints, 4);
      expect(byDate.nodes).toHaveLength(byDate.totalCount);
      const times = byDate.nodes.map((n) => Date.parse(n.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const byCode = await walk(cs, staffResi, q, (d) => d.complaints, 9, { orderBy: { field: 'CODE', direction: 'ASC' } });
      const codes = byCode.nodes.map((n) => n.code);
      expect(codes).toEqual([...codes].sort());
      expect(new Set(codes).size).toBe(byDate.totalCount);
    });

    it('pages a nested connection with its own cursor', async () => {
      const [row] = await cs.app.dataSource.query('SELECT customer_id FROM complaint WHERE segment_id = ? GROUP BY customer_id HAVING COUNT(*) = 3 ORDER BY customer_id LIMIT 1', [
        RESI,
      ]);
      const q = `query ($id: ID!, $first: Int, $after: String) { customer(id: $id) { complaints(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
      const all = await walk(cs, headResi, q, (d) => d.customer.complaints, 1, { id: row.customer_id });
      expect(all.pages).toBe(3);
      expect(new Set(all.nodes.map((n) => n.id)).size).toBe(3);
    });

    it('filters combine with the scope', async () => {
      const d = await cs.ok(
        executive,
        `{ complaints(first: 100, filter: { status: RECEIVED, segmentId: "${RESI}" }) { totalCount edges { node { status handler { id } customer { segment { id } } } } } }`,
      );
      expect(d.complaints.totalCount).toBeGreaterThan(0);
      for (const { node } of d.complaints.edges) expect(node).toEqual({ status: 'RECEIVED', handler: null, customer: { segment: { id: RESI } } });
      const named = await cs.ok(headResi, `{ customers(filter: { nameContains: "有限公司", kind: ORGANIZATION }) { totalCount edges { node { kind } } } }`);
      expect(named.customers.totalCount).toBeGreaterThan(0);
      expect(named.customers.edges.every((e: any) => e.node.kind === 'ORGANIZATION')).toBe(true);
    });
  });

  describe('mutations', () => {
    it('creates a complaint in the customer segment with status RECEIVED and the next code', async () => {
      const [{ max }] = await cs.app.dataSource.query('SELECT MAX(code) AS max FROM complaint');
      const { createComplaint: p } = await cs.ok(staffResi, CREATE_COMPLAINT, { input: complaintInput(demoCustomerIn('RESI', 1)) });
      expect(p).toMatchObject({ status: 'RECEIVED', severity: 'GENERAL', version: 1, customer: { id: demoCustomerIn('RESI', 1) }, handler: null });
      expect(p.responsibleDepartment).toEqual({ id: demoDepartmentId('JARE', 'CS') });
      expect(p.code).toBe(`CMP-${String(Number(max.slice(4)) + 1).padStart(6, '0')}`);
      const [row] = await cs.app.dataSource.query('SELECT segment_id FROM complaint WHERE id = ?', [p.id]);
      expect(row.segment_id).toBe(RESI);
      const q = `query ($id: ID!) { complaint(id: $id) { code } }`;
      expect((await cs.ok(headResi, q, { id: p.id })).complaint).toEqual({ code: p.code });
      expect((await cs.ok(staffComm, q, { id: p.id })).complaint).toBeNull();
    });

    it('gives concurrent complaints distinct codes', async () => {
      const results = await Promise.all([0, 1, 2, 3].map((k) => cs.ok(staffResi, CREATE_COMPLAINT, { input: complaintInput(demoCustomerIn('RESI', k)) })));
      const codes = results.map((d) => d.createComplaint.code);
      expect(new Set(codes).size).toBe(4);
    });

    it('treats a customer of another segment as not found, and checks the role first', async () => {
      expect(errorOf(await cs.exec(headResi, CREATE_COMPLAINT, { input: complaintInput(demoCustomerIn('COMM')) }))).toEqual({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
      expect(errorOf(await cs.exec(headResi, CREATE_COMPLAINT, { input: complaintInput('missing') }))).toEqual({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
      for (const v of [executive, sysadmin, segAdmin('RESI')]) {
        expect(errorOf(await cs.exec(v, CREATE_COMPLAINT, { input: complaintInput(demoCustomerIn('RESI')) }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
      }
    });
  });
});
