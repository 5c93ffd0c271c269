import 'reflect-metadata';
import { demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { executive, head, seg, staff, startCustomerService, statements, sysadmin, type CsTestApp } from '../testing/harness';

const RESI = seg('RESI');
const COMM = seg('COMM'); // same company (JARE) as RESI: department-level lists mix both
const headResi = head('RESI');

/**
 * The customer and complaint connections this subgraph contributes to organization's Segment,
 * Department and Employee, over the demo data (read only: the counts are the seed's).
 */
describe.each(testDatabaseKinds())('connections contributed to organization entities on %s', (kind) => {
  let cs: CsTestApp;

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-contributed', seed: true });
  });
  afterAll(() => cs?.stop());

  describe('segment isolation', () => {
    it('scopes the connections contributed to Segment, Department and Employee', async () => {
      const q = `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Segment { id customers(first: 100) { totalCount edges { node { segment { id } } } } }
        ... on Department { id complaints(first: 100) { totalCount edges { node { customer { segment { id } } } } } }
        ... on Employee { id customers(first: 100) { totalCount } assignedComplaints(first: 100) { totalCount edges { node { customer { segment { id } } } } } }
      } }`;
      const r = [
        { __typename: 'Segment', id: RESI },
        { __typename: 'Segment', id: COMM },
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
      expect(execSegs).toEqual(new Set([RESI, COMM]));
      expect(asHead[2].complaints.totalCount).toBeLessThan(asExec[2].complaints.totalCount);
      expect(asHead[2].complaints.edges.every((e: any) => e.node.customer.segment.id === RESI)).toBe(true);
      expect(asHead[2].complaints.totalCount).toBe(asHead[2].complaints.edges.length);
      expect(asAdmin[2].complaints.totalCount).toBe(0);

      expect(asHead[3].assignedComplaints.edges.every((e: any) => e.node.customer.segment.id === RESI)).toBe(true);
      expect(asHead[3].assignedComplaints.totalCount).toBeGreaterThan(0);
      expect(asHead[3].assignedComplaints.totalCount).toBeLessThan(asExec[3].assignedComplaints.totalCount);

      expect(asHead[4].customers.totalCount).toBe(30);
      expect((await cs.ok(staff('COMM'), q, { r }))._entities[4].customers.totalCount).toBe(0);
    });
  });

  describe('SQL cost of nested connections', () => {
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
      const few = await statements(cs, headResi, q, { r: reps(['JARE']) });
      const many = await statements(cs, headResi, q, { r: reps(['JARE', 'JACN', 'JAPM', 'LANE', 'HHTR', 'JAHT', 'JATC', 'JAFN']) });
      expect(many).toBe(few);
      expect(few).toBeLessThanOrEqual(5);
    });
  });
});
