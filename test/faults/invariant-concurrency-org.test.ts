import { demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId, DEMO_COMPANIES, DEMO_DEPARTMENTS, stableId } from '@group/shared';
import { DEMO_GROUP_DIRECTORS, demoBodyId } from '../../subgraphs/organization/src/database/seed';
import { adoptedResolution, OrgTestApp } from '../../subgraphs/organization/src/testing/harness';
import { startTestGraph, TestGraph } from '../support/graph';
import { report } from '../support/processes';

/**
 * Issue 17.1, organization: every "at most N / exactly one" rule under 20 concurrent attempts on
 * MariaDB (where writes run concurrently; SQLite runs them one at a time). Each burst must end
 * exactly at the limit, every other attempt refused with the rule's stable reason: no 500s, no
 * other outcomes. Where two writes race on one rule (a limit lowered while it is being filled, a
 * departure while the person is being assigned), the rule holds at the end whichever wins. Through
 * the gateway, on the demo data; the owning row of each rule is locked by its service (lockForUpdate).
 */
const N = 20;

const companyId = (code: string) => DEMO_COMPANIES.find((c) => c.code === code)!.id;
/** Ordinary staff of a subsidiary, segment people included (21 for a company with two segments). */
const staffOf = (code: string, segments: string[] = []) => [
  ...DEMO_DEPARTMENTS.flatMap((d) => [1, 2, 3].map((n) => demoStaffEmployeeId(code, d.code, n))),
  ...segments.flatMap((s) => (['head', 'staff', 'admin'] as const).map((w) => demoSegmentPersonId(s, w))),
];
/** N people who hold no seat anywhere (subsidiary staff; JATC's have sub-group seats). */
const CANDIDATES = ['JARE', 'JACN', 'JAPM'].flatMap((c) => staffOf(c)).slice(0, N);
/** Four of the group board's five directors (a quorum). */
const GROUP_DIRECTORS = DEMO_GROUP_DIRECTORS.slice(0, 4);

type Answer = { status: number; body: { data?: any; errors?: any[] } };

