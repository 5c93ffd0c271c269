import { DataSource } from 'typeorm';
import { DEMO_COMPANIES, DEMO_SEGMENTS, Role, Viewer } from '@group/shared';
import { startSubgraph, testDatabaseKinds, TestSubgraph } from '@group/shared/testing';
import { organizationModule } from '../../subgraphs/organization/src/module';
import { Account, AccountStatus, LoginRecord } from '../../subgraphs/organization/src/accounts/account.entity';

const exec: Viewer = { accountId: 'x', employeeId: null, role: Role.GROUP_EXECUTIVE, segmentIds: [] };

describe.each(testDatabaseKinds())('organization subgraph on %s', (kind) => {
  let sg: TestSubgraph<unknown>;
  let ds: DataSource;
  beforeAll(async () => {
    sg = await startSubgraph(kind, organizationModule, { http: true });
    ds = sg.app.dataSource;
  });
  afterAll(() => sg?.stop());

  const login = (email: string, password = 'demo-password') =>
    sg.post({ query: 'mutation($i: LoginInput!) { login(input: $i) { token expiresAt account { email role segments { code } } } }', variables: { i: { email, password } } });

  it('CS-R34: seeds the demo group: 9 companies, 10 segments mapped to 8 operating companies', async () => {
    const res = await sg.exec(exec, '{ companies(first: 50) { totalCount edges { node { code kind segments { code } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.companies.totalCount).toBe(DEMO_COMPANIES.length);
    const withSegments = res.data.companies.edges.filter((e: any) => e.node.segments.length > 0);
    expect(withSegments).toHaveLength(8);
    expect(withSegments.flatMap((e: any) => e.node.segments)).toHaveLength(DEMO_SEGMENTS.length);
  });

  it('login returns a signed token for a demo account and records the login', async () => {
    const before = await ds.getRepository(LoginRecord).countBy({ email: 'head.resi@example.com', success: true });
    const { status, body } = await login('Head.RESI@example.com');
    expect(status).toBe(200);
    expect(body.data.login.token.split('.')).toHaveLength(3);
    expect(body.data.login.account).toEqual({ email: 'head.resi@example.com', role: 'SEGMENT_HEAD', segments: [{ code: 'RESI' }] });
    expect(await ds.getRepository(LoginRecord).countBy({ email: 'head.resi@example.com', success: true })).toBe(before + 1);
    const me = await sg.post({ query: '{ me { email role } }' }, { authorization: `Bearer ${body.data.login.token}` });
    expect(me.body.data.me).toEqual({ email: 'head.resi@example.com', role: 'SEGMENT_HEAD' });
  });

  it('a wrong password or unknown email fails the same way, and is recorded', async () => {
    const wrong = await login('head.resi@example.com', 'nope');
    const unknown = await login('nobody@example.com', 'nope');
    for (const r of [wrong, unknown]) {
      expect(r.body.data).toBeNull();
      expect(r.body.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' }));
    }
    expect(await ds.getRepository(LoginRecord).countBy({ email: 'nobody@example.com', success: false })).toBe(1);
  });

  it('a frozen account cannot sign in', async () => {
    await ds.getRepository(Account).update({ email: 'staff.hotl@example.com' }, { status: AccountStatus.FROZEN });
    const r = await login('staff.hotl@example.com');
    expect(r.body.errors?.[0].extensions.reason).toBe('ACCOUNT_FROZEN');
  });

  it('everything but login needs a token: no data without one, _entities included', async () => {
    for (const query of [
      '{ companies(first: 1) { totalCount } }',
      '{ _entities(representations: [{ __typename: "Company", id: "x" }]) { __typename } }',
      '{ _service { sdl } }',
      '{ __schema { types { name } } }',
    ]) {
      const r = await sg.post({ query });
      expect(r.status).toBe(401);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const forged = await sg.post({ query: '{ companies(first: 1) { totalCount } }' }, { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' });
    expect(forged.status).toBe(401);
  });

  it('paginates with opaque keyset cursors: pages join up without gaps or repeats', async () => {
    const q =
      'query($after: String) { employees(first: 7, after: $after, orderBy: { field: NAME, direction: ASC }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const r: any = await sg.exec(exec, q, { after });
      expect(r.errors).toBeUndefined();
      total = r.data.employees.totalCount;
      seen.push(...r.data.employees.edges.map((e: any) => e.node.id));
      if (!r.data.employees.pageInfo.hasNextPage) break;
      after = r.data.employees.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    const bad = await sg.exec(exec, '{ employees(after: "garbage") { totalCount } }');
    expect(bad.errors?.[0].extensions.reason).toBe('INVALID_CURSOR');
    const tooBig = await sg.exec(exec, '{ employees(first: 1000) { totalCount } }');
    expect(tooBig.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    // Nested input objects are validated too (a filter's own rules).
    const longName = await sg.exec(exec, 'query($n: String) { employees(filter: { nameContains: $n }) { totalCount } }', { n: 'x'.repeat(150) });
    expect(longName.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('nested lists cost one statement per level, whatever the number of parents', async () => {
    const q = (n: number) =>
      `{ companies(first: ${n}) { edges { node { segments { code } departments(first: 3) { edges { node { name employees(first: 2) { edges { node { name } } } } } } } } } }`;
    const count = async (n: number) => {
      const before = sg.app.counter.count;
      const r = await sg.exec(exec, q(n));
      expect(r.errors).toBeUndefined();
      return sg.app.counter.count - before;
    };
    const one = await count(1);
    const all = await count(9);
    expect(one).toBe(4); // companies, segments, departments, employees
    expect(all).toBe(one);
  });

  it('_entities resolves many references in one batch', async () => {
    const reps = DEMO_COMPANIES.map((c) => ({ __typename: 'Company', id: c.id }));
    const before = sg.app.counter.count;
    const r = await sg.exec(exec, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { code } } }', { r: [...reps, { __typename: 'Company', id: 'missing' }] });
    expect(r.errors).toBeUndefined();
    expect(r.data._entities.slice(0, -1).map((e: any) => e.code)).toEqual(DEMO_COMPANIES.map((c) => c.code));
    expect(r.data._entities.at(-1)).toBeNull();
    expect(sg.app.counter.count - before).toBe(1);
  });

  it('CS-R35: accounts are visible to administrators; a segment admin sees only its segment', async () => {
    const segAdmin: Viewer = { accountId: 'x', employeeId: null, role: Role.SEGMENT_ADMIN, segmentIds: [DEMO_SEGMENTS[0].id] };
    const r = await sg.exec(segAdmin, '{ accounts(first: 50) { totalCount edges { node { email } } } }');
    expect(r.data.accounts.edges.map((e: any) => e.node.email).sort()).toEqual(['admin.resi@example.com', 'head.resi@example.com', 'staff.resi@example.com']);
    const staff: Viewer = { ...segAdmin, role: Role.BUSINESS_STAFF };
    const denied = await sg.exec(staff, '{ accounts(first: 5) { totalCount } }');
    expect(denied.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'FORBIDDEN', reason: 'ACCOUNT_LIST_FORBIDDEN' }));
  });

  it('ORG-R03/ORG-R04: governing bodies carry the seat limits of the source (board 7, supervisors 5); company scoping (§3.1.5)', async () => {
    const q = '{ companies(first: 20) { edges { node { code governingBodies { type label seatLimit } } } } }';
    const all = await sg.exec(exec, q);
    expect(all.errors).toBeUndefined();
    const group = all.data.companies.edges.find((e: any) => e.node.code === 'JA').node.governingBodies;
    expect(group).toEqual(
      expect.arrayContaining([
        { type: 'BOARD_OF_DIRECTORS', label: '董事局', seatLimit: 7 },
        { type: 'BOARD_OF_SUPERVISORS', label: '监事会', seatLimit: 5 },
        { type: 'SHAREHOLDERS_MEETING', label: '股东管理委员会', seatLimit: null },
      ]),
    );
    const resi = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
    const head: Viewer = { accountId: 'x', employeeId: null, role: Role.SEGMENT_HEAD, segmentIds: [resi.id] };
    const scoped = await sg.exec(head, q);
    const visible = scoped.data.companies.edges.filter((e: any) => e.node.governingBodies.length > 0).map((e: any) => e.node.code);
    expect(visible).toEqual([resi.companyCode]);
  });
});
