import 'reflect-metadata';
import { DEMO_COMPANIES, DEMO_SEGMENTS, demoCustomerId, demoCustomerSegment, demoSegmentPersonId, demoStaffEmployeeId, Role, Viewer } from '@group/shared';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from '../testing/harness';
import { demoBranchId } from '../database/seed';

const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const customerIn = (code: string, k = 0) => {
  const n = DEMO_SEGMENTS.findIndex((s) => s.code === code) + k * DEMO_SEGMENTS.length;
  expect(demoCustomerSegment(n).code).toBe(code);
  return demoCustomerId(n);
};
const viewer = (role: Role, segmentIds: string[], employeeId: string | null = null): Viewer => ({ accountId: `acc-${role}-${segmentIds.join('-')}`, employeeId, role, segmentIds });
const executive = viewer(Role.GROUP_EXECUTIVE, []);
const headResi = viewer(Role.SEGMENT_HEAD, [RESI.id], demoSegmentPersonId('RESI', 'head'));
const staffResi = viewer(Role.BUSINESS_STAFF, [RESI.id], demoSegmentPersonId('RESI', 'staff'));

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Customer { id name segment { id } }
  ... on Complaint { id code customer { id segment { id } } }
} }`;

/** Service branches (客户服务分部) over the demo data: Company.serviceBranches, branch handlers, the Customer Service Center. */
describe.each(testDatabaseKinds())('customer-service service branches on %s', (kind) => {
  let cs: CsTestApp;
  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-branches', seed: true });
  });
  afterAll(() => cs?.stop());

  describe('service branches (客户服务分部) and branch scoping', () => {
    const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!;
    const branchStaff = viewer(Role.BUSINESS_STAFF, [], demoStaffEmployeeId('JARE', 'CS', 1));
    const centerStaff = viewer(Role.BUSINESS_STAFF, [], demoStaffEmployeeId('JA', 'CSC', 1));
    const notStaff = viewer(Role.BUSINESS_STAFF, [], demoStaffEmployeeId('JARE', 'CS', 3));
    const COUNT = `{ complaints(first: 100) { totalCount edges { node { id version branch { id code company { id } } customer { id } } } } }`;
    const n = async (sql: string, params: unknown[] = []) => Number((await cs.app.dataSource.query(sql, params))[0].n);

    it('contributes Company.serviceBranches, batched over companies', async () => {
      const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id serviceBranches(first: 10) { totalCount edges { node { id code name company { id } } } } } } }`;
      const r = DEMO_COMPANIES.map((c) => ({ __typename: 'Company', id: c.id }));
      const before = cs.app.counter.count;
      const d = await cs.ok(staffResi, q, { r });
      expect(cs.app.counter.count - before).toBe(2); // the page and its grouped COUNT
      const jare = d._entities.find((e: any) => e.id === JARE.id);
      expect(jare.serviceBranches.edges.map((e: any) => e.node.id)).toEqual([demoBranchId('JARE', 1), demoBranchId('JARE', 2)]);
      expect(d._entities.find((e: any) => e.id === DEMO_COMPANIES[0].id).serviceBranches.totalCount).toBe(0); // the group itself
      const ent = await cs.ok(staffResi, ENTITIES.replace('... on Customer', '... on ServiceBranch { id code } ... on Customer'), {
        r: [{ __typename: 'ServiceBranch', id: demoBranchId('JARE', 2) }],
      });
      expect(ent._entities[0]).toEqual({ id: demoBranchId('JARE', 2), code: 'JARE-2' });
    });

    it('lets a branch handler see and handle its branch complaints (with their customers) outside its segments', async () => {
      const expected = await n('SELECT COUNT(*) AS n FROM complaint WHERE branch_id = ?', [demoBranchId('JARE', 1)]);
      expect(expected).toBeGreaterThan(5);
      const d = await cs.ok(branchStaff, COUNT);
      expect(d.complaints.totalCount).toBe(expected);
      for (const e of d.complaints.edges) expect(e.node.branch).toMatchObject({ id: demoBranchId('JARE', 1), company: { id: JARE.id } });
      const c = d.complaints.edges[0].node;
      expect(c.customer.id).toBeTruthy();
      // Not a segment reader: the customer list stays empty.
      expect((await cs.ok(branchStaff, '{ customers { totalCount } }')).customers.totalCount).toBe(0);
      const other = (await cs.ok(headResi, `{ complaints(first: 100, filter: { branchId: "${demoBranchId('JARE', 2)}" }) { edges { node { id version } } } }`)).complaints.edges[0]
        .node;
      expect((await cs.ok(branchStaff, `query ($id: ID!) { complaint(id: $id) { id } }`, { id: other.id })).complaint).toBeNull();
      // ... and handles them: the branch grants the right to act, not only to read.
      const T = `mutation ($input: TransitionComplaintInput!) { transitionComplaint(input: $input) { status version } }`;
      const received = (await cs.ok(branchStaff, `{ complaints(first: 1, filter: { status: RECEIVED }) { edges { node { id version } } } }`)).complaints.edges[0].node;
      const done = await cs.ok(branchStaff, T, { input: { id: received.id, expectedVersion: received.version, action: 'ACCEPT' } });
      expect(done.transitionComplaint).toEqual({ status: 'ACCEPTED', version: received.version + 1 });
    });

    it('lists each branch its complaints, in one statement for all branches', async () => {
      const q = `query ($n: Int!) { serviceBranches(first: $n) { totalCount edges { node { code complaints(first: 2) { totalCount edges { node { branch { code } } } } } } } }`;
      const cost = async (v: Viewer, n: number) => {
        const before = cs.app.counter.count;
        const d = await cs.ok(v, q, { n });
        return { statements: cs.app.counter.count - before, d };
      };
      const all = await cost(executive, 20);
      expect(all.d.serviceBranches.totalCount).toBe(16);
      const sum = all.d.serviceBranches.edges.reduce((n: number, e: any) => n + e.node.complaints.totalCount, 0);
      expect(sum).toBe(await n('SELECT COUNT(*) AS n FROM complaint WHERE branch_id IS NOT NULL'));
      for (const e of all.d.serviceBranches.edges) for (const c of e.node.complaints.edges) expect(c.node.branch.code).toBe(e.node.code);
      expect((await cost(executive, 2)).statements).toBe(all.statements);
      // Branch staff see their own branch's complaints under every branch, nothing under the others.
      const mine = (await cost(branchStaff, 20)).d.serviceBranches.edges.filter((e: any) => e.node.complaints.totalCount > 0).map((e: any) => e.node.code);
      expect(mine).toEqual(['JARE-1']);
    });

    it('CS-R01 lets the group Customer Service Center see every complaint of the group, and nobody else outside segments', async () => {
      expect((await cs.ok(centerStaff, COUNT)).complaints.totalCount).toBe(await n('SELECT COUNT(*) AS n FROM complaint'));
      expect((await cs.ok(notStaff, COUNT)).complaints.totalCount).toBe(0);
    });

    it('attributes a new complaint to a branch and its company; an unknown branch is not found', async () => {
      const q = `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { id branch { code } } }`;
      const input = { customerId: customerIn('RESI', 2), title: '漏水', description: '卫生间漏水', channel: 'APP', severity: 'SERIOUS', phase: 'AFTER_SALE' };
      const d = await cs.ok(staffResi, q, { input: { ...input, branchId: demoBranchId('JARE', 2) } });
      expect(d.createComplaint.branch.code).toBe('JARE-2');
      const [row] = await cs.app.dataSource.query('SELECT company_id FROM complaint WHERE id = ?', [d.createComplaint.id]);
      expect(row.company_id).toBe(JARE.id);
      expect(errorOf(await cs.exec(staffResi, q, { input: { ...input, branchId: 'nope' } }))).toEqual({ code: 'NOT_FOUND', reason: 'SERVICEBRANCH_NOT_FOUND' });
    });
  });
});