describe('aggregate invariants under 20 concurrent attempts on MariaDB (organization)', () => {
  let g: TestGraph;
  let token: string;
  beforeAll(async () => {
    g = await startTestGraph('mariadb');
    token = await g.login('executive@example.com');
  }, 120_000);
  afterAll(() => g?.stop());

  const call = (query: string, variables?: Record<string, unknown>) => g.request(query, { token, variables });
  /** One sequential setup call that must succeed. */
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const r = await call(query, variables);
    if (!r.body.data || r.body.errors) throw new Error(`setup failed: ${JSON.stringify(r.body.errors)}`);
    return r.body.data;
  };
  /** A resolution of `bodyId` on `matter` adopted through the gateway (ORG-R16/R19, ORG-R26: decisions cite one each). */
  const adopted = (bodyId: string, matter: string) =>
    adoptedResolution(
      // An app whose operations go through the gateway (as this test's signed-in executive): what the shared exec runs.
      {
        createContext: () => ({}),
        server: {
          apollo: {
            executeOperation: async ({ query, variables }: { query: string; variables?: Record<string, unknown> }) => ({
              body: { kind: 'single', singleResult: (await call(query, variables)).body },
            }),
          },
        },
      } as unknown as OrgTestApp,
      bodyId,
      matter,
    );
  /** Fires the attempts at once. */
  const burst = (attempt: (i: number) => Promise<Answer>) => Promise.all(Array.from({ length: N }, (_, i) => attempt(i)));

  /**
   * Accepted = answered with data for `field`; refused = the rule's reason (CONFLICT unless `code` says
   * otherwise; a few rules have two reasons); anything else is listed.
   */
  const expectExactly = (rule: string, results: Answer[], field: string, limit: number, reason: string, figures: Record<string, string | number> = {}, code = 'CONFLICT') => {
    const reasons = reason.split('|');
    const accepted = results.filter((r) => r.body.data?.[field] && !r.body.errors);
    const refused = results.filter(
      (r) => r.status === 200 && r.body.errors?.length === 1 && r.body.errors[0].extensions?.code === code && reasons.includes(r.body.errors[0].extensions?.reason),
    );
    const other = results
      .filter((r) => !accepted.includes(r) && !refused.includes(r))
      .map((r) => `${r.status} ${r.body.errors?.map((e: any) => `${e.extensions?.code}/${e.extensions?.reason ?? e.message}`).join(', ')}`);
    const byReason = Object.fromEntries(reasons.map((x) => [`refused ${x}`, refused.filter((r) => r.body.errors![0].extensions.reason === x).length]));
    report(`${rule}: ${N} concurrent attempts`, { accepted: `${accepted.length} of ${limit}`, ...byReason, 'other outcomes': other.length ? other.join('; ') : 0, ...figures });
    expect({ accepted: accepted.length, refused: refused.length, other }).toEqual({ accepted: limit, refused: N - limit, other: [] });
    return accepted.map((r) => r.body.data[field]);
  };

  // ---- governing bodies --------------------------------------------------------------------------

  const NOMINATE = `mutation($i: NominateBodyMemberInput!) { nominateBodyMember(input: $i) { id version } }`;
  const DECIDE = `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { id status } }`;
  const BODY = `query($id: ID!) { governingBody(id: $id) { seatLimit activeSeats members(status: ACTIVE) { role } } }`;

  const nominateAll = async (bodyId: string, role: string) => {
    const out: { id: string; version: number }[] = [];
    for (const employeeId of CANDIDATES) out.push((await ok(NOMINATE, { i: { bodyId, employeeId, role } })).nominateBodyMember);
    return out;
  };
  /** Elections: one resolution of the company's shareholders' meeting per seat, adopted beforehand. */
  const elections = async (companyCode: string, n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(await adopted(demoBodyId(companyCode, 'SHM'), 'ELECT_DIRECTORS_AND_SUPERVISORS'));
    return out;
  };
  const approveAll = (nominees: { id: string; version: number }[], resolutionIds: (string | null)[] = []) =>
    burst((i) => call(DECIDE, { i: { membershipId: nominees[i].id, expectedVersion: nominees[i].version, approve: true, resolutionId: resolutionIds[i] ?? null } }));

  it('ORG-R04: approvals for the last board seats end at exactly 7 of 7 (SEAT_LIMIT_REACHED)', async () => {
    const board = demoBodyId('JA', 'BOD');
    const before = (await ok(BODY, { id: board })).governingBody;
    const nominees = await nominateAll(board, 'DIRECTOR');
    const results = await approveAll(nominees, await elections('JA', N));
    const after = (await ok(BODY, { id: board })).governingBody;
    expectExactly('ORG-R04 board seats', results, 'decideBodyNomination', before.seatLimit - before.activeSeats, 'SEAT_LIMIT_REACHED', {
      'active seats before → after': `${before.activeSeats} → ${after.activeSeats} of ${after.seatLimit}`,
    });
    expect(after.activeSeats).toBe(after.seatLimit);
  });

  it('ORG-R03: approvals for the last supervisor seats end at exactly 5 of 5 (SEAT_LIMIT_REACHED)', async () => {
    const bos = demoBodyId('JA', 'BOS');
    const before = (await ok(BODY, { id: bos })).governingBody;
    const nominees = await nominateAll(bos, 'SUPERVISOR');
    const results = await approveAll(nominees, await elections('JA', N));
    const after = (await ok(BODY, { id: bos })).governingBody;
    // The candidates elected directors above may not supervise as well (ORG-R17).
    expectExactly('ORG-R03 supervisor seats', results, 'decideBodyNomination', before.seatLimit - before.activeSeats, 'SEAT_LIMIT_REACHED|SEPARATION_OF_POWERS', {
      'active seats before → after': `${before.activeSeats} → ${after.activeSeats} of ${after.seatLimit}`,
    });
    expect(after.activeSeats).toBe(after.seatLimit);
  });

  it('one BOARD_CHAIR per board: concurrent approvals give exactly one chair (OFFICE_ALREADY_HELD)', async () => {
    const board = demoBodyId('LANE', 'BOD');
    const nominees = await nominateAll(board, 'BOARD_CHAIR');
    // The board elects its chair: one resolution each (ELECT_BOARD_CHAIR).
    const resolutionIds: string[] = [];
    for (let i = 0; i < N; i++) resolutionIds.push(await adopted(board, 'ELECT_BOARD_CHAIR'));
    const results = await approveAll(nominees, resolutionIds);
    const chairs = (await ok(BODY, { id: board })).governingBody.members.filter((m: any) => m.role === 'BOARD_CHAIR').length;
    expectExactly('one BOARD_CHAIR', results, 'decideBodyNomination', 1, 'OFFICE_ALREADY_HELD', { 'active chairs': chairs });
    expect(chairs).toBe(1);
  });

  it('ORG-R03: lowering the seat limit while seats are being filled never leaves more members than seats', async () => {
    const bos = demoBodyId('JACN', 'BOS');
    const nominees = await nominateAll(bos, 'SUPERVISOR');
    const resolutionIds = await elections('JACN', N);
    const { version } = (await ok(`query($id: ID!) { governingBody(id: $id) { version } }`, { id: bos })).governingBody;
    // One attempt lowers the limit to 1, the others approve a candidate each.
    const results = await burst((i) =>
      i === 0
        ? call(`mutation($i: SetSeatLimitInput!) { setGoverningBodySeatLimit(input: $i) { seatLimit } }`, { i: { bodyId: bos, expectedVersion: version, seatLimit: 1 } })
        : call(DECIDE, { i: { membershipId: nominees[i].id, expectedVersion: nominees[i].version, approve: true, resolutionId: resolutionIds[i] } }),
    );
    const after = (await ok(BODY, { id: bos })).governingBody;
    const outcome = (r: Answer) => (r.body.errors ? `${r.body.errors[0].extensions?.code}/${r.body.errors[0].extensions?.reason}` : 'accepted');
    const tally = results.reduce<Record<string, number>>((t, r) => ({ ...t, [outcome(r)]: (t[outcome(r)] ?? 0) + 1 }), {});
    report(`ORG-R03 seat limit lowered during ${N - 1} approvals`, { ...tally, 'active seats / limit after': `${after.activeSeats} / ${after.seatLimit}` });
    expect(Object.keys(tally).filter((k) => !['accepted', 'CONFLICT/SEAT_LIMIT_REACHED', 'CONFLICT/SEAT_LIMIT_BELOW_ACTIVE'].includes(k))).toEqual([]);
    expect(after.activeSeats).toBeLessThanOrEqual(after.seatLimit);
  });

  it('a person holds or is proposed for one seat per body (MEMBERSHIP_EXISTS)', async () => {
    const results = await burst(() => call(NOMINATE, { i: { bodyId: demoBodyId('LANE', 'BOS'), employeeId: staffOf('LANE')[0], role: 'SUPERVISOR' } }));
    expectExactly('one seat per person and body', results, 'nominateBodyMember', 1, 'MEMBERSHIP_EXISTS');
  });

  it("a shareholding has one representative on the shareholders' meeting (SHAREHOLDING_ALREADY_REPRESENTED)", async () => {
    // One of LANE's shareholdings no one represents yet (the chair's resolutions above may have seated the group's).
    const represented = (await ok(`query($id: ID!) { governingBody(id: $id) { members { shareholding { id } } } }`, { id: demoBodyId('LANE', 'SHM') })).governingBody.members.map(
      (x: any) => x.shareholding?.id,
    );
    const shareholdingId = [stableId('shareholding', 'LANE-JA'), stableId('shareholding', 'LANE-社会公众股东')].find((id) => !represented.includes(id));
    const people = [...staffOf('LANE', ['ENGY']), ...staffOf('HHTR')].slice(0, N);
    const results = await burst((i) => call(NOMINATE, { i: { bodyId: demoBodyId('LANE', 'SHM'), employeeId: people[i], role: 'SHAREHOLDER', shareholdingId } }));
    expectExactly('one representative per shareholding', results, 'nominateBodyMember', 1, 'SHAREHOLDING_ALREADY_REPRESENTED');
  });

  it('ORG-R17: a person given a decision power and a supervision power at once ends with exactly one of them (SEPARATION_OF_POWERS)', async () => {
    // Ten people of one company, each the subject of two concurrent decisions across paths: elected director
    // while being granted audit supervision, or granted a major-decision power while being elected supervisor.
    // The check reads several rows of the person (seats, posts, delegations): their employee row is the lock.
    const code = 'JAFN';
    const people = DEMO_DEPARTMENTS.flatMap((d) => [2, 3].map((n) => demoStaffEmployeeId(code, d.code, n))).slice(0, N / 2);
    const GRANT = `mutation($i: GrantDelegationInput!) { grantDelegation(input: $i) { id } }`;
    const grant = (employeeId: string, grantor: 'SHM' | 'BOS', power: string) =>
      call(GRANT, { i: { companyId: companyId(code), grantorBodyId: demoBodyId(code, grantor), granteeEmployeeId: employeeId, power, scopeDescription: '并发授权' } });
    const nominations: { id: string; version: number }[] = [];
    for (const [i, employeeId] of people.entries()) {
      nominations.push(
        (await ok(NOMINATE, { i: { bodyId: demoBodyId(code, i % 2 === 0 ? 'BOD' : 'BOS'), employeeId, role: i % 2 === 0 ? 'DIRECTOR' : 'SUPERVISOR' } })).nominateBodyMember,
      );
    }
    const resolutionIds = await elections(code, people.length);
    const elect = (i: number) => call(DECIDE, { i: { membershipId: nominations[i].id, expectedVersion: nominations[i].version, approve: true, resolutionId: resolutionIds[i] } });
    const results = await burst((k) => {
      const i = k >> 1;
      if (k % 2 === 0) return elect(i);
      return i % 2 === 0 ? grant(people[i], 'BOS', 'AUDIT_SUPERVISION') : grant(people[i], 'SHM', 'MAJOR_DECISION');
    });
    const accepted = results.map((r) => !!r.body.data && !r.body.errors);
    const both = people.filter((_, i) => accepted[2 * i] && accepted[2 * i + 1]);
    expectExactly(
      'ORG-R17 one side per person',
      results.map((r) => ({ ...r, body: { ...r.body, data: r.body.data ? { result: r.body.data.decideBodyNomination ?? r.body.data.grantDelegation } : r.body.data } })),
      'result',
      N / 2,
      'SEPARATION_OF_POWERS',
      { 'people holding both': both.length },
    );
    expect(both).toEqual([]);
  });

  // ---- positions (ORG-R26: 定编制 / 定人员) ---------------------------------------------------------

  const CREATE_POSITION = `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id } }`;
  const ASSIGN = `mutation($p: ID!, $e: ID!) { assignToPosition(positionId: $p, employeeId: $e) { id } }`;
  const STAFFED = `query($id: ID!) { position(id: $id) { staffed headcountQuota } }`;
  const JARE_STAFF = staffOf('JARE', ['RESI', 'COMM']);
  const position = async (title: string, headcountQuota: number) =>
    (await ok(CREATE_POSITION, { i: { departmentId: demoDepartmentId('JARE', 'ENG'), title, headcountQuota, duties: '现场管理', incentives: '绩效奖金' } })).createPosition
      .id as string;

  it.each([1, 3])('ORG-R26: a position with a quota of %i is staffed exactly to its quota (HEADCOUNT_EXCEEDED)', async (quota) => {
    const id = await position(`并发岗位-${quota}`, quota);
    const results = await burst((i) => call(ASSIGN, { p: id, e: JARE_STAFF[i] }));
    const after = (await ok(STAFFED, { id })).position;
    expectExactly(`ORG-R26 headcount ${quota}`, results, 'assignToPosition', quota, 'HEADCOUNT_EXCEEDED', { staffed: `${after.staffed} of ${after.headcountQuota}` });
    expect(after.staffed).toBe(quota);
  });

  it('ORG-R26: a quota lowered by the board while the position is being staffed is never exceeded', async () => {
    const id = await position('并发岗位-缩编', 5);
    const change = (
      await ok(`mutation($i: RequestHeadcountChangeInput!) { requestHeadcountChange(input: $i) { id version } }`, { i: { positionId: id, newQuota: 1, reason: '精简' } })
    ).requestHeadcountChange;
    const r = await adopted(demoBodyId('JARE', 'BOD'), 'HEADCOUNT_CHANGE');
    // One attempt approves the lower quota, the others assign a person each.
    const results = await burst((i) =>
      i === 0
        ? call(`mutation($id: ID!, $v: Int!, $r: ID) { decideHeadcountChange(id: $id, expectedVersion: $v, approve: true, resolutionId: $r) { id } }`, {
            id: change.id,
            v: change.version,
            r,
          })
        : call(ASSIGN, { p: id, e: JARE_STAFF[i] }),
    );
    const after = (await ok(STAFFED, { id })).position;
    const outcome = (r: Answer) => (r.body.errors ? `${r.body.errors[0].extensions?.code}/${r.body.errors[0].extensions?.reason}` : 'accepted');
    const tally = results.reduce<Record<string, number>>((t, r) => ({ ...t, [outcome(r)]: (t[outcome(r)] ?? 0) + 1 }), {});
    report(`ORG-R26 quota lowered during ${N - 1} assignments`, { ...tally, 'staffed / quota after': `${after.staffed} / ${after.headcountQuota}` });
    expect(Object.keys(tally).filter((k) => !['accepted', 'CONFLICT/HEADCOUNT_EXCEEDED', 'CONFLICT/HEADCOUNT_BELOW_STAFFING'].includes(k))).toEqual([]);
    expect(after.staffed).toBeLessThanOrEqual(after.headcountQuota);
  });

  it('ORG-R26: one person holds a position once (ASSIGNMENT_EXISTS)', async () => {
    const id = await position('并发岗位-同一人', 5);
    const results = await burst(() => call(ASSIGN, { p: id, e: JARE_STAFF[0] }));
    expectExactly('ORG-R26 one assignment per person', results, 'assignToPosition', 1, 'ASSIGNMENT_EXISTS', { staffed: (await ok(STAFFED, { id })).position.staffed });
  });

  it('ORG-R26: one headcount change per position awaits the board (HEADCOUNT_CHANGE_PENDING)', async () => {
    const id = await position('并发岗位-编制调整', 2);
    const results = await burst((i) =>
      call(`mutation($i: RequestHeadcountChangeInput!) { requestHeadcountChange(input: $i) { id } }`, { i: { positionId: id, newQuota: 3 + i, reason: '业务扩张' } }),
    );
    expectExactly('ORG-R26 one pending headcount change', results, 'requestHeadcountChange', 1, 'HEADCOUNT_CHANGE_PENDING');
  });

  it('ORG-R26: one board resolution approves one headcount change: 20 approvals citing it at once, one is accepted (RESOLUTION_ALREADY_USED)', async () => {
    const REQUEST = `mutation($i: RequestHeadcountChangeInput!) { requestHeadcountChange(input: $i) { id version } }`;
    const changes: { id: string; version: number }[] = [];
    for (let i = 0; i < N; i++) changes.push((await ok(REQUEST, { i: { positionId: await position(`并发决议-${i}`, 1), newQuota: 2, reason: '扩编' } })).requestHeadcountChange);
    const r = await adopted(demoBodyId('JARE', 'BOD'), 'HEADCOUNT_CHANGE');
    const results = await burst((i) =>
      call(`mutation($id: ID!, $v: Int!, $r: ID) { decideHeadcountChange(id: $id, expectedVersion: $v, approve: true, resolutionId: $r) { id } }`, {
        id: changes[i].id,
        v: changes[i].version,
        r,
      }),
    );
    expectExactly('one resolution, one decision', results, 'decideHeadcountChange', 1, 'RESOLUTION_ALREADY_USED');
  });

  // ---- policy documents ----------------------------------------------------------------------------

  it('V-R6: a policy document has one version in progress at a time (OPEN_VERSION_EXISTS)', async () => {
    const version = (n: string) => ({ versionNumber: n, date: '2026-01-05T00:00:00Z', changeRecord: `修订 ${n}`, content: '正文', isMajorChange: true });
    const doc = (
      await ok(`mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id versions { id version } } }`, {
        i: { companyId: companyId('JA'), type: 'WORK_RULES_AND_PROCESS_COMPILATION', title: '并发制度', firstVersion: version('1.0') },
      })
    ).createPolicyDocument;
    const v = doc.versions[0];
    await ok(`mutation($id: ID!, $v: Int!) { submitPolicyVersion(versionId: $id, expectedVersion: $v) { id } }`, { id: v.id, v: v.version });
    // The executive (the group VP, who holds a decision power by delegation) signs a rules document as himself (V-R1).
    await ok(`mutation($id: ID!, $v: Int!) { approvePolicyVersion(versionId: $id, expectedVersion: $v) { id } }`, { id: v.id, v: v.version + 1 });
    await ok(`mutation($id: ID!, $v: Int!) { publishPolicyVersion(versionId: $id, expectedVersion: $v) { id } }`, { id: v.id, v: v.version + 2 });
    const results = await burst((i) =>
      call(`mutation($d: ID!, $i: PolicyVersionInput!) { draftPolicyVersion(documentId: $d, input: $i) { id } }`, { d: doc.id, i: version(`2.${i}`) }),
    );
    const statuses = (await ok(`query($id: ID!) { policyDocument(id: $id) { versions { status } } }`, { id: doc.id })).policyDocument.versions.map((x: any) => x.status).sort();
    expectExactly('V-R6 one open version', results, 'draftPolicyVersion', 1, 'OPEN_VERSION_EXISTS', { versions: statuses.join(', ') });
    expect(statuses).toEqual(['DRAFT', 'PUBLISHED']);
  });

  // ---- delegations (ORG-R17) -----------------------------------------------------------------------

  it('ORG-R17: a holder never both decides and supervises: half the concurrent grants are refused (SEPARATION_OF_POWERS)', async () => {
    const grantee = demoStaffEmployeeId('JA', 'IT', 3);
    const results = await burst((i) =>
      call(`mutation($i: GrantDelegationInput!) { grantDelegation(input: $i) { id power } }`, {
        i:
          i % 2
            ? { companyId: companyId('JA'), grantorBodyId: demoBodyId('JA', 'BOS'), granteeEmployeeId: grantee, power: 'AUDIT_SUPERVISION' }
            : { companyId: companyId('JA'), grantorBodyId: demoBodyId('JA', 'BOD'), granteeEmployeeId: grantee, power: 'GENERAL_DECISION', amountLimitWan: 10 },
      }),
    );
    const powers = [...new Set(results.map((r) => r.body.data?.grantDelegation?.power).filter(Boolean))];
    expectExactly('ORG-R17 separation of powers', results, 'grantDelegation', N / 2, 'SEPARATION_OF_POWERS', { 'powers granted to the one holder': powers.join(' + ') });
    expect(powers).toHaveLength(1);
  });

  // ---- meetings, evaluations, reviews --------------------------------------------------------------

  it('a meeting is held once (MEETING_ALREADY_HELD)', async () => {
    const m = (
      await ok(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
        i: { bodyId: demoBodyId('JA', 'MGT'), kind: 'REGULAR', title: '总裁办公会', scheduledFor: '2026-06-01T02:00:00Z' },
      })
    ).scheduleMeeting;
    const attendees = [demoStaffEmployeeId('JA', 'IT', 2), stableId('employee', 'executive')];
    const results = await burst(() =>
      call(`mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id status } }`, { i: { meetingId: m.id, expectedVersion: m.version, attendeeIds: attendees } }),
    );
    expectExactly('one holding per meeting', results, 'holdMeeting', 1, 'MEETING_ALREADY_HELD');
  });

  it("ORG-R18: the shareholders' meeting evaluates a body once per meeting (ALREADY_EVALUATED)", async () => {
    const results = await burst(() =>
      call(`mutation($i: EvaluateBodyPerformanceInput!) { evaluateBodyPerformance(input: $i) { id } }`, {
        i: { meetingId: stableId('meeting', 'JA-SHM-2024'), evaluatedBodyId: demoBodyId('JA', 'BOS'), period: '2024', rating: 'GOOD', comment: '履职尽责' },
      }),
    );
    expectExactly('ORG-R18 one evaluation per meeting and body', results, 'evaluateBodyPerformance', 1, 'ALREADY_EVALUATED');
  });

  it('ORG-R41: a department has one IT liaison (LIAISON_EXISTS)', async () => {
    const people = staffOf('JACN');
    const results = await burst((i) =>
      call(`mutation($i: AssignItLiaisonInput!) { assignItLiaison(input: $i) { id } }`, {
        i: { departmentId: demoDepartmentId('JACN', 'SALES'), employeeId: people[i % people.length], engagement: 'PART_TIME' },
      }),
    );
    expectExactly('ORG-R41 one liaison per department', results, 'assignItLiaison', 1, 'LIAISON_EXISTS');
  });

  it('ORG-R08: a checkpoint is reviewed once per company and period (CHECKPOINT_ALREADY_REVIEWED)', async () => {
    const results = await burst(() =>
      call(`mutation($i: RecordCheckpointReviewInput!) { recordCheckpointReview(input: $i) { id } }`, {
        i: { companyId: companyId('JAPM'), period: '2031-Q1', checkpoint: 'SUPERVISORS_ACT_ON_VIOLATIONS', result: 'PASS' },
      }),
    );
    expectExactly('ORG-R08 one review per checkpoint and period', results, 'recordCheckpointReview', 1, 'CHECKPOINT_ALREADY_REVIEWED');
  });

  // ---- departments and shareholdings ---------------------------------------------------------------

  /** A passed resolution of the group board on `matter` (ORG-R06 / ORG-R11). */
  const boardResolution = async (matter: string) => {
    const s = (
      await ok(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
        i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'IRREGULAR', title: '机构设置', scheduledFor: '2026-05-01T02:00:00Z', agenda: [{ title: '组织架构', matter }] },
      })
    ).scheduleMeeting;
    await ok(`mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: GROUP_DIRECTORS } });
    return (await ok(`mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id } }`, { i: { meetingId: s.id, matter, text: '同意', votesFor: 4, votesAgainst: 0 } }))
      .recordResolution.id as string;
  };
  const CREATE_DEPARTMENT = `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id version } }`;

  it('ORG-R06: a department code is taken once per company (DEPARTMENT_CODE_TAKEN)', async () => {
    const resolutionId = await boardResolution('DEPARTMENT_SETUP');
    const results = await burst((i) => call(CREATE_DEPARTMENT, { i: { companyId: companyId('JA'), code: 'AUDIT', name: `审计部-${i}`, kind: 'FUNCTIONAL', resolutionId } }));
    expectExactly('ORG-R06 one department per code', results, 'createDepartment', 1, 'DEPARTMENT_CODE_TAKEN');
  });

  it('ORG-R28: concurrent moves never make the department tree a loop (DEPARTMENT_CYCLE)', async () => {
    // One resolution decides one department: one to set up and one to move each.
    const depts: { id: string; version: number }[] = [];
    for (let i = 0; i < N; i++)
      depts.push(
        (
          await ok(CREATE_DEPARTMENT, {
            i: { companyId: companyId('JA'), code: `RING-${i}`, name: `环形-${i}`, kind: 'OFFICE', resolutionId: await boardResolution('DEPARTMENT_SETUP') },
          })
        ).createDepartment,
      );
    const moves: string[] = [];
    for (let i = 0; i < N; i++) moves.push(await boardResolution('ORG_RESTRUCTURING'));
    // Each moves under the next: the last of the ring to be checked would close the loop.
    const results = await burst((i) =>
      call(`mutation($i: RestructureDepartmentInput!) { restructureDepartment(input: $i) { id } }`, {
        i: { departmentId: depts[i].id, expectedVersion: depts[i].version, parentId: depts[(i + 1) % N].id, resolutionId: moves[i] },
      }),
    );
    expectExactly('ORG-R28 department tree', results, 'restructureDepartment', N - 1, 'DEPARTMENT_CYCLE');
  });

  it('ORG-R28: concurrent changes of managers never make a reporting line a loop (REPORTING_LINE_CYCLE)', async () => {
    // Department heads report to no one; each is to report to the next, across companies.
    const heads = ['JARE', 'JACN', 'JAPM', 'LANE'].flatMap((c) => DEMO_DEPARTMENTS.map((d) => demoStaffEmployeeId(c, d.code, 1)));
    const versions: number[] = [];
    for (const id of heads) versions.push((await ok(`query($id: ID!) { employee(id: $id) { version } }`, { id })).employee.version);
    const results = await burst((i) =>
      call(`mutation($e: ID!, $v: Int!, $m: ID) { transferEmployee(employeeId: $e, expectedVersion: $v, managerId: $m) { id } }`, {
        e: heads[i],
        v: versions[i],
        m: heads[(i + 1) % N],
      }),
    );
    expectExactly('ORG-R28 reporting lines', results, 'transferEmployee', N - 1, 'REPORTING_LINE_CYCLE', {}, 'BAD_USER_INPUT');
  });

  const SHAREHOLDERS = `query($id: ID!) { company(id: $id) { shareholders { id version holderName percentage } } }`;
  const RECORD = `mutation($i: RecordShareholdingInput!) { recordShareholding(input: $i) { id } }`;
  const GROUP_NAME = DEMO_COMPANIES.find((c) => c.code === 'JA')!.name;
  /** Removes a holding of the company (by default its outside one); answers the percentage freed. */
  const freeUp = async (code: string, holder?: string) => {
    const h = (await ok(SHAREHOLDERS, { id: companyId(code) })).company.shareholders.find((x: any) => (holder ? x.holderName === holder : x.holderName !== GROUP_NAME));
    await ok(`mutation($id: ID!, $v: Int!) { removeShareholding(id: $id, expectedVersion: $v) { id } }`, { id: h.id, v: h.version });
    return h.percentage as number;
  };
  const totalOf = async (code: string) => (await ok(SHAREHOLDERS, { id: companyId(code) })).company.shareholders.reduce((s: number, h: any) => s + h.percentage, 0);

  it('shareholdings of a company never exceed 100% (SHAREHOLDING_EXCEEDS_100)', async () => {
    const free = await freeUp('HHTR');
    const results = await burst((i) => call(RECORD, { i: { companyId: companyId('HHTR'), holderName: `投资人${i}`, percentage: 5 } }));
    const total = await totalOf('HHTR');
    expectExactly('shareholdings ≤ 100%', results, 'recordShareholding', free / 5, 'SHAREHOLDING_EXCEEDS_100', { 'total held': `${total}%` });
    expect(total).toBe(100);
  });

  it('a holder holds one shareholding of a company (SHAREHOLDING_EXISTS)', async () => {
    await freeUp('JAHT');
    const results = await burst(() => call(RECORD, { i: { companyId: companyId('JAHT'), holderName: '同一投资人', percentage: 1 } }));
    expectExactly('one shareholding per holder', results, 'recordShareholding', 1, 'SHAREHOLDING_EXISTS');
  });

  it('no cycle of shareholdings: concurrent holdings around a ring stop one short of it (SHAREHOLDING_CYCLE)', async () => {
    const ring = ['LANE', 'JAFN', 'JACN', 'JAPM'];
    await freeUp('LANE');
    await freeUp('JAFN', DEMO_COMPANIES.find((c) => c.code === 'JATC')!.name);
    await freeUp('JACN', GROUP_NAME);
    await freeUp('JAPM', GROUP_NAME);
    // Five attempts at each edge "ring[k] holds ring[k+1]"; the fourth edge to arrive would close the ring.
    const results = await burst((i) => call(RECORD, { i: { companyId: companyId(ring[(i + 1) % 4]), holderCompanyId: companyId(ring[i % 4]), percentage: 1 } }));
    let edges = 0;
    for (const code of ring)
      edges += (await ok(SHAREHOLDERS, { id: companyId(code) })).company.shareholders.filter((h: any) =>
        ring.some((r) => DEMO_COMPANIES.find((c) => c.code === r)!.name === h.holderName),
      ).length;
    expectExactly('no shareholding cycle', results, 'recordShareholding', 3, 'SHAREHOLDING_CYCLE|SHAREHOLDING_EXISTS', { 'ring holdings recorded': `${edges} of 4` });
    expect(edges).toBe(3);
  });

  // ---- departure ---------------------------------------------------------------------------------

  it('a departed employee holds no position and no seat, whatever was being assigned meanwhile (EMPLOYEE_DEPARTED)', async () => {
    const person = demoStaffEmployeeId('JARE', 'FIN', 3);
    const positions: string[] = [];
    for (let i = 0; i < 10; i++) positions.push(await position(`离职并发-${i}`, 5));
    const bodies = [
      ...['JACN', 'JAPM', 'HHTR', 'JAHT', 'JAFN'].map((c) => [demoBodyId(c, 'BOD'), 'DIRECTOR']),
      ...['JAPM', 'HHTR', 'JAHT', 'JAFN'].map((c) => [demoBodyId(c, 'BOS'), 'SUPERVISOR']),
    ];
    const { version } = (await ok(`query($id: ID!) { employee(id: $id) { version } }`, { id: person })).employee;
    // One attempt records the departure; the others assign the person to a position or propose them for a seat.
    const results = await burst((i) =>
      i === 0
        ? call(`mutation($e: ID!, $v: Int!, $r: String!) { setEmployeeStatus(employeeId: $e, expectedVersion: $v, status: DEPARTED, reason: $r) { id } }`, {
            e: person,
            v: version,
            r: '辞职',
          })
        : i <= 10
          ? call(ASSIGN, { p: positions[i - 1], e: person })
          : call(NOMINATE, { i: { bodyId: bodies[i - 11][0], employeeId: person, role: bodies[i - 11][1] } }),
    );
    const after = (await ok(`query($id: ID!) { employee(id: $id) { status positions { id } } }`, { id: person })).employee;
    let seats = 0;
    for (const [id] of bodies)
      seats += (await ok(`query($id: ID!) { governingBody(id: $id) { members { status person { id } } } }`, { id })).governingBody.members.filter(
        (m: any) => m.person.id === person && ['ACTIVE', 'NOMINATED'].includes(m.status),
      ).length;
    const outcome = (r: Answer) => (r.body.errors ? `${r.body.errors[0].extensions?.code}/${r.body.errors[0].extensions?.reason}` : 'accepted');
    const tally = results.reduce<Record<string, number>>((t, r) => ({ ...t, [outcome(r)]: (t[outcome(r)] ?? 0) + 1 }), {});
    report(`departure during ${N - 1} assignments and nominations`, {
      ...tally,
      'status after': after.status,
      'active positions after': after.positions.length,
      'open seats after': seats,
    });
    expect(Object.keys(tally).filter((k) => !['accepted', 'CONFLICT/EMPLOYEE_DEPARTED'].includes(k))).toEqual([]);
    expect(results[0].body.data?.setEmployeeStatus).toBeTruthy();
    expect({ status: after.status, positions: after.positions.length, seats }).toEqual({ status: 'DEPARTED', positions: 0, seats: 0 });
  });
});
