import { DEMO_SEGMENTS, demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * Role grants follow the organisation (issue 17 item 2, CS-R38), from the outside: the account-change
 * flow (segment admin submits, leader approves, marketing operator implements) can grant only the
 * role the person's position backs. The audit's attack: an ordinary employee made GROUP_EXECUTIVE,
 * who then read every segment.
 */
const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
const REQ = 'id version state';
const SUBMIT = `mutation($i: SubmitAccountChangeInput!) { submitAccountChange(input: $i) { ${REQ} } }`;
const APPROVE = `mutation($i: DecideAccountChangeInput!) { approveAccountChange(input: $i) { ${REQ} } }`;
const IMPLEMENT = `mutation($id: ID!, $v: Int!) { implementAccountChange(id: $id, expectedVersion: $v) { temporaryPassword request { ${REQ} } account { email role segments { code } } } }`;
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token account { role } } }';
const CREATE_POSITION = 'mutation($i: CreatePositionInput!) { createPosition(input: $i) { id rank segment { code } } }';
const ASSIGN = 'mutation($p: ID!, $e: ID!) { assignToPosition(positionId: $p, employeeId: $e) { id version } }';
const END = 'mutation($id: ID!, $v: Int!) { endPositionAssignment(id: $id, expectedVersion: $v) { id } }';

