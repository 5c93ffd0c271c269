import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * The audit log (issue 7): every mutation and every denied attempt is
 * recorded by the subgraph that ran it, with who, when, what, and the rows
 * changed before and after (written in the mutation's own transaction);
 * append-only in the database; readable only by the roles that need it.
 */
const UPDATE = `mutation($id: ID!, $v: Int!, $addr: String!) {
  updateCompanyLegalData(input: { companyId: $id, expectedVersion: $v, registeredAddress: $addr }) { version registeredAddress }
}`;
const LOG = `query($f: AuditFilter) {
  organizationAuditLog(first: 20, filter: $f) {
    totalCount
    edges { node { id requestId accountId role operationType rootFields args outcome errorCodes changes { entity entityId action before after } } }
  }
}`;

describe.each(testDatabaseKinds())('audit log on %s', (kind) => {
  let g: TestGraph;
  let exec: string;
  let companyId: string;
  beforeAll(async () => {
    g = await startTestGraph(kind);
    exec = await g.login('executive@example.com');
    const r = await g.request('{ companies(first: 1, filter: { kind: SUBSIDIARY }) { edges { node { id version registeredAddress } } } }', { token: exec });
    companyId = r.body.data.companies.edges[0].node.id;
  }, 120_000);
  afterAll(() => g?.stop());

  const log = async (filter: Record<string, unknown>, token = exec) => g.request(LOG, { token, variables: { f: filter } });
  const company = async () => (await g.request(`{ company(id: "${companyId}") { version registeredAddress } }`, { token: exec })).body.data.company;

  it('records a mutation with who, what, and the row before and after, in the same transaction', async () => {
    const before = await company();
    const res = await g.request(UPDATE, { token: exec, variables: { id: companyId, v: before.version, addr: '审计路 1 号' } });
    expect(res.body.errors).toBeUndefined();
    const r = await log({ rootField: 'updateCompanyLegalData', outcome: 'OK' });
    expect(r.body.errors).toBeUndefined();
    const entry = r.body.data.organizationAuditLog.edges[0].node;
    expect(entry).toMatchObject({ role: 'GROUP_EXECUTIVE', operationType: 'mutation', rootFields: ['updateCompanyLegalData'], outcome: 'OK', errorCodes: [] });
    expect(entry.accountId).toBeTruthy();
    const change = entry.changes.find((c: any) => c.entityId === companyId && c.action === 'UPDATE');
    expect(change).toBeDefined();
    expect(JSON.parse(change.before).registeredAddress).toBe(before.registeredAddress);
    expect(JSON.parse(change.after).registeredAddress).toBe('审计路 1 号');
    expect(JSON.parse(change.after).version).toBe(before.version + 1);
  });

  it('a refused (rolled-back) update is recorded as ERROR with its code and no changed rows', async () => {
    const res = await g.request(UPDATE, { token: exec, variables: { id: companyId, v: 0, addr: 'stale' } });
    expect(res.body.errors?.[0].extensions.code).toBe('CONFLICT');
    const entry = (await log({ rootField: 'updateCompanyLegalData', outcome: 'ERROR' })).body.data.organizationAuditLog.edges[0].node;
    expect(entry.errorCodes).toEqual(expect.arrayContaining(['CONFLICT', 'STALE_VERSION']));
    expect(entry.changes).toEqual([]);
  });

  it('records denied attempts (FORBIDDEN) of other roles, queries included', async () => {
    const staff = await g.login('staff.resi@example.com');
    const current = await company();
    const denied = await g.request(UPDATE, { token: staff, variables: { id: companyId, v: current.version, addr: 'x' } });
    expect(denied.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const reading = await log({}, staff);
    expect(reading.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUDIT_READ_FORBIDDEN' });
    const entries = (await log({ outcome: 'DENIED' })).body.data.organizationAuditLog.edges.map((e: any) => e.node);
    expect(entries.some((e: any) => e.role === 'BUSINESS_STAFF' && e.rootFields.includes('updateCompanyLegalData'))).toBe(true);
    expect(entries.some((e: any) => e.role === 'BUSINESS_STAFF' && e.operationType === 'query' && e.rootFields.includes('organizationAuditLog'))).toBe(true);
    expect((await company()).registeredAddress).toBe(current.registeredAddress);
  });

  it('never stores passwords: a failed login is recorded with the password redacted', async () => {
    const bad = await g.request('mutation($p: String!) { login(input: { email: "executive@example.com", password: $p }) { token } }', { variables: { p: 'wrong-password-123' } });
    expect(bad.body.errors).toBeDefined();
    const entries = (await log({ rootField: 'login' })).body.data.organizationAuditLog.edges.map((e: any) => e.node);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.args ?? '').not.toContain('wrong-password-123');
    const failed = entries.find((e: any) => e.outcome !== 'OK');
    expect(JSON.parse(failed.args)).toEqual({ login: { input: { email: 'executive@example.com', password: '[REDACTED]' } } });
  });

  it('SYSTEM_ADMIN reads entries and changes, with personal data masked in the before/after values; other roles read nothing', async () => {
    const sys = await g.login('sysadmin@example.com');
    const r = await log({ rootField: 'updateCompanyLegalData', outcome: 'OK' }, sys);
    expect(r.body.errors).toBeUndefined();
    const node = r.body.data.organizationAuditLog.edges[0].node;
    const change = node.changes.find((c: any) => c.entityId === companyId);
    expect(JSON.parse(change.after).registeredAddress).toBe('审计路 1 号');
    // A contact's phone number, as written by business staff: whole for the executive, masked for the administrator.
    const staff = await g.login('staff.resi@example.com');
    const customerId = (await g.request('{ customers(first: 1) { edges { node { id } } } }', { token: staff })).body.data.customers.edges[0].node.id;
    await g.request('mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }', {
      token: staff,
      variables: { i: { customerId, name: '审计联系人', phone: '13700001111' } },
    });
    const CS_LOG = '{ customerServiceAuditLog(first: 1, filter: { rootField: "addCustomerContact" }) { edges { node { changes { entity after } } } } }';
    const contactAfter = async (token: string) =>
      JSON.parse((await g.request(CS_LOG, { token })).body.data.customerServiceAuditLog.edges[0].node.changes.find((c: any) => c.entity === 'customer_contact').after);
    expect((await contactAfter(exec)).phone).toBe('13700001111');
    expect(await contactAfter(sys)).toMatchObject({ phone: '[MASKED]', name: '审计联系人' });
    const head = await g.login('head.resi@example.com');
    expect((await log({}, head)).body.errors?.[0].extensions.reason).toBe('AUDIT_READ_FORBIDDEN');
  });

  it('is append-only in the database itself: UPDATE and DELETE fail', async () => {
    const ds = g.apps.organization.dataSource;
    await expect(ds.query("UPDATE audit_entry SET outcome = 'OK'")).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_change')).rejects.toThrow(/append-only/);
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM audit_change');
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('each subgraph keeps its own log (customer-service and marketing answer too)', async () => {
    const r = await g.request('{ customerServiceAuditLog(first: 1) { totalCount } marketingAuditLog(first: 1) { totalCount } }', { token: exec });
    expect(r.body.errors).toBeUndefined();
    expect(typeof r.body.data.customerServiceAuditLog.totalCount).toBe('number');
  });
});
