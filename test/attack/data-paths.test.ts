import { DEMO_SEGMENTS, maskSensitive, Role } from '@group/shared';
import { testDatabaseKinds } from '../../shared/src/testing/databases';
import { startTestGraph, TestGraph } from '../support/graph';
import { CustomerProfile } from '../../subgraphs/marketing/src/customer-profiles/customer-profile.entity';

/**
 * Data paths the outside audit (issue 17) found open, each as a class:
 * personal data in the audit log's arguments (item 3), writes that attach
 * something to a parent record of another segment (item 4), and a mutation
 * answered `data: null` without errors (item 5).
 */
const segment = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!;

describe.each(testDatabaseKinds())('data paths on %s', (kind) => {
  let g: TestGraph;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    g = await startTestGraph(kind);
    for (const [role, email] of Object.entries({ executive: 'executive@example.com', sysadmin: 'sysadmin@example.com', head: 'head.resi@example.com', staff: 'staff.resi@example.com' })) {
      tokens[role] = await g.login(email);
    }
  }, 180_000);
  afterAll(() => g?.stop());

  describe('issue 17 item 3: the audit log shows a SYSTEM_ADMIN no personal data, pay or legal details, in arguments as in changes', () => {
    it('masks by the sensitive-data table at any depth, lists included', () => {
      const args = { addX: { input: { name: 'n', contacts: [{ phone: '1', inner: { email: 'e' } }], amount: 5, legalNote: 'l', notes: null } } };
      const sysadmin = { accountId: 'a', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [] };
      expect(maskSensitive(sysadmin, args)).toEqual({ addX: { input: { name: 'n', contacts: [{ phone: '[MASKED]', inner: { email: '[MASKED]' } }], amount: '[MASKED]', legalNote: '[MASKED]', notes: null } } });
      expect(maskSensitive({ ...sysadmin, role: Role.GROUP_EXECUTIVE }, args)).toEqual(args);
    });

    it('in every subgraph’s log, for nested input objects', async () => {
      const probe = `P${Date.now()}`;
      const phone = `139${Date.now() % 100000000}`;
      const customerId = (await g.request('{ customers(first: 1) { edges { node { id } } } }', { token: tokens.staff })).body.data.customers.edges[0].node.id;
      const contact = await g.request('mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }', {
        token: tokens.staff,
        variables: { i: { customerId, name: '审计联系人', phone, email: `${probe}@example.com` } },
      });
      expect(contact.body.errors).toBeUndefined();
      const dept = (await g.request('{ departments(first: 1) { edges { node { id } } } }', { token: tokens.executive })).body.data.departments.edges[0].node.id;
      const position = await g.request('mutation ($i: CreatePositionInput!) { createPosition(input: $i) { id } }', {
        token: tokens.executive,
        variables: { i: { departmentId: dept, title: '审计岗位', headcountQuota: 1, duties: 'd', incentives: `incentive-${probe}` } },
      });
      expect(position.body.errors).toBeUndefined();
      const competitor = await g.request('mutation { createCompetitor(input: { legalName: "审计竞争者", ownershipType: PRIVATE }) { id } }', { token: tokens.head });
      const opportunity = (await g.request('{ opportunities(first: 1) { edges { node { id segment { id } } } } }', { token: tokens.head })).body.data.opportunities.edges[0].node;
      const link = await g.request('mutation ($i: LinkOpportunityCompetitorInput!) { linkCompetitorToOpportunity(input: $i) { id } }', {
        token: tokens.head,
        variables: { i: { opportunityId: opportunity.id, segmentId: opportunity.segment.id, competitorId: competitor.body.data.createCompetitor.id, threatLevel: 'HIGH', notes: `notes-${probe}` } },
      });
      expect(link.body.errors).toBeUndefined();

      const LOGS = ['organizationAuditLog', 'customerServiceAuditLog', 'marketingAuditLog'];
      const query = `{ ${LOGS.map((l) => `${l}(first: 20, filter: { outcome: "OK" }) { edges { node { rootFields args changes { before after } } } }`).join(' ')} }`;
      const asExecutive = JSON.stringify((await g.request(query, { token: tokens.executive })).body);
      // The executive reads them whole: the probes are really in the log.
      const secrets = [phone, `${probe}@example.com`, `incentive-${probe}`, `notes-${probe}`];
      for (const secret of secrets) expect(asExecutive).toContain(secret);
      const asAdmin = await g.request(query, { token: tokens.sysadmin });
      expect(asAdmin.body.errors).toBeUndefined();
      const text = JSON.stringify(asAdmin.body);
      for (const secret of secrets) expect(text).not.toContain(secret);
      const args = (log: string, field: string) => JSON.parse(asAdmin.body.data[log].edges.find((e: any) => e.node.rootFields.includes(field)).node.args)[field].input;
      expect(args('customerServiceAuditLog', 'addCustomerContact')).toMatchObject({ customerId, name: '审计联系人', phone: '[MASKED]', email: '[MASKED]' });
      expect(args('organizationAuditLog', 'createPosition')).toMatchObject({ title: '审计岗位', incentives: '[MASKED]' });
      expect(args('marketingAuditLog', 'linkCompetitorToOpportunity')).toMatchObject({ opportunityId: opportunity.id, notes: '[MASKED]' });
    });
  });

  describe('issue 17 item 5: a mutation is never answered data: null without errors', () => {
    it('a non-null reference the owning subgraph resolves to null (here: a customer marketing still projects, gone from customer-service) nulls the answer WITH an error at its path', async () => {
      const ghost = '00000000-0000-4000-8000-00000000dead';
      await g.apps.marketing.dataSource.getRepository(CustomerProfile).insert({ customerId: ghost, segmentId: segment('RESI').id, updatedAt: new Date(), gridId: null, tier: null, tierOverride: null });
      const tagId = (await g.request('{ tags(first: 1, filter: { kind: MANUAL }) { edges { node { id } } } }', { token: tokens.head })).body.data.tags.edges[0].node.id;
      const r = await g.request('mutation ($i: AssignTagInput!) { assignTag(input: $i) { id customer { id name } } }', { token: tokens.head, variables: { i: { customerId: ghost, tagId } } });
      expect(r.status).toBe(200);
      expect(r.body.data).toBeNull();
      expect(r.body.errors).toEqual([expect.objectContaining({ path: ['assignTag', 'customer', 'name'], extensions: { code: 'NOT_FOUND', reason: 'REFERENCE_NOT_FOUND' } })]);
      expect(JSON.stringify(r.body)).not.toContain('valueCompletion');
    });
  });
});
