import 'reflect-metadata';
import { DEMO_CUSTOMER_COUNT, DEMO_SEGMENTS, demoCustomerId, demoCustomerSegment, demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId, Role, Viewer } from '@group/shared';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from './testing/harness';

const segment = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!;
const RESI = segment('RESI');
const COMM = segment('COMM'); // same company (JARE) as RESI: department-level lists mix both
const customerIn = (code: string, k = 0) => {
  const n = DEMO_SEGMENTS.findIndex((s) => s.code === code) + k * DEMO_SEGMENTS.length;
  expect(demoCustomerSegment(n).code).toBe(code);
  return demoCustomerId(n);
};

const viewer = (role: Role, segmentIds: string[], employeeId: string | null = null): Viewer => ({ accountId: `acc-${role}-${segmentIds.join('-')}`, employeeId, role, segmentIds });
const executive = viewer(Role.GROUP_EXECUTIVE, []);
const sysadmin = viewer(Role.SYSTEM_ADMIN, []);
const headResi = viewer(Role.SEGMENT_HEAD, [RESI.id], demoSegmentPersonId('RESI', 'head'));
const staffResi = viewer(Role.BUSINESS_STAFF, [RESI.id], demoSegmentPersonId('RESI', 'staff'));
const staffComm = viewer(Role.BUSINESS_STAFF, [COMM.id], demoSegmentPersonId('COMM', 'staff'));
const adminResi = viewer(Role.SEGMENT_ADMIN, [RESI.id], demoSegmentPersonId('RESI', 'admin'));

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Customer { id name segment { id } }
  ... on Complaint { id code customer { id segment { id } } }
} }`;

/**
 * Customers and complaints read and written over the demo data (authentication, segment isolation, pagination,
 * SQL cost of nested connections, creates). Each part spans both aggregates, so they stay in one file on one
 * seeded database: split per aggregate, every file would seed the demo again. The seed itself is tested in
 * database/seed.test.ts, service branches in branches/service-branches.test.ts.
 */
describe.each(testDatabaseKinds())('customer-service subgraph on %s', (kind) => {
  let cs: CsTestApp;

  /** Walks a connection to the end, `first` at a time. */
  async function walk(v: Viewer, query: string, path: (d: any) => any, first: number, vars: Record<string, unknown> = {}) {
    const nodes: any[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const conn = path(await cs.ok(v, query, { ...vars, first, after }));
      nodes.push(...conn.edges.map((e: any) => e.node));
      pages++;
      if (!conn.pageInfo.hasNextPage) {
        return { nodes, pages, totalCount: conn.totalCount, last: conn };
      }
      expect(conn.edges).toHaveLength(first);
      after = conn.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-api', seed: true });
  });
  afterAll(() => cs?.stop());

  describe('authentication', () => {
    it('rejects every operation without a viewer, _entities included', async () => {
      for (const q of ['{ customers { totalCount } }', '{ complaints { totalCount } }']) {
        expect(errorOf(await cs.exec(null, q)).code).toBe('UNAUTHENTICATED');
      }
      const r = await cs.exec(null, ENTITIES, { r: [{ __typename: 'Customer', id: customerIn('RESI') }] });
      expect(errorOf(r).code).toBe('UNAUTHENTICATED');
      expect(r.data?._entities).toBeUndefined();
    });
  });

  describe('segment isolation', () => {
    const CUSTOMERS = `query ($first: Int, $after: String) { customers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id segment { id } } } } }`;
    const COMPLAINTS = `query ($first: Int, $after: String) { complaints(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id customer { segment { id } } } } } }`;

    it('lists only readable customers: own segment, all for executives, none for system admins', async () => {
      const resi = await walk(headResi, CUSTOMERS, (d) => d.customers, 100);
      expect(resi.totalCount).toBe(DEMO_CUSTOMER_COUNT / DEMO_SEGMENTS.length);
      expect(resi.nodes.every((c) => c.segment.id === RESI.id)).toBe(true);
      expect((await cs.ok(executive, CUSTOMERS, { first: 1 })).customers.totalCount).toBe(DEMO_CUSTOMER_COUNT);
      const none = (await cs.ok(sysadmin, CUSTOMERS, { first: 10 })).customers;
      expect(none).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
      // A filter on another segment cannot widen the scope.
      const other = await cs.ok(headResi, `{ customers(filter: { segmentId: "${COMM.id}" }) { totalCount edges { node { id } } } }`);
      expect(other.customers).toEqual({ totalCount: 0, edges: [] });
    });

    it('lists only readable complaints', async () => {
      const all = await walk(executive, COMPLAINTS, (d) => d.complaints, 100);
      const resiCount = all.nodes.filter((c) => c.customer.segment.id === RESI.id).length;
      expect(resiCount).toBeGreaterThan(0);
      const resi = await walk(headResi, COMPLAINTS, (d) => d.complaints, 100);
      expect(resi.nodes).toHaveLength(resiCount);
      expect(resi.totalCount).toBe(resiCount);
      expect(resi.nodes.every((c) => c.customer.segment.id === RESI.id)).toBe(true);
      expect((await cs.ok(sysadmin, COMPLAINTS, { first: 10 })).complaints.totalCount).toBe(0);
    });

    it('looks up by id only inside readable segments (another segment = not found)', async () => {
      const q = `query ($id: ID!) { customer(id: $id) { id } }`;
      expect((await cs.ok(headResi, q, { id: customerIn('RESI') })).customer).toEqual({ id: customerIn('RESI') });
      expect((await cs.ok(headResi, q, { id: customerIn('COMM') })).customer).toBeNull();
      expect((await cs.ok(sysadmin, q, { id: customerIn('RESI') })).customer).toBeNull();
      expect((await cs.ok(executive, q, { id: customerIn('COMM') })).customer).toEqual({ id: customerIn('COMM') });

      const [comm] = await cs.app.dataSource.query('SELECT id FROM complaint WHERE segment_id = ? ORDER BY code LIMIT 1', [COMM.id]);
      const cq = `query ($id: ID!) { complaint(id: $id) { id } }`;
      expect((await cs.ok(headResi, cq, { id: comm.id })).complaint).toBeNull();
      expect((await cs.ok(staffComm, cq, { id: comm.id })).complaint).toEqual({ id: comm.id });
    });

    it('resolves _entities only for readable customers and complaints', async () => {
      const [resiComplaint] = await cs.app.dataSource.query('SELECT id FROM complaint WHERE segment_id = ? ORDER BY code LIMIT 1', [RESI.id]);
      const [commComplaint] = await cs.app.dataSource.query('SELECT id FROM complaint WHERE segment_id = ? ORDER BY code LIMIT 1', [COMM.id]);
      const r = [
        { __typename: 'Customer', id: customerIn('RESI') },
        { __typename: 'Customer', id: customerIn('COMM') },
        { __typename: 'Customer', id: 'no-such-customer' },
        { __typename: 'Complaint', id: resiComplaint.id },
        { __typename: 'Complaint', id: commComplaint.id },
      ];
      const asHead = (await cs.ok(headResi, ENTITIES, { r }))._entities;
      expect(asHead.map((e: any) => e?.id ?? null)).toEqual([customerIn('RESI'), null, null, resiComplaint.id, null]);
      expect(asHead[3].customer.segment.id).toBe(RESI.id);
      expect((await cs.ok(sysadmin, ENTITIES, { r }))._entities).toEqual([null, null, null, null, null]);
      expect((await cs.ok(executive, ENTITIES, { r }))._entities.map((e: any) => e?.id ?? null)).toEqual([
        customerIn('RESI'),
        customerIn('COMM'),
        null,
        resiComplaint.id,
        commComplaint.id,
      ]);
    });

    it('scopes the connections contributed to Segment, Department and Employee', async () => {
      const q = `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Segment { id customers(first: 100) { totalCount edges { node { segment { id } } } } }
        ... on Department { id complaints(first: 100) { totalCount edges { node { customer { segment { id } } } } } }
        ... on Employee { id customers(first: 100) { totalCount } assignedComplaints(first: 100) { totalCount edges { node { customer { segment { id } } } } } }
      } }`;
      const r = [
        { __typename: 'Segment', id: RESI.id },
        { __typename: 'Segment', id: COMM.id },
        { __typename: 'Department', id: demoDepartmentId('JARE', 'CS') },
        { __typename: 'Employee', id: demoStaffEmployeeId('JARE', 'CS', 1) },
        { __typename: 'Employee', id: demoSegmentPersonId('RESI', 'staff') },
      ];
      const asExec = (await cs.ok(executive, q, { r }))._entities;
      const asHead = (await cs.ok(headResi, q, { r }))._entities;
      const asAdmin = (await cs.ok(sysadmin, q, { r }))._entities;

      expect(asExec[0].customers.totalCount).toBe(30);
      expect(asExec[1].customers.totalCount).toBe(30);
      expect(asHead[0].customers.totalCount).toBe(30);
      expect(asHead[1].customers).toEqual({ totalCount: 0, edges: [] });
      expect(asAdmin[0].customers.totalCount).toBe(0);

      // JARE's customer-service department handles RESI and COMM complaints; the head of RESI sees only RESI's.
      const execSegs = new Set(asExec[2].complaints.edges.map((e: any) => e.node.customer.segment.id));
      expect(execSegs).toEqual(new Set([RESI.id, COMM.id]));
      expect(asHead[2].complaints.totalCount).toBeLessThan(asExec[2].complaints.totalCount);
      expect(asHead[2].complaints.edges.every((e: any) => e.node.customer.segment.id === RESI.id)).toBe(true);
      expect(asHead[2].complaints.totalCount).toBe(asHead[2].complaints.edges.length);
      expect(asAdmin[2].complaints.totalCount).toBe(0);

      expect(asHead[3].assignedComplaints.edges.every((e: any) => e.node.customer.segment.id === RESI.id)).toBe(true);
      expect(asHead[3].assignedComplaints.totalCount).toBeGreaterThan(0);
      expect(asHead[3].assignedComplaints.totalCount).toBeLessThan(asExec[3].assignedComplaints.totalCount);

      expect(asHead[4].customers.totalCount).toBe(30);
      expect((await cs.ok(staffComm, q, { r }))._entities[4].customers.totalCount).toBe(0);
    });

    it('scopes Customer.complaints through the customer', async () => {
      const q = `{ customers(first: 100, filter: { segmentId: "${RESI.id}" }) { edges { node { id complaints(first: 100) { totalCount edges { node { customer { id } } } } } } } }`;
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
    it('walks all customers by name without duplicates or gaps', async () => {
      const q = `query ($first: Int, $after: String) { customers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`;
      const all = await walk(executive, q, (d) => d.customers, 7);
      expect(all.nodes).toHaveLength(DEMO_CUSTOMER_COUNT);
      expect(new Set(all.nodes.map((n) => n.id)).size).toBe(DEMO_CUSTOMER_COUNT);
      expect(all.pages).toBe(Math.ceil(DEMO_CUSTOMER_COUNT / 7));
      expect(all.last.pageInfo.hasNextPage).toBe(false);
      // The database's own ordering of names is the reference (collations differ between engines).
      const expected: { id: string }[] = await cs.app.dataSource.query('SELECT id FROM customer ORDER BY name ASC, id ASC');
      expect(all.nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
    });

    it('walks complaints newest first by default and by code on request', async () => {
      const q = `query ($first: Int, $after: String, $orderBy: ComplaintOrder) { complaints(first: $first, after: $after, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } edges { node { id code createdAt } } } }`;
      const byDate = await walk(staffResi, q, (d) => d.complaints, 4);
      expect(byDate.nodes).toHaveLength(byDate.totalCount);
      const times = byDate.nodes.map((n) => Date.parse(n.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const byCode = await walk(staffResi, q, (d) => d.complaints, 9, { orderBy: { field: 'CODE', direction: 'ASC' } });
      const codes = byCode.nodes.map((n) => n.code);
      expect(codes).toEqual([...codes].sort());
      expect(new Set(codes).size).toBe(byDate.totalCount);
    });

    it('pages a nested connection with its own cursor', async () => {
      const [row] = await cs.app.dataSource.query('SELECT customer_id FROM complaint WHERE segment_id = ? GROUP BY customer_id HAVING COUNT(*) = 3 ORDER BY customer_id LIMIT 1', [
        RESI.id,
      ]);
      const q = `query ($id: ID!, $first: Int, $after: String) { customer(id: $id) { complaints(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
      const all = await walk(headResi, q, (d) => d.customer.complaints, 1, { id: row.customer_id });
      expect(all.pages).toBe(3);
      expect(new Set(all.nodes.map((n) => n.id)).size).toBe(3);
    });

    it('filters combine with the scope', async () => {
      const d = await cs.ok(
        executive,
        `{ complaints(first: 100, filter: { status: RECEIVED, segmentId: "${RESI.id}" }) { totalCount edges { node { status handler { id } customer { segment { id } } } } } }`,
      );
      expect(d.complaints.totalCount).toBeGreaterThan(0);
      for (const { node } of d.complaints.edges) expect(node).toEqual({ status: 'RECEIVED', handler: null, customer: { segment: { id: RESI.id } } });
      const named = await cs.ok(headResi, `{ customers(filter: { nameContains: "有限公司", kind: ORGANIZATION }) { totalCount edges { node { kind } } } }`);
      expect(named.customers.totalCount).toBeGreaterThan(0);
      expect(named.customers.edges.every((e: any) => e.node.kind === 'ORGANIZATION')).toBe(true);
    });

    it('rejects bad page arguments', async () => {
      expect(errorOf(await cs.exec(executive, '{ customers(after: "garbage") { totalCount } }'))).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
      expect(errorOf(await cs.exec(executive, '{ customers(first: 101) { totalCount } }')).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await cs.exec(executive, '{ customers(first: 0) { totalCount } }')).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await cs.exec(executive, `{ customers(filter: { nameContains: "${'x'.repeat(101)}" }) { totalCount } }`)).code).toBe('BAD_USER_INPUT');
    });
  });

  describe('SQL cost of nested connections', () => {
    async function statements(v: Viewer, query: string, variables: Record<string, unknown>) {
      const before = cs.app.counter.count;
      await cs.ok(v, query, variables);
      return cs.app.counter.count - before;
    }

    it('is independent of the number of parents (customers -> complaints -> customer)', async () => {
      const q = `query ($n: Int) { customers(first: $n) { totalCount edges { node { id owner { id } segment { id }
        complaints(first: 2) { totalCount edges { node { code customer { name } responsibleDepartment { id } handler { id } } } } } } } }`;
      const few = await statements(executive, q, { n: 3 });
      const many = await statements(executive, q, { n: 60 });
      expect(many).toBe(few);
      expect(few).toBeLessThanOrEqual(5); // page + count + nested page + nested count + customers by id
    });

    it('is independent of the number of _entities parents (Department.complaints, Employee.*)', async () => {
      const q = `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Department { complaints(first: 3) { totalCount edges { node { customer { id } } } } }
        ... on Employee { customers(first: 3) { edges { node { id } } } assignedComplaints(first: 3) { edges { node { id } } } }
      } }`;
      const reps = (companies: string[]) =>
        companies.flatMap((c) => [
          { __typename: 'Department', id: demoDepartmentId(c, 'CS') },
          { __typename: 'Department', id: demoDepartmentId(c, 'SALES') },
          { __typename: 'Employee', id: demoStaffEmployeeId(c, 'CS', 2) },
        ]);
      const few = await statements(headResi, q, { r: reps(['JARE']) });
      const many = await statements(headResi, q, { r: reps(['JARE', 'JACN', 'JAPM', 'LANE', 'HHTR', 'JAHT', 'JATC', 'JAFN']) });
      expect(many).toBe(few);
      expect(few).toBeLessThanOrEqual(5);
    });
  });

  describe('mutations', () => {
    const CREATE_CUSTOMER = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id name kind version segment { id } owner { id } } }`;
    const CREATE_COMPLAINT = `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { id code status severity version customer { id } handler { id } responsibleDepartment { id } } }`;
    const complaintInput = (customerId: string) => ({
      customerId,
      title: '楼道灯长期不亮',
      description: '业主反映楼道灯损坏一个月无人维修。',
      channel: 'HOTLINE',
      severity: 'GENERAL',
      phase: 'AFTER_SALE',
      responsibleDepartmentId: demoDepartmentId('JARE', 'CS'),
    });

    it('lets a segment head create a customer in an own segment, visible only there', async () => {
      const input = { name: '  测试客户甲  ', kind: 'INDIVIDUAL', segmentId: RESI.id, ownerId: headResi.employeeId };
      const { createCustomer: c } = await cs.ok(headResi, CREATE_CUSTOMER, { input });
      expect(c).toMatchObject({ name: '测试客户甲', kind: 'INDIVIDUAL', version: 1, segment: { id: RESI.id }, owner: { id: headResi.employeeId } });
      const q = `query ($id: ID!) { customer(id: $id) { id name } }`;
      expect((await cs.ok(staffResi, q, { id: c.id })).customer).toEqual({ id: c.id, name: '测试客户甲' });
      expect((await cs.ok(staffComm, q, { id: c.id })).customer).toBeNull();
    });

    it('refuses other segments and non-writing roles with stable reasons', async () => {
      const input = (segmentId: string) => ({ input: { name: '越权客户', kind: 'ORGANIZATION', segmentId } });
      expect(errorOf(await cs.exec(headResi, CREATE_CUSTOMER, input(COMM.id)))).toEqual({ code: 'FORBIDDEN', reason: 'SEGMENT_FORBIDDEN' });
      for (const v of [executive, sysadmin, adminResi]) {
        expect(errorOf(await cs.exec(v, CREATE_CUSTOMER, input(RESI.id)))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
      }
      expect(errorOf(await cs.exec(null, CREATE_CUSTOMER, input(RESI.id))).code).toBe('UNAUTHENTICATED');
      const [{ n }] = await cs.app.dataSource.query("SELECT COUNT(*) AS n FROM customer WHERE name = '越权客户'");
      expect(Number(n)).toBe(0);
    });

    it('validates input lengths', async () => {
      for (const name of ['', 'x'.repeat(201)]) {
        expect(errorOf(await cs.exec(headResi, CREATE_CUSTOMER, { input: { name, kind: 'INDIVIDUAL', segmentId: RESI.id } })).code).toBe('BAD_USER_INPUT');
      }
      expect(errorOf(await cs.exec(headResi, CREATE_CUSTOMER, { input: { name: '   ', kind: 'INDIVIDUAL', segmentId: RESI.id } }))).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'CUSTOMER_NAME_BLANK',
      });
      const long = { ...complaintInput(customerIn('RESI')), description: 'x'.repeat(4001) };
      expect(errorOf(await cs.exec(staffResi, CREATE_COMPLAINT, { input: long })).code).toBe('BAD_USER_INPUT');
    });

    it('creates a complaint in the customer segment with status RECEIVED and the next code', async () => {
      const [{ max }] = await cs.app.dataSource.query('SELECT MAX(code) AS max FROM complaint');
      const { createComplaint: p } = await cs.ok(staffResi, CREATE_COMPLAINT, { input: complaintInput(customerIn('RESI', 1)) });
      expect(p).toMatchObject({ status: 'RECEIVED', severity: 'GENERAL', version: 1, customer: { id: customerIn('RESI', 1) }, handler: null });
      expect(p.responsibleDepartment).toEqual({ id: demoDepartmentId('JARE', 'CS') });
      expect(p.code).toBe(`CMP-${String(Number(max.slice(4)) + 1).padStart(6, '0')}`);
      const [row] = await cs.app.dataSource.query('SELECT segment_id FROM complaint WHERE id = ?', [p.id]);
      expect(row.segment_id).toBe(RESI.id);
      const q = `query ($id: ID!) { complaint(id: $id) { code } }`;
      expect((await cs.ok(headResi, q, { id: p.id })).complaint).toEqual({ code: p.code });
      expect((await cs.ok(staffComm, q, { id: p.id })).complaint).toBeNull();
    });

    it('gives concurrent complaints distinct codes', async () => {
      const results = await Promise.all([0, 1, 2, 3].map((k) => cs.ok(staffResi, CREATE_COMPLAINT, { input: complaintInput(customerIn('RESI', k)) })));
      const codes = results.map((d) => d.createComplaint.code);
      expect(new Set(codes).size).toBe(4);
    });

    it('treats a customer of another segment as not found, and checks the role first', async () => {
      expect(errorOf(await cs.exec(headResi, CREATE_COMPLAINT, { input: complaintInput(customerIn('COMM')) }))).toEqual({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
      expect(errorOf(await cs.exec(headResi, CREATE_COMPLAINT, { input: complaintInput('missing') }))).toEqual({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
      for (const v of [executive, sysadmin, adminResi]) {
        expect(errorOf(await cs.exec(v, CREATE_COMPLAINT, { input: complaintInput(customerIn('RESI')) }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
      }
    });
  });
});
