import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * Field-level protection of sensitive data (issue 7), through the gateway:
 * a viewer who may read a record but not its sensitive fields gets the
 * record with those fields null and a FORBIDDEN / SENSITIVE_FIELD error at
 * each one's path; the roles of shared/src/auth/sensitive.ts read them.
 */
describe.each(testDatabaseKinds())('sensitive fields on %s', (kind) => {
  let g: TestGraph;
  let staff: string;
  let head: string;
  let admin: string;
  let customerId: string;
  let complaintId: string;

  beforeAll(async () => {
    g = await startTestGraph(kind);
    [staff, head, admin] = await Promise.all(['staff.resi@example.com', 'head.resi@example.com', 'admin.resi@example.com'].map((e) => g.login(e)));
    const ok = async (token: string, query: string, variables?: Record<string, unknown>) => {
      const r = await g.request(query, { token, variables });
      if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
      return r.body.data;
    };
    customerId = (await ok(staff, '{ customers(first: 1) { edges { node { id } } } }')).customers.edges[0].node.id;
    await ok(staff, 'mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }', {
      i: { customerId, name: '王敏', phone: '13912345678', email: 'wm@example.com' },
    });
    const c = (
      await ok(staff, 'mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id version } }', {
        i: { customerId, title: '漏水', description: 'd', channel: 'HOTLINE', severity: 'MAJOR', phase: 'AFTER_SALE' },
      })
    ).createComplaint;
    complaintId = c.id;
    const department = (await ok(head, '{ departments(first: 1) { edges { node { id } } } }')).departments.edges[0].node.id;
    const risky = (
      await ok(head, 'mutation ($i: UpdateComplaintRiskInput!) { updateComplaintRisk(input: $i) { version } }', {
        i: { id: c.id, expectedVersion: c.version, riskLevel: 'HIGH', legalCase: true, legalDepartmentId: department, note: '客户起诉' },
      })
    ).updateComplaintRisk;
    await ok(head, 'mutation ($i: RecordCompensationInput!) { recordCompensation(input: $i) { id } }', {
      i: { complaintId: c.id, expectedVersion: risky.version, kind: 'MONEY', amount: 500, description: '赔偿' },
    });
  }, 120_000);
  afterAll(() => g?.stop());

  const COMPLAINT = `query ($id: ID!) { complaint(id: $id) { title legalCase legalEscalatedAt legalDepartment { id } compensations(first: 5) { edges { node { description amount } } } } }`;

  it('legal-case details and compensation amounts: segment heads read them; business staff get null with SENSITIVE_FIELD, the rest intact', async () => {
    const byHead = await g.request(COMPLAINT, { token: head, variables: { id: complaintId } });
    expect(byHead.body.errors).toBeUndefined();
    expect(byHead.body.data.complaint.legalEscalatedAt).not.toBeNull();
    expect(byHead.body.data.complaint.legalDepartment).not.toBeNull();
    expect(byHead.body.data.complaint.compensations.edges[0].node.amount).toBe(500);

    const byStaff = await g.request(COMPLAINT, { token: staff, variables: { id: complaintId } });
    const c = byStaff.body.data.complaint;
    expect(c).toMatchObject({ title: '漏水', legalCase: true, legalEscalatedAt: null, legalDepartment: null });
    expect(c.compensations.edges[0].node).toEqual({ description: '赔偿', amount: null });
    const denied = byStaff.body.errors?.map((e: any) => [e.path.join('.'), e.extensions.code, e.extensions.reason]);
    expect(denied).toEqual(
      expect.arrayContaining([
        ['complaint.legalEscalatedAt', 'FORBIDDEN', 'SENSITIVE_FIELD'],
        ['complaint.legalDepartment', 'FORBIDDEN', 'SENSITIVE_FIELD'],
        ['complaint.compensations.edges.0.node.amount', 'FORBIDDEN', 'SENSITIVE_FIELD'],
      ]),
    );
  });

  it("personal contact data: business staff read their customers' phone numbers; segment administrators do not", async () => {
    const q = `{ customer(id: "${customerId}") { name contacts { name phone email } } }`;
    const byStaff = await g.request(q, { token: staff });
    expect(byStaff.body.errors).toBeUndefined();
    expect(byStaff.body.data.customer.contacts).toContainEqual({ name: '王敏', phone: '13912345678', email: 'wm@example.com' });
    const byAdmin = await g.request(q, { token: admin });
    const contact = byAdmin.body.data?.customer?.contacts?.find((x: any) => x.name === '王敏');
    expect(contact).toEqual({ name: '王敏', phone: null, email: null });
    expect(byAdmin.body.errors?.every((e: any) => e.extensions.reason === 'SENSITIVE_FIELD')).toBe(true);
    expect(JSON.stringify(byAdmin.body)).not.toContain('13912345678');
  });

  it('pay: the incentive scheme of a position (定激励) is for executives and segment heads only', async () => {
    const q = '{ departments(first: 20) { edges { node { positions { incentives } } } } }';
    const incentives = (body: any) => body.data.departments.edges.flatMap((e: any) => e.node.positions.map((p: any) => p.incentives));
    const byHead = await g.request(q, { token: head });
    expect(byHead.body.errors).toBeUndefined();
    expect(incentives(byHead.body).length).toBeGreaterThan(0);
    expect(incentives(byHead.body).every((i: string | null) => typeof i === 'string')).toBe(true);
    const byStaff = await g.request(q, { token: staff });
    expect(incentives(byStaff.body).every((i: string | null) => i === null)).toBe(true);
    expect(byStaff.body.errors?.length).toBe(incentives(byStaff.body).length);
    expect(byStaff.body.errors?.every((e: any) => e.extensions.reason === 'SENSITIVE_FIELD')).toBe(true);
  });
});
