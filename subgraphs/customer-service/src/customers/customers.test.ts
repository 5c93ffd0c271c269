import 'reflect-metadata';
import { DEMO_CUSTOMER_COUNT, DEMO_SEGMENTS } from '@group/shared';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import {
  complaintInput,
  CREATE_COMPLAINT,
  demoCustomerIn,
  executive,
  head,
  seg,
  segAdmin,
  staff,
  startCustomerService,
  statements,
  sysadmin,
  walk,
  type CsTestApp,
} from '../testing/harness';

const RESI = seg('RESI');
const COMM = seg('COMM'); // same company (JARE) as RESI
const headResi = head('RESI');
const staffResi = staff('RESI');
const staffComm = staff('COMM');

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Customer { id name segment { id } }
  ... on Complaint { id code customer { id segment { id } } }
} }`;

/**
 * Customers read over the demo data (authentication, segment isolation, pagination, SQL cost of their
 * nested complaints). Nothing here writes: the counts are the seed's. Complaints' own reads are in
 * complaints/complaints.test.ts, the connections contributed to organization's entities in
 * federated/contributed-connections.test.ts.
 */
describe.each(testDatabaseKinds())('customers on %s', (kind) => {
  let cs: CsTestApp;

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-customer-reads', seed: true });
  });
  afterAll(() => cs?.stop());

  describe('authentication', () => {
    it('rejects every operation without a viewer, _entities included', async () => {
      for (const q of ['{ customers { totalCount } }', '{ complaints { totalCount } }']) {
        expect(errorOf(await cs.exec(null, q)).code).toBe('UNAUTHENTICATED');
      }
      const r = await cs.exec(null, ENTITIES, { r: [{ __typename: 'Customer', id: demoCustomerIn('RESI') }] });
      expect(errorOf(r).code).toBe('UNAUTHENTICATED');
      expect(r.data?._entities).toBeUndefined();
    });
  });

  describe('segment isolation', () => {
    const CUSTOMERS = `query ($first: Int, $after: String) { customers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id segment { id } } } } }`;

    it('lists only readable customers: own segment, all for executives, none for system admins', async () => {
      const resi = await walk(cs, headResi, CUSTOMERS, (d) => d.customers, 100);
      expect(resi.totalCount).toBe(DEMO_CUSTOMER_COUNT / DEMO_SEGMENTS.length);
      expect(resi.nodes.every((c) => c.segment.id === RESI)).toBe(true);
      expect((await cs.ok(executive, CUSTOMERS, { first: 1 })).customers.totalCount).toBe(DEMO_CUSTOMER_COUNT);
      const none = (await cs.ok(sysadmin, CUSTOMERS, { first: 10 })).customers;
      expect(none).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
      // A filter on another segment cannot widen the scope.
      const other = await cs.ok(headResi, `{ customers(filter: { segmentId: "${COMM}" }) { totalCount edges { node { id } } } }`);
      expect(other.customers).toEqual({ totalCount: 0, edges: [] });
    });

    it('looks up by id only inside readable segments (another segment = not found)', async () => {
      const q = `query ($id: ID!) { customer(id: $id) { id } }`;
      expect((await cs.ok(headResi, q, { id: demoCustomerIn('RESI') })).customer).toEqual({ id: demoCustomerIn('RESI') });
      expect((await cs.ok(headResi, q, { id: demoCustomerIn('COMM') })).customer).toBeNull();
      expect((await cs.ok(sysadmin, q, { id: demoCustomerIn('RESI') })).customer).toBeNull();
      expect((await cs.ok(executive, q, { id: demoCustomerIn('COMM') })).customer).toEqual({ id: demoCustomerIn('COMM') });

      const [comm] = await cs.app.dataSource.query('SELECT id FROM complaint WHERE segment_id = ? ORDER BY code LIMIT 1', [COMM]);
      const cq = `query ($id: ID!) { complaint(id: $id) { id } }`;
      expect((await cs.ok(headResi, cq, { id: comm.id })).complaint).toBeNull();
      expect((await cs.ok(staffComm, cq, { id: comm.id })).complaint).toEqual({ id: comm.id });
    });

    it('resolves _entities only for readable customers and complaints', async () => {
      const [resiComplaint] = await cs.app.dataSource.query('SELECT id FROM complaint WHERE segment_id = ? ORDER BY code LIMIT 1', [RESI]);
      const [commComplaint] = await cs.app.dataSource.query('SELECT id FROM complaint WHERE segment_id = ? ORDER BY code LIMIT 1', [COMM]);
      const r = [
        { __typename: 'Customer', id: demoCustomerIn('RESI') },
        { __typename: 'Customer', id: demoCustomerIn('COMM') },
        { __typename: 'Customer', id: 'no-such-customer' },
        { __typename: 'Complaint', id: resiComplaint.id },
        { __typename: 'Complaint', id: commComplaint.id },
      ];
      const asHead = (await cs.ok(headResi, ENTITIES, { r }))._entities;
      expect(asHead.map((e: any) => e?.id ?? null)).toEqual([demoCustomerIn('RESI'), null, null, resiComplaint.id, null]);
      expect(asHead[3].customer.segment.id).toBe(RESI);
      expect((await cs.ok(sysadmin, ENTITIES, { r }))._entities).toEqual([null, null, null, null, null]);
      expect((await cs.ok(executive, ENTITIES, { r }))._entities.map((e: any) => e?.id ?? null)).toEqual([
        demoCustomerIn('RESI'),
        demoCustomerIn('COMM'),
        null,
        resiComplaint.id,
        commComplaint.id,
      ]);
    });
  });

  describe('pagination', () => {
    it('walks all customers by name without duplicates or gaps', async () => {
      const q = `query ($first: Int, $after: String) { customers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`;
      const all = await walk(cs, executive, q, (d) => d.customers, 7);
      expect(all.nodes).toHaveLength(DEMO_CUSTOMER_COUNT);
      expect(new Set(all.nodes.map((n) => n.id)).size).toBe(DEMO_CUSTOMER_COUNT);
      expect(all.pages).toBe(Math.ceil(DEMO_CUSTOMER_COUNT / 7));
      expect(all.last.pageInfo.hasNextPage).toBe(false);
      // The database's own ordering of names is the reference (collations differ between engines).
      const expected: { id: string }[] = await cs.app.dataSource.query('SELECT id FROM customer ORDER BY name ASC, id ASC');
      expect(all.nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
    });

    it('rejects bad page arguments', async () => {
      expect(errorOf(await cs.exec(executive, '{ customers(after: "garbage") { totalCount } }'))).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
      expect(errorOf(await cs.exec(executive, '{ customers(first: 101) { totalCount } }')).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await cs.exec(executive, '{ customers(first: 0) { totalCount } }')).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await cs.exec(executive, `{ customers(filter: { nameContains: "${'x'.repeat(101)}" }) { totalCount } }`)).code).toBe('BAD_USER_INPUT');
    });
  });

  describe('SQL cost of nested connections', () => {
    it('is independent of the number of parents (customers -> complaints -> customer)', async () => {
      const q = `query ($n: Int) { customers(first: $n) { totalCount edges { node { id owner { id } segment { id }
        complaints(first: 2) { totalCount edges { node { code customer { name } responsibleDepartment { id } handler { id } } } } } } } }`;
      const few = await statements(cs, executive, q, { n: 3 });
      const many = await statements(cs, executive, q, { n: 60 });
      expect(many).toBe(few);
      expect(few).toBeLessThanOrEqual(5); // page + count + nested page + nested count + customers by id
    });
  });
});

/**
 * Creating customers, on a seeded database of its own: a created customer would change the seed's
 * counts that the reads above check.
 */
describe.each(testDatabaseKinds())('customer creation on %s', (kind) => {
  let cs: CsTestApp;

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-customer-creates', seed: true });
  });
  afterAll(() => cs?.stop());

  describe('mutations', () => {
    const CREATE_CUSTOMER = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id name kind version segment { id } owner { id } } }`;

    it('lets a segment head create a customer in an own segment, visible only there', async () => {
      const input = { name: '  测试客户甲  ', kind: 'INDIVIDUAL', segmentId: RESI, ownerId: headResi.employeeId };
      const { createCustomer: c } = await cs.ok(headResi, CREATE_CUSTOMER, { input });
      expect(c).toMatchObject({ name: '测试客户甲', kind: 'INDIVIDUAL', version: 1, segment: { id: RESI }, owner: { id: headResi.employeeId } });
      const q = `query ($id: ID!) { customer(id: $id) { id name } }`;
      expect((await cs.ok(staffResi, q, { id: c.id })).customer).toEqual({ id: c.id, name: '测试客户甲' });
      expect((await cs.ok(staffComm, q, { id: c.id })).customer).toBeNull();
    });

    it('refuses other segments and non-writing roles with stable reasons', async () => {
      const input = (segmentId: string) => ({ input: { name: '越权客户', kind: 'ORGANIZATION', segmentId } });
      expect(errorOf(await cs.exec(headResi, CREATE_CUSTOMER, input(COMM)))).toEqual({ code: 'FORBIDDEN', reason: 'SEGMENT_FORBIDDEN' });
      for (const v of [executive, sysadmin, segAdmin('RESI')]) {
        expect(errorOf(await cs.exec(v, CREATE_CUSTOMER, input(RESI)))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
      }
      expect(errorOf(await cs.exec(null, CREATE_CUSTOMER, input(RESI))).code).toBe('UNAUTHENTICATED');
      const [{ n }] = await cs.app.dataSource.query("SELECT COUNT(*) AS n FROM customer WHERE name = '越权客户'");
      expect(Number(n)).toBe(0);
    });

    it('validates input lengths', async () => {
      for (const name of ['', 'x'.repeat(201)]) {
        expect(errorOf(await cs.exec(headResi, CREATE_CUSTOMER, { input: { name, kind: 'INDIVIDUAL', segmentId: RESI } })).code).toBe('BAD_USER_INPUT');
      }
      expect(errorOf(await cs.exec(headResi, CREATE_CUSTOMER, { input: { name: '   ', kind: 'INDIVIDUAL', segmentId: RESI } }))).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'CUSTOMER_NAME_BLANK',
      });
      const long = { ...complaintInput(demoCustomerIn('RESI')), description: 'x'.repeat(4001) };
      expect(errorOf(await cs.exec(staffResi, CREATE_COMPLAINT, { input: long })).code).toBe('BAD_USER_INPUT');
    });
  });
});
