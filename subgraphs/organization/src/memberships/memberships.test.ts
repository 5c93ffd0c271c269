import { demoStaffEmployeeId, DEMO_COMPANIES } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { adoptedResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId } from '../database/seed';

const companyId = (code: string) => DEMO_COMPANIES.find((c) => c.code === code)!.id;
const NOMINATE = `mutation($i: NominateBodyMemberInput!) { nominateBodyMember(input: $i) { id version role status method isShareholderRepresentative nominatedBy { id label } electedOrAppointedBy { id label company { code } } } }`;
const DECIDE = `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { id version status decidedAt } }`;
const DISMISS = `mutation($i: DismissBodyMemberInput!) { dismissBodyMember(input: $i) { id version status endReason termEnd } }`;
const BODY = `query($id: ID!) { governingBody(id: $id) { id version label seatLimit activeSeats vacancies members(status: ACTIVE) { role person { id } } } }`;

describe.each(testDatabaseKinds())('governing body memberships on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_members');
  });
  afterAll(() => t?.stop());

  const nominate = (bodyId: string, employeeId: string, role: string, extra: Record<string, unknown> = {}) => ok(t, exec, NOMINATE, { i: { bodyId, employeeId, role, ...extra } });
  /** Seats are decided by a resolution of the deciding body on the seat's matter (ORG-R16/R19, A7–A11); shareholders and committees need none. */
  const MATTER: Record<string, string> = {
    DIRECTOR: 'ELECT_DIRECTORS_AND_SUPERVISORS',
    SUPERVISOR: 'ELECT_DIRECTORS_AND_SUPERVISORS',
    BOARD_CHAIR: 'ELECT_BOARD_CHAIR',
    CHIEF_SUPERVISOR: 'ELECT_CHIEF_SUPERVISOR',
    GENERAL_MANAGER: 'APPOINT_SENIOR_MANAGEMENT',
    PRESIDENT: 'APPOINT_SENIOR_MANAGEMENT',
    VICE_PRESIDENT: 'APPOINT_SENIOR_MANAGEMENT',
    SENIOR_MANAGER: 'APPOINT_SENIOR_MANAGEMENT',
    CFO: 'APPOINT_SENIOR_MANAGEMENT',
    FINANCE_HEAD: 'APPOINT_SENIOR_MANAGEMENT',
  };
  const election = (m: { role: string; electedOrAppointedBy: { id: string } }) => (MATTER[m.role] ? adoptedResolution(t, m.electedOrAppointedBy.id, MATTER[m.role]) : null);
  const approve = async (m: { id: string; version: number; role: string; electedOrAppointedBy: { id: string } }) =>
    (await ok(t, exec, DECIDE, { i: { membershipId: m.id, expectedVersion: m.version, approve: true, resolutionId: await election(m) } })).decideBodyNomination;

  it('the demo group board has 5 of 7 seats filled, supervisors 3 of 5 (ORG-M1)', async () => {
    const bod = (await ok(t, exec, BODY, { id: demoBodyId('JA', 'BOD') })).governingBody;
    expect(bod).toMatchObject({ seatLimit: 7, activeSeats: 5, vacancies: 2 });
    expect(bod.members.filter((m: any) => m.role === 'BOARD_CHAIR')).toHaveLength(1);
    const bos = (await ok(t, exec, BODY, { id: demoBodyId('JA', 'BOS') })).governingBody;
    expect(bos).toMatchObject({ seatLimit: 5, activeSeats: 3, vacancies: 2 });
  });

  it('ORG-R04: a board of directors never has more active directors than its seat limit (7)', async () => {
    const board = demoBodyId('JA', 'BOD');
    const a = (await nominate(board, demoStaffEmployeeId('JA', 'IT', 3), 'DIRECTOR')).nominateBodyMember;
    const b = (await nominate(board, demoStaffEmployeeId('JA', 'CSC', 3), 'DIRECTOR')).nominateBodyMember;
    // A8: directors are elected by the company's shareholders' meeting.
    expect(a).toMatchObject({ status: 'NOMINATED', method: 'ELECTION', nominatedBy: null, electedOrAppointedBy: { id: demoBodyId('JA', 'SHM') } });
    await approve(a);
    await approve(b);
    const full = (await ok(t, exec, BODY, { id: board })).governingBody;
    expect(full).toMatchObject({ activeSeats: 7, vacancies: 0 });
    const e = await fails(t, exec, NOMINATE, { i: { bodyId: board, employeeId: demoStaffEmployeeId('JA', 'MKT', 3), role: 'DIRECTOR' } });
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'SEAT_LIMIT_REACHED', seatLimit: 7 });
    // Dismissal frees a seat.
    const dismissed = (await ok(t, exec, DISMISS, { i: { membershipId: a.id, expectedVersion: a.version + 1, reason: '任期内辞职', resolutionId: await election(a) } }))
      .dismissBodyMember;
    expect(dismissed).toMatchObject({ status: 'DISMISSED', endReason: '任期内辞职' });
    expect(dismissed.termEnd).not.toBeNull();
    expect((await ok(t, exec, BODY, { id: board })).governingBody.vacancies).toBe(1);
    const again = await fails(t, exec, DISMISS, { i: { membershipId: a.id, expectedVersion: dismissed.version, reason: 'x' } });
    expect(again.reason).toBe('MEMBERSHIP_NOT_ACTIVE');
  });

  it('ORG-R03: the board of supervisors stops at 5; the limit is set per company and never below the filled seats', async () => {
    const bos = demoBodyId('JA', 'BOS');
    const body = (await ok(t, exec, BODY, { id: bos })).governingBody;
    const lower = await fails(t, exec, `mutation($i: SetSeatLimitInput!) { setGoverningBodySeatLimit(input: $i) { seatLimit } }`, {
      i: { bodyId: bos, expectedVersion: body.version, seatLimit: 2 },
    });
    expect(lower).toMatchObject({ reason: 'SEAT_LIMIT_BELOW_ACTIVE', activeSeats: 3 });
    const set = await ok(t, exec, `mutation($i: SetSeatLimitInput!) { setGoverningBodySeatLimit(input: $i) { seatLimit version } }`, {
      i: { bodyId: bos, expectedVersion: body.version, seatLimit: 4 },
    });
    expect(set.setGoverningBodySeatLimit).toEqual({ seatLimit: 4, version: body.version + 1 });
    const n1 = (await nominate(bos, demoStaffEmployeeId('JA', 'IT', 3), 'SUPERVISOR', { isShareholderRepresentative: true })).nominateBodyMember;
    const n2 = (await nominate(bos, demoStaffEmployeeId('JA', 'MKT', 3), 'SUPERVISOR')).nominateBodyMember;
    expect(n1.isShareholderRepresentative).toBe(true);
    await approve(n1);
    // The seat filled meanwhile: deciding on the second candidate is refused, both ways of counting agree.
    const e = await fails(t, exec, DECIDE, { i: { membershipId: n2.id, expectedVersion: n2.version, approve: true, resolutionId: await election(n2) } });
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'SEAT_LIMIT_REACHED', seatLimit: 4 });
    const rejected = (await ok(t, exec, DECIDE, { i: { membershipId: n2.id, expectedVersion: n2.version, approve: false, reason: '席位已满' } })).decideBodyNomination;
    expect(rejected.status).toBe('REJECTED');
  });

  it('A8/A9/A10: a sub-group fills director, GM and chief supervisor seats on the group board recommendation, decided by its own bodies', async () => {
    const director = (await nominate(demoBodyId('JATC', 'BOD'), demoStaffEmployeeId('JATC', 'ENG', 1), 'DIRECTOR')).nominateBodyMember;
    expect(director).toMatchObject({
      method: 'ELECTION',
      nominatedBy: { id: demoBodyId('JA', 'BOD') },
      electedOrAppointedBy: { id: demoBodyId('JATC', 'SHM'), company: { code: 'JATC' } },
    });
    const gm = (await nominate(demoBodyId('JATC', 'MGT'), demoStaffEmployeeId('JATC', 'ENG', 2), 'GENERAL_MANAGER')).nominateBodyMember;
    expect(gm).toMatchObject({ method: 'APPOINTMENT', nominatedBy: { id: demoBodyId('JA', 'BOD') }, electedOrAppointedBy: { id: demoBodyId('JATC', 'BOD') } });
    const chief = (await nominate(demoBodyId('JATC', 'BOS'), demoStaffEmployeeId('JATC', 'ENG', 3), 'CHIEF_SUPERVISOR')).nominateBodyMember;
    expect(chief).toMatchObject({ method: 'APPOINTMENT', nominatedBy: { id: demoBodyId('JA', 'BOD') }, electedOrAppointedBy: { id: demoBodyId('JATC', 'BOS') } });
    // A subsidiary (not a sub-group) needs no recommendation.
    const plain = (await nominate(demoBodyId('LANE', 'BOD'), demoStaffEmployeeId('LANE', 'ENG', 1), 'DIRECTOR')).nominateBodyMember;
    expect(plain.nominatedBy).toBeNull();
  });

  it('A7 and A11: senior managers are appointed by the board; a CFO is dispatched by the group board', async () => {
    const vp = (await nominate(demoBodyId('LANE', 'MGT'), demoStaffEmployeeId('LANE', 'SALES', 2), 'SENIOR_MANAGER')).nominateBodyMember;
    expect(vp).toMatchObject({ method: 'APPOINTMENT', electedOrAppointedBy: { id: demoBodyId('LANE', 'BOD') } });
    const cfo = (await nominate(demoBodyId('LANE', 'MGT'), demoStaffEmployeeId('LANE', 'FIN', 1), 'CFO')).nominateBodyMember;
    expect(cfo).toMatchObject({ method: 'DISPATCH', nominatedBy: null, electedOrAppointedBy: { id: demoBodyId('JA', 'BOD'), company: { code: 'JA' } } });
    expect((await approve(cfo)).status).toBe('ACTIVE');
  });

  it('refuses roles that do not sit on the body, double seats, second chairs, departed people and stale decisions', async () => {
    const wrong = await fails(t, exec, NOMINATE, { i: { bodyId: demoBodyId('LANE', 'BOS'), employeeId: demoStaffEmployeeId('LANE', 'CS', 1), role: 'DIRECTOR' } });
    expect(wrong).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ROLE_NOT_ON_BODY' });
    const dup = await fails(t, exec, NOMINATE, { i: { bodyId: demoBodyId('JA', 'BOD'), employeeId: demoStaffEmployeeId('JA', 'MKT', 1), role: 'DIRECTOR' } });
    expect(dup.reason).toBe('MEMBERSHIP_EXISTS');
    const chair = (await nominate(demoBodyId('JA', 'MGT'), demoStaffEmployeeId('JA', 'LEGAL', 3), 'PRESIDENT')).nominateBodyMember;
    const second = await fails(t, exec, DECIDE, { i: { membershipId: chair.id, expectedVersion: chair.version, approve: true } });
    expect(second.reason).toBe('OFFICE_ALREADY_HELD');
    const stale = await fails(t, exec, DECIDE, { i: { membershipId: chair.id, expectedVersion: chair.version + 5, approve: false } });
    expect(stale.reason).toBe('STALE_VERSION');
    const term = await fails(t, exec, NOMINATE, {
      i: {
        bodyId: demoBodyId('LANE', 'BOD'),
        employeeId: demoStaffEmployeeId('LANE', 'CS', 2),
        role: 'DIRECTOR',
        termStart: '2026-01-01T00:00:00Z',
        termEnd: '2025-01-01T00:00:00Z',
      },
    });
    expect(term.reason).toBe('TERM_END_BEFORE_START');
  });

  it('only GROUP_EXECUTIVE changes memberships; reads are company-scoped; the changes are logged', async () => {
    for (const v of [viewers.sysadmin(), viewers.head('SOFT')]) {
      const e = await fails(t, v, NOMINATE, { i: { bodyId: demoBodyId('JATC', 'BOD'), employeeId: demoStaffEmployeeId('JATC', 'CS', 1), role: 'DIRECTOR' } });
      expect(e.reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    }
    // A JATC user sees its own board and the nominee, but not the group board that recommended (null).
    const mine = await ok(
      t,
      viewers.head('SOFT'),
      BODY.replace('members(status: ACTIVE) { role person { id } }', 'members(status: NOMINATED) { role nominatedBy { id } electedOrAppointedBy { id } }'),
      { id: demoBodyId('JATC', 'BOD') },
    );
    expect(mine.governingBody.members.length).toBeGreaterThan(0);
    expect(mine.governingBody.members[0]).toMatchObject({ nominatedBy: null, electedOrAppointedBy: { id: demoBodyId('JATC', 'SHM') } });
    expect((await ok(t, viewers.head('SOFT'), BODY, { id: demoBodyId('JA', 'BOD') })).governingBody).toBeNull();
    const log = await ok(
      t,
      exec,
      `query($c: ID) { governanceChanges(first: 100, filter: { companyId: $c, entityType: "BodyMembership" }) { edges { node { action actorAccountId } } } }`,
      { c: companyId('JA') },
    );
    const actions = log.governanceChanges.edges.map((e: any) => e.node.action);
    expect(actions).toEqual(expect.arrayContaining(['NOMINATED', 'ELECTED', 'DISMISSED', 'REJECTED']));
  });

  it('reports expiring terms (company-scoped) and costs one statement per level for members of many bodies', async () => {
    const r = await ok(t, exec, `{ expiringTerms(withinDays: 3650) { role company { code } } }`);
    expect(r.expiringTerms.length).toBeGreaterThanOrEqual(10);
    const scoped = await ok(t, viewers.head('SOFT'), `{ expiringTerms(withinDays: 3650) { company { code } } }`);
    expect(new Set(scoped.expiringTerms.map((x: any) => x.company.code))).toEqual(new Set(['JATC']));
    const before = t.app.counter.count;
    await ok(t, exec, `{ companies(first: 20) { edges { node { governingBodies { activeSeats members { role } } } } } }`);
    // companies, viewer scope check is free for the executive, bodies, memberships.
    expect(t.app.counter.count - before).toBe(3);
  });
});