describe.each(testDatabaseKinds())('CS-R38: role grants bound to positions, through the gateway, on %s', (kind) => {
  let g: TestGraph;
  const token = {} as Record<'adminResi' | 'adminComm' | 'headResi' | 'operator' | 'executive', string>;

  beforeAll(async () => {
    g = await startTestGraph(kind);
    token.adminResi = await g.login('admin.resi@example.com');
    token.adminComm = await g.login('admin.comm@example.com');
    token.headResi = await g.login('head.resi@example.com');
    token.operator = await g.login('operator.mkt@example.com');
    token.executive = await g.login('executive@example.com');
  }, 180_000);
  afterAll(() => g?.stop());

  const reason = (r: { body: { errors?: any[] } }) => r.body.errors?.[0]?.extensions?.reason ?? null;
  /** A call that must succeed. */
  const ok = async (query: string, variables: Record<string, unknown>, as: keyof typeof token = 'executive') => {
    const r = await g.request(query, { token: token[as], variables });
    if (!r.body.data || r.body.errors) throw new Error(JSON.stringify(r.body.errors));
    return r.body.data;
  };
  const headPosition = async (segment: string) =>
    (
      await ok(CREATE_POSITION, {
        i: {
          departmentId: demoDepartmentId('JARE', 'SALES'),
          title: `${segment} 副负责人`,
          headcountQuota: 1,
          duties: '协助负责版块',
          incentives: '年薪制',
          rank: 'SEGMENT_HEAD',
          segmentId: seg(segment),
        },
      })
    ).createPosition.id as string;
  const assign = async (positionId: string, employeeId: string) => (await ok(ASSIGN, { p: positionId, e: employeeId })).assignToPosition as { id: string; version: number };
  const end = (a: { id: string; version: number }) => ok(END, { id: a.id, v: a.version });

  /**
   * The whole flow A1 for one request, as far as it gets: where it was refused (and why), and, when
   * it got through, the role the new account signs in with and the segments it then reads.
   */
  async function openAccount(employeeId: string, email: string, requestedRole: string, requestedSegmentIds: string[] | null) {
    const submitted = await g.request(SUBMIT, {
      token: token.adminResi,
      variables: { i: { kind: 'OPEN', employeeId, oaReference: 'OA-XXGL-38', reason: '开通账户', requestedRole, requestedSegmentIds } },
    });
    if (!submitted.body.data?.submitAccountChange) return { refusedAt: 'submit', reason: reason(submitted) };
    const req = submitted.body.data.submitAccountChange;
    const approved = await g.request(APPROVE, { token: token.headResi, variables: { i: { id: req.id, expectedVersion: req.version } } });
    if (!approved.body.data?.approveAccountChange) return { refusedAt: 'approve', reason: reason(approved) };
    const done = await g.request(IMPLEMENT, { token: token.operator, variables: { id: req.id, v: approved.body.data.approveAccountChange.version } });
    if (!done.body.data?.implementAccountChange) return { refusedAt: 'implement', reason: reason(done) };
    const login = await g.request(LOGIN, { variables: { i: { email, password: done.body.data.implementAccountChange.temporaryPassword, newPassword: 'Harbour-Lights-91' } } });
    const own = login.body.data.login;
    const read = await g.request('{ customers(first: 100) { edges { node { segment { code } } } } }', { token: own.token });
    const segments = new Set(read.body.data.customers.edges.map((e: any) => e.node.segment.code));
    return { refusedAt: null, role: own.account.role, segmentsRead: segments.size };
  }

  it('CS-R38: an OPEN with GROUP_EXECUTIVE for an ordinary employee (no vice-president-and-above position) is refused at submission', async () => {
    const outcome = await openAccount(demoStaffEmployeeId('JARE', 'MKT', 2), 'jare.mkt.2@staff.example.com', 'GROUP_EXECUTIVE', null);
    expect(outcome).toEqual({ refusedAt: 'submit', reason: 'ROLE_NOT_BACKED_BY_POSITION' });
    const listed = await g.request('query($f: AccountChangeRequestFilter) { accountChangeRequests(first: 5, filter: $f) { totalCount } }', {
      token: token.executive,
      variables: { f: { employeeId: demoStaffEmployeeId('JARE', 'MKT', 2) } },
    });
    expect(listed.body.data.accountChangeRequests.totalCount).toBe(0);
  });

  it("CS-R37: SYSTEM_ADMIN and SEGMENT_HEAD / SEGMENT_ADMIN without the segment's position are refused at submission", async () => {
    const employeeId = demoStaffEmployeeId('JARE', 'MKT', 3);
    const email = 'jare.mkt.3@staff.example.com';
    expect(await openAccount(employeeId, email, 'SYSTEM_ADMIN', null)).toEqual({ refusedAt: 'submit', reason: 'ROLE_NOT_BACKED_BY_POSITION' });
    expect(await openAccount(employeeId, email, 'SEGMENT_HEAD', [seg('RESI')])).toEqual({ refusedAt: 'submit', reason: 'ROLE_NOT_BACKED_BY_POSITION' });
    expect(await openAccount(employeeId, email, 'SEGMENT_ADMIN', [seg('RESI')])).toEqual({ refusedAt: 'submit', reason: 'ROLE_NOT_BACKED_BY_POSITION' });
  });

  it("CS-R38: the grant is checked again at approval and at implementation — the person's position may change in between", async () => {
    const employeeId = demoStaffEmployeeId('JARE', 'ENG', 2);
    const positionId = await headPosition('RESI');
    let held = await assign(positionId, employeeId);
    const submitted = (
      await ok(
        SUBMIT,
        { i: { kind: 'OPEN', employeeId, oaReference: 'OA-XXGL-39', reason: '任命副负责人', requestedRole: 'SEGMENT_HEAD', requestedSegmentIds: [seg('RESI')] } },
        'adminResi',
      )
    ).submitAccountChange;

    await end(held);
    const approve = () => g.request(APPROVE, { token: token.headResi, variables: { i: { id: submitted.id, expectedVersion: submitted.version } } });
    expect(reason(await approve())).toBe('ROLE_NOT_BACKED_BY_POSITION');
    held = await assign(positionId, employeeId);
    const approved = (await approve()).body.data.approveAccountChange;
    expect(approved.state).toBe('APPROVED');

    await end(held);
    const implement = () => g.request(IMPLEMENT, { token: token.operator, variables: { id: submitted.id, v: approved.version } });
    expect(reason(await implement())).toBe('ROLE_NOT_BACKED_BY_POSITION');
    await assign(positionId, employeeId);
    const done = (await implement()).body.data.implementAccountChange;
    expect(done.account).toEqual({ email: 'jare.eng.2@staff.example.com', role: 'SEGMENT_HEAD', segments: [{ code: 'RESI' }] });
  });

  it("CS-R38: a segment head position backs SEGMENT_HEAD of its own segment only; an existing account's PERMISSION_CHANGE to GROUP_EXECUTIVE is refused", async () => {
    const employeeId = demoStaffEmployeeId('JARE', 'ENG', 3);
    await assign(await headPosition('COMM'), employeeId);
    const open = (as: 'adminResi' | 'adminComm', segment: string) =>
      g.request(SUBMIT, {
        token: token[as],
        variables: { i: { kind: 'OPEN', employeeId, oaReference: 'OA-XXGL-40', reason: '任命', requestedRole: 'SEGMENT_HEAD', requestedSegmentIds: [seg(segment)] } },
      });
    expect(reason(await open('adminResi', 'RESI'))).toBe('ROLE_NOT_BACKED_BY_POSITION');
    expect((await open('adminComm', 'COMM')).body.data.submitAccountChange.state).toBe('SUBMITTED');

    const escalate = await g.request(SUBMIT, {
      token: token.adminResi,
      variables: {
        i: { kind: 'PERMISSION_CHANGE', employeeId: demoSegmentPersonId('RESI', 'staff'), oaReference: 'OA-XXGL-41', reason: '提权', requestedRole: 'GROUP_EXECUTIVE' },
      },
    });
    expect(escalate.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_BACKED_BY_POSITION' });
  });
});
