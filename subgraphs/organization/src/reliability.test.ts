import { GraphQLArgument, getNamedType, isInputObjectType } from 'graphql';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId, DEMO_COMPANIES, DEMO_SEGMENTS, newId, Role, stableId, Viewer } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from './testing/harness';
import { DEMO_GROUP_CHAIR_ID, DEMO_GROUP_DIRECTORS, demoBodyId, demoPositionId } from './database/seed';
import { demoAccountId, DEMO_PENDING_REQUEST_ID } from './accounts/account-demo.seed';
import { Account } from './accounts/account.entity';
import { AccountChangeRequest, AccountChangeRequestSegment, AccountChangeState } from './accounts/account-change.entity';
import { Company } from './companies/company.entity';
import { Department } from './departments/department.entity';
import { Employee } from './employees/employee.entity';
import { Shareholding } from './holdings/shareholding.entity';
import { BodyMembership, MembershipStatus } from './memberships/body-membership.entity';
import { GoverningBody } from './governing-bodies/governing-body.entity';
import { Delegation, DelegationStatus } from './delegations/delegation.entity';
import { Meeting } from './meetings/meeting.entity';
import { AssignmentStatus, PositionAssignment, Position } from './positions/position.entity';
import { PolicyVersion, PolicyVersionStatus } from './policies/policy.entity';
import { OrgAssessment, OrgAssessmentOpinion, OrgAssessmentState, StakeholderGroup } from './org-assessments/org-assessment.entity';
import { Plan, PlanStatus } from './plans/plan.entity';
import { TravelPeriod } from './compliance/compliance.entity';

/**
 * Issue #8, reliability of writes: idempotency keys on creates (mobile retries) and optimistic
 * versioning on updates, checked against the schema itself so a new mutation cannot skip either.
 */
const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!.id;
/** Four of the group board's five directors (a quorum). */
const DIRECTORS = DEMO_GROUP_DIRECTORS.slice(0, 4);
const exec = viewers.executive();
const admin = (): Viewer => ({ accountId: demoAccountId('admin.resi'), employeeId: demoSegmentPersonId('RESI', 'admin'), role: Role.SEGMENT_ADMIN, segmentIds: [RESI] });

/**
 * Mutations that neither create (idempotency key) nor update an aggregate with a version, and why.
 * Adding a mutation that is in none of the three groups fails the first test below.
 */
const NEITHER: Record<string, string> = {
  login: 'signs in: writes only sign-in bookkeeping (login records, failed attempts, lockout), never the account as such',
  changePassword:
    'the holder proves themselves with the current password; the server versions the change on the account it just read (a concurrent change is refused, STALE_VERSION)',
};

/** The fields of an `input` object argument. */
function inputFields(arg: GraphQLArgument) {
  const type = getNamedType(arg.type);
  return isInputObjectType(type) ? type.getFields() : {};
}
/** Does the mutation (or its `input` object) take this argument / field? */
function takes(field: { args: readonly GraphQLArgument[] }, name: string): boolean {
  return field.args.some((a) => a.name === name || (a.name === 'input' && name in inputFields(a)));
}

function mutationsOf(t: OrgTestApp) {
  const fields = Object.values(t.app.schema.getMutationType()!.getFields());
  return {
    all: fields.map((f) => f.name).sort(),
    keyed: fields
      .filter((f) => takes(f, 'idempotencyKey'))
      .map((f) => f.name)
      .sort(),
    versioned: fields
      .filter((f) => takes(f, 'expectedVersion'))
      .map((f) => f.name)
      .sort(),
  };
}

interface IdempotencyCase {
  mutation: string;
  viewer: () => Viewer;
  /** The operation; `$k` is the key, `$i` the input (or the arguments, for mutations without an input object). */
  query: string;
  input: Record<string, unknown>;
  /** The same request with one field changed. */
  other: Record<string, unknown>;
  /** Changes for the burst test's (new) request, where the first one would refuse it. */
  burst?: Record<string, unknown>;
  table: EntityTarget<ObjectLiteral>;
}

/** Seven create mutations across the areas (positions, policies, governance, oversight, accounts, compliance). */
const CASES: IdempotencyCase[] = [
  {
    mutation: 'createPosition',
    viewer: () => exec,
    query: `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id } }`,
    input: { departmentId: demoDepartmentId('JA', 'IT'), title: '数据工程师', headcountQuota: 2, duties: '数据平台', incentives: '年度绩效' },
    other: { headcountQuota: 3 },
    table: Position,
  },
  {
    mutation: 'createPolicyDocument',
    viewer: () => exec,
    query: `mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id } }`,
    input: {
      companyId: JA,
      type: 'BUSINESS_PROCESS',
      title: '采购流程',
      firstVersion: { versionNumber: '1.0', date: '2026-01-05T00:00:00.000Z', changeRecord: '初稿', content: '……' },
    },
    other: { title: '采购流程（修订）' },
    table: PolicyVersion,
  },
  {
    mutation: 'scheduleMeeting',
    viewer: () => exec,
    query: `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`,
    input: {
      bodyId: demoBodyId('JA', 'BOD'),
      kind: 'IRREGULAR',
      title: '临时董事会',
      scheduledFor: '2026-06-01T02:00:00.000Z',
      agenda: [{ title: '议题一', matter: 'DEPARTMENT_SETUP' }],
    },
    other: { scheduledFor: '2026-06-02T02:00:00.000Z' },
    table: Meeting,
  },
  {
    mutation: 'openOrgAssessment',
    viewer: () => exec,
    query: `mutation($k: String, $i: ID!, $scope: String!) { openOrgAssessment(idempotencyKey: $k, companyId: $i, scope: $scope) { id } }`,
    input: { scope: '总部职能梳理' },
    other: { scope: '总部职能梳理（二）' },
    table: OrgAssessment,
  },
  {
    mutation: 'createPlan',
    viewer: () => exec,
    query: `mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`,
    input: { companyId: JA, type: 'THREE_YEAR_PLAN', period: '2026-2028', title: '三年规划', targets: [{ name: '营业收入', targetValue: 100, unit: '亿元' }] },
    other: { targets: [{ name: '营业收入', targetValue: 120, unit: '亿元' }] },
    table: Plan,
  },
  {
    mutation: 'submitAccountChange',
    viewer: admin,
    query: `mutation($i: SubmitAccountChangeInput!) { submitAccountChange(input: $i) { id } }`,
    input: {
      kind: 'OPEN',
      employeeId: demoStaffEmployeeId('JARE', 'MKT', 2),
      oaReference: 'OA-XXGL-9',
      reason: '新入职',
      requestedRole: 'BUSINESS_STAFF',
      requestedSegmentIds: [RESI],
    },
    other: { requestedRole: 'SEGMENT_HEAD' },
    burst: { employeeId: demoStaffEmployeeId('JARE', 'MKT', 3) }, // one pending request per person
    table: AccountChangeRequest,
  },
  {
    mutation: 'recordTravelPeriod',
    viewer: () => viewers.sysadmin(),
    query: `mutation($i: RecordTravelPeriodInput!) { recordTravelPeriod(input: $i) { id } }`,
    input: { employeeId: demoStaffEmployeeId('JA', 'MKT', 3), startsAt: '2026-03-02T00:00:00.000Z', endsAt: '2026-03-06T00:00:00.000Z' },
    other: { endsAt: '2026-03-07T00:00:00.000Z' },
    table: TravelPeriod,
  },
];

/** The variables of a case: with an input object `{ i: {...input, idempotencyKey} }`, else flat arguments. */
function variables(c: IdempotencyCase, key: string, body: Record<string, unknown>) {
  if (c.mutation === 'openOrgAssessment') return { k: key, i: JA, ...body };
  return { i: { ...body, idempotencyKey: key } };
}

describe.each(testDatabaseKinds())('idempotency keys and optimistic versioning of organization (issue #8) on %s', (kind) => {
  let t: OrgTestApp;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_reliability');
  });
  afterAll(() => t?.stop());

  const repo = <T extends ObjectLiteral>(e: EntityTarget<T>) => t.app.dataSource.getRepository(e);

  it('every mutation either takes an idempotency key (creates) or an expectedVersion (updates), or is listed with its reason', () => {
    const { all, keyed, versioned } = mutationsOf(t);
    const neither = all.filter((n) => !keyed.includes(n) && !versioned.includes(n));
    expect(neither).toEqual(Object.keys(NEITHER).sort());
    // Creates of the organization subgraph that must stay retry-safe (issue #8's list).
    for (const m of [
      'recordShareholding',
      'nominateBodyMember',
      'grantDelegation',
      'scheduleMeeting',
      'recordResolution',
      'createPosition',
      'assignToPosition',
      'requestHeadcountChange',
      'createPolicyDocument',
      'draftPolicyVersion',
      'createDepartment',
      'issueComplianceCircular',
      'recordTravelPeriod',
      'recordEconomicPenalty',
      'submitAccountChange',
      'submitGovernanceReport',
      'takeSupervisoryAction',
      'recordCheckpointReview',
      'openOrgAssessment',
      'createPlan',
      'submitSubsidiaryMatter',
      'evaluateBodyPerformance',
      'recordItWorkAssessment',
    ]) {
      expect(keyed).toContain(m);
    }
  });

  it('an idempotency key longer than 64 characters is refused as bad input, on an input object and on plain arguments', async () => {
    const long = 'k'.repeat(65);
    const [pos, assessment] = [CASES[0], CASES[3]];
    expect((await fails(t, exec, pos.query, variables(pos, long, pos.input))).code).toBe('BAD_USER_INPUT');
    expect((await fails(t, exec, assessment.query, variables(assessment, long, assessment.input))).code).toBe('BAD_USER_INPUT');
  });

  describe.each(CASES.map((c) => [c.mutation, c] as const))('%s', (_name, c) => {
    it('the same key returns the first result and creates one row; a different input with that key is refused (IDEMPOTENCY_KEY_REUSED)', async () => {
      const before = await repo(c.table).count();
      const first = (await ok(t, c.viewer(), c.query, variables(c, `${c.mutation}-1`, c.input)))[c.mutation];
      const again = (await ok(t, c.viewer(), c.query, variables(c, `${c.mutation}-1`, c.input)))[c.mutation];
      expect(again.id).toBe(first.id);
      expect(await repo(c.table).count()).toBe(before + 1);
      const reused = await fails(t, c.viewer(), c.query, variables(c, `${c.mutation}-1`, { ...c.input, ...c.other }));
      expect(reused).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await repo(c.table).count()).toBe(before + 1);
    });

    it('20 concurrent calls with one key create exactly one row and all answer with it', async () => {
      const before = await repo(c.table).count();
      const results = await Promise.all(Array.from({ length: 20 }, () => t.exec(c.viewer(), c.query, variables(c, `${c.mutation}-burst`, { ...c.input, ...c.burst }))));
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      const ids = new Set(results.map((r) => r.data![c.mutation].id));
      expect(ids.size).toBe(1);
      expect(await repo(c.table).count()).toBe(before + 1);
    });
  });

  it('keys are per account: the same key used by another account is a new request of that account', async () => {
    const c = CASES[6]; // recordTravelPeriod: SYSTEM_ADMIN, or the employee's segment admin
    const other: Viewer = { ...viewers.sysadmin(), accountId: 'acc-sys-2' };
    const a = (await ok(t, viewers.sysadmin(), c.query, variables(c, 'shared-key', c.input))).recordTravelPeriod;
    const b = (await ok(t, other, c.query, variables(c, 'shared-key', c.input))).recordTravelPeriod;
    expect(b.id).not.toBe(a.id);
  });

  it('a keyed retry of a versioned record (recordOrgFinding) answers with the assessment instead of STALE_VERSION, and records one finding', async () => {
    const a = (await ok(t, exec, `mutation($c: ID!) { openOrgAssessment(companyId: $c, scope: "重试") { id version } }`, { c: JA })).openOrgAssessment;
    const q = `mutation($i: RecordOrgFindingInput!) { recordOrgFinding(input: $i) { id version findings { id } } }`;
    const i = { assessmentId: a.id, expectedVersion: a.version, kind: 'FUNCTION_MISSING', description: '缺少数据治理职能', idempotencyKey: 'finding-1' };
    const first = (await ok(t, exec, q, { i })).recordOrgFinding;
    const retry = (await ok(t, exec, q, { i })).recordOrgFinding;
    expect(retry).toEqual(first);
    expect(first.findings).toHaveLength(1);
    // Without the key the same retry is a second write with an old version.
    expect((await fails(t, exec, q, { i: { ...i, idempotencyKey: undefined } })).reason).toBe('STALE_VERSION');
  });

  /**
   * For every mutation whose arguments carry `expectedVersion`: a target in the state the mutation
   * accepts, and the operation with a version one behind. The list must match the schema.
   */
  const STALE: Record<string, () => Promise<{ viewer?: Viewer; query: string; vars: Record<string, unknown> }>> = {
    freezeAccount: async () => {
      const a = await repo(Account).findOneByOrFail({ id: demoAccountId('staff.resi') });
      return {
        viewer: viewers.sysadmin(),
        query: `mutation($id: ID!, $v: Int!) { freezeAccount(accountId: $id, expectedVersion: $v) { id } }`,
        vars: { id: a.id, v: a.version - 1 },
      };
    },
    resetPassword: async () => {
      const a = await repo(Account).findOneByOrFail({ id: demoAccountId('staff.comm') });
      return {
        viewer: viewers.sysadmin(),
        query: `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { id } }`,
        vars: { i: { accountId: a.id, expectedVersion: a.version - 1, newPassword: 'Amber-Meadow-93' } },
      };
    },
    updateCompanyLegalData: async () => {
      const c = await repo(Company).findOneByOrFail({ id: JA });
      return {
        query: `mutation($i: UpdateCompanyLegalDataInput!) { updateCompanyLegalData(input: $i) { id } }`,
        vars: { i: { companyId: JA, expectedVersion: c.version - 1, registeredAddress: '上海' } },
      };
    },
    removeShareholding: async () => {
      const h = (await repo(Shareholding).find({ take: 1 }))[0];
      return { query: `mutation($id: ID!, $v: Int!) { removeShareholding(id: $id, expectedVersion: $v) { id } }`, vars: { id: h.id, v: h.version - 1 } };
    },
    decideBodyNomination: async () => {
      const s = await repo(BodyMembership).findOneByOrFail({ status: MembershipStatus.NOMINATED });
      return {
        query: `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { id } }`,
        vars: { i: { membershipId: s.id, expectedVersion: s.version - 1, approve: false, reason: '不同意' } },
      };
    },
    dismissBodyMember: async () => {
      const s = await repo(BodyMembership).findOneByOrFail({ status: MembershipStatus.ACTIVE });
      return {
        query: `mutation($i: DismissBodyMemberInput!) { dismissBodyMember(input: $i) { id } }`,
        vars: { i: { membershipId: s.id, expectedVersion: s.version - 1, reason: '任期调整' } },
      };
    },
    setGoverningBodySeatLimit: async () => {
      const b = await repo(GoverningBody).findOneByOrFail({ id: demoBodyId('JA', 'BOD') });
      return {
        query: `mutation($i: SetSeatLimitInput!) { setGoverningBodySeatLimit(input: $i) { id } }`,
        vars: { i: { bodyId: b.id, expectedVersion: b.version - 1, seatLimit: 9 } },
      };
    },
    setGoverningBodyMeetingRules: async () => {
      const b = await repo(GoverningBody).findOneByOrFail({ id: demoBodyId('JA', 'BOS') });
      return {
        query: `mutation($i: SetMeetingRulesInput!) { setGoverningBodyMeetingRules(input: $i) { id } }`,
        vars: { i: { bodyId: b.id, expectedVersion: b.version - 1, quorumPercent: 60 } },
      };
    },
    revokeDelegation: async () => {
      const d = await repo(Delegation).findOneByOrFail({ status: DelegationStatus.ACTIVE });
      return { query: `mutation($id: ID!, $v: Int!) { revokeDelegation(id: $id, expectedVersion: $v) { id } }`, vars: { id: d.id, v: d.version - 1 } };
    },
    holdMeeting: async () => {
      const s = (await ok(t, exec, CASES[2].query, { i: { ...CASES[2].input, title: '待召开' } })).scheduleMeeting;
      const m = await repo(Meeting).findOneByOrFail({ id: s.id });
      return {
        query: `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`,
        vars: { i: { meetingId: m.id, expectedVersion: m.version - 1, attendeeIds: DIRECTORS } },
      };
    },
    updateResolutionExecution: async () => ({
      query: `mutation($id: ID!, $v: Int!) { updateResolutionExecution(id: $id, expectedVersion: $v, status: IN_PROGRESS) { id } }`,
      vars: { id: stableId('resolution', 'JA-BOD-2025-1-1'), v: 0 },
    }),
    endPositionAssignment: async () => {
      const a = await repo(PositionAssignment).findOneByOrFail({ status: AssignmentStatus.ACTIVE });
      return { query: `mutation($id: ID!, $v: Int!) { endPositionAssignment(id: $id, expectedVersion: $v) { id } }`, vars: { id: a.id, v: a.version - 1 } };
    },
    setPositionRank: async () => {
      const p = await repo(Position).findOneByOrFail({ id: demoPositionId('JARE', 'ENG', 'STAFF') });
      return { query: `mutation($id: ID!, $v: Int!) { setPositionRank(id: $id, expectedVersion: $v, rank: DEPARTMENT_HEAD) { id } }`, vars: { id: p.id, v: p.version - 1 } };
    },
    decideHeadcountChange: async () => {
      const p = (await ok(t, exec, CASES[0].query, { i: { ...CASES[0].input, title: '编制调整岗' } })).createPosition;
      const c = (await ok(t, exec, `mutation($p: ID!) { requestHeadcountChange(input: { positionId: $p, newQuota: 5, reason: "业务增长" }) { id version } }`, { p: p.id }))
        .requestHeadcountChange;
      return { query: `mutation($id: ID!, $v: Int!) { decideHeadcountChange(id: $id, expectedVersion: $v, approve: true) { id } }`, vars: { id: c.id, v: c.version - 1 } };
    },
    editPolicyDraft: async () => {
      const v = await policyVersionIn(PolicyVersionStatus.DRAFT);
      return {
        query: `mutation($i: EditPolicyDraftInput!) { editPolicyDraft(input: $i) { id } }`,
        vars: { i: { versionId: v.id, expectedVersion: v.version - 1, content: '改' } },
      };
    },
    submitPolicyVersion: async () => {
      const v = await policyVersionIn(PolicyVersionStatus.DRAFT);
      return { query: `mutation($id: ID!, $v: Int!) { submitPolicyVersion(versionId: $id, expectedVersion: $v) { id } }`, vars: { id: v.id, v: v.version - 1 } };
    },
    approvePolicyVersion: async () => {
      const v = await policyVersionIn(PolicyVersionStatus.PENDING_APPROVAL);
      return {
        viewer: { ...exec, employeeId: DEMO_GROUP_CHAIR_ID },
        query: `mutation($id: ID!, $v: Int!) { approvePolicyVersion(versionId: $id, expectedVersion: $v) { id } }`,
        vars: { id: v.id, v: v.version - 1 },
      };
    },
    rejectPolicyVersion: async () => {
      const v = await policyVersionIn(PolicyVersionStatus.PENDING_APPROVAL);
      return { query: `mutation($id: ID!, $v: Int!) { rejectPolicyVersion(versionId: $id, expectedVersion: $v) { id } }`, vars: { id: v.id, v: v.version - 1 } };
    },
    publishPolicyVersion: async () => {
      const v = await policyVersionIn(PolicyVersionStatus.APPROVED);
      return { query: `mutation($id: ID!, $v: Int!) { publishPolicyVersion(versionId: $id, expectedVersion: $v) { id } }`, vars: { id: v.id, v: v.version - 1 } };
    },
    restructureDepartment: async () => {
      const r = await boardResolution('ORG_RESTRUCTURING');
      const d = await repo(Department).findOneByOrFail({ id: demoDepartmentId('JA', 'IT') });
      return {
        query: `mutation($i: RestructureDepartmentInput!) { restructureDepartment(input: $i) { id } }`,
        vars: { i: { departmentId: d.id, expectedVersion: d.version - 1, name: '信息技术中心', resolutionId: r.id } },
      };
    },
    setEmployeeStatus: async () => {
      const e = await repo(Employee).findOneByOrFail({ id: demoStaffEmployeeId('JA', 'CSC', 3) });
      return {
        query: `mutation($id: ID!, $v: Int!) { setEmployeeStatus(employeeId: $id, expectedVersion: $v, status: ON_LEAVE, reason: "病假") { id } }`,
        vars: { id: e.id, v: e.version - 1 },
      };
    },
    transferEmployee: async () => {
      const e = await repo(Employee).findOneByOrFail({ id: demoStaffEmployeeId('JA', 'CSC', 3) });
      return {
        query: `mutation($id: ID!, $v: Int!, $d: ID) { transferEmployee(employeeId: $id, expectedVersion: $v, departmentId: $d) { id } }`,
        vars: { id: e.id, v: e.version - 1, d: demoDepartmentId('JA', 'MKT') },
      };
    },
    approveAccountChange: async () => {
      const r = await repo(AccountChangeRequest).findOneByOrFail({ id: DEMO_PENDING_REQUEST_ID });
      return { query: `mutation($i: DecideAccountChangeInput!) { approveAccountChange(input: $i) { id } }`, vars: { i: { id: r.id, expectedVersion: r.version - 1 } } };
    },
    rejectAccountChange: async () => {
      const r = await repo(AccountChangeRequest).findOneByOrFail({ id: DEMO_PENDING_REQUEST_ID });
      return {
        query: `mutation($i: DecideAccountChangeInput!) { rejectAccountChange(input: $i) { id } }`,
        vars: { i: { id: r.id, expectedVersion: r.version - 1, note: '信息不全' } },
      };
    },
    implementAccountChange: async () => {
      // A copy of the demo request, already approved.
      const r = await repo(AccountChangeRequest).findOneByOrFail({ id: DEMO_PENDING_REQUEST_ID });
      const id = newId();
      await repo(AccountChangeRequest).insert({ ...r, id, state: AccountChangeState.APPROVED });
      await repo(AccountChangeRequestSegment).insert({ requestId: id, segmentId: RESI, requested: true });
      return {
        viewer: viewers.sysadmin(),
        query: `mutation($id: ID!, $v: Int!) { implementAccountChange(id: $id, expectedVersion: $v) { temporaryPassword } }`,
        vars: { id, v: r.version - 1 },
      };
    },
    followUpSupervisoryAction: async () => {
      const base = {
        bodyId: demoBodyId('JA', 'BOS'),
        targetEmployeeId: demoStaffEmployeeId('JA', 'MKT', 1),
        finding: 'HARM_TO_COMPANY_INTEREST',
        action: 'CORRECT',
        description: '关联交易未披露',
      };
      const a = (await ok(t, exec, `mutation($i: TakeSupervisoryActionInput!) { takeSupervisoryAction(input: $i) { id version } }`, { i: base })).takeSupervisoryAction;
      return {
        query: `mutation($i: FollowUpSupervisoryActionInput!) { followUpSupervisoryAction(input: $i) { id } }`,
        vars: { i: { id: a.id, expectedVersion: a.version - 1, status: 'FOLLOWING_UP', followUp: '已约谈' } },
      };
    },
    adjustCheckpointReview: async () => {
      const input = { companyId: JA, period: '2024', checkpoint: 'MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', result: 'ISSUE', issue: '执行滞后' };
      const c = (await ok(t, exec, `mutation($i: RecordCheckpointReviewInput!) { recordCheckpointReview(input: $i) { id version } }`, { i: input })).recordCheckpointReview;
      return {
        query: `mutation($i: AdjustCheckpointReviewInput!) { adjustCheckpointReview(input: $i) { id } }`,
        vars: { i: { id: c.id, expectedVersion: c.version - 1, status: 'ADJUSTING', correctiveAdjustment: '督办' } },
      };
    },
    recordOrgFinding: async () => {
      const a = await assessmentIn(OrgAssessmentState.OPENED);
      return {
        query: `mutation($i: RecordOrgFindingInput!) { recordOrgFinding(input: $i) { id } }`,
        vars: { i: { assessmentId: a.id, expectedVersion: a.version - 1, kind: 'FUNCTION_OVERLAP', description: '职能重叠' } },
      };
    },
    draftRestructuringProposal: async () => {
      const a = await assessmentIn(OrgAssessmentState.FINDINGS_RECORDED);
      return {
        query: `mutation($id: ID!, $v: Int!) { draftRestructuringProposal(assessmentId: $id, expectedVersion: $v, proposal: "合并") { id } }`,
        vars: { id: a.id, v: a.version - 1 },
      };
    },
    recordStakeholderOpinion: async () => {
      const a = await assessmentIn(OrgAssessmentState.PROPOSAL_DRAFTED);
      return {
        query: `mutation($i: RecordStakeholderOpinionInput!) { recordStakeholderOpinion(input: $i) { id } }`,
        vars: { i: { assessmentId: a.id, expectedVersion: a.version - 1, group: 'EMPLOYEE', employeeId: demoStaffEmployeeId('JA', 'MKT', 3), opinion: '同意' } },
      };
    },
    submitOrgAssessmentToBoard: async () => {
      const a = await assessmentIn(OrgAssessmentState.OPINIONS_COLLECTED);
      await repo(OrgAssessmentOpinion).insert(
        Object.values(StakeholderGroup).map((g) => ({
          id: newId(),
          assessmentId: a.id,
          stakeholderGroup: g,
          employeeId: DEMO_GROUP_CHAIR_ID,
          opinion: '同意',
          recordedAt: new Date(),
        })),
      );
      return { query: `mutation($id: ID!, $v: Int!) { submitOrgAssessmentToBoard(assessmentId: $id, expectedVersion: $v) { id } }`, vars: { id: a.id, v: a.version - 1 } };
    },
    decideOrgAssessment: async () => {
      const a = await assessmentIn(OrgAssessmentState.SUBMITTED_TO_BOARD);
      return {
        query: `mutation($i: DecideOrgAssessmentInput!) { decideOrgAssessment(input: $i) { id } }`,
        vars: { i: { assessmentId: a.id, expectedVersion: a.version - 1, approve: false } },
      };
    },
    markOrgAssessmentImplemented: async () => {
      const a = await assessmentIn(OrgAssessmentState.BOARD_APPROVED);
      return { query: `mutation($id: ID!, $v: Int!) { markOrgAssessmentImplemented(assessmentId: $id, expectedVersion: $v) { id } }`, vars: { id: a.id, v: a.version - 1 } };
    },
    approvePlan: async () => {
      const p = (await ok(t, exec, CASES[4].query, { i: { ...CASES[4].input, type: 'ANNUAL_OPERATING_PLAN', period: '2025', title: '年度经营计划' } })).createPlan;
      const row = await repo(Plan).findOneByOrFail({ id: p.id });
      return {
        query: `mutation($id: ID!, $v: Int!, $r: ID!) { approvePlan(planId: $id, expectedVersion: $v, resolutionId: $r) { id } }`,
        vars: { id: row.id, v: row.version - 1, r: stableId('resolution', 'JA-BOD-2025-1-1') },
      };
    },
    reportPlanResults: async () => {
      const p = (await ok(t, exec, CASES[4].query, { i: { ...CASES[4].input, title: '已批准规划' } })).createPlan;
      await repo(Plan).update({ id: p.id }, { status: PlanStatus.APPROVED });
      const row = await repo(Plan).findOneByOrFail({ id: p.id });
      return {
        query: `mutation($i: ReportPlanResultsInput!) { reportPlanResults(input: $i) { id } }`,
        vars: { i: { planId: row.id, expectedVersion: row.version - 1, results: [] } },
      };
    },
    decideSubsidiaryMatter: async () => {
      const sub = DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id;
      const m = (
        await ok(t, exec, `mutation($i: SubmitSubsidiaryMatterInput!) { submitSubsidiaryMatter(input: $i) { id version } }`, {
          i: { subsidiaryId: sub, matter: 'MAJOR_GUARANTEE', handling: 'APPROVE', description: '担保', amountWan: 100 },
        })
      ).submitSubsidiaryMatter;
      return {
        query: `mutation($i: DecideSubsidiaryMatterInput!) { decideSubsidiaryMatter(input: $i) { id } }`,
        vars: { i: { id: m.id, expectedVersion: m.version - 1, outcome: 'APPROVED', decision: '同意' } },
      };
    },
    setDuties: async () => {
      const b = await repo(GoverningBody).findOneByOrFail({ id: demoBodyId('JA', 'BOD') });
      return {
        query: `mutation($i: SetDutiesInput!) { setDuties(input: $i) { id } }`,
        vars: { i: { holderKind: 'GOVERNING_BODY', holderId: b.id, expectedVersion: b.version - 1, duties: [{ text: '决定经营计划' }] } },
      };
    },
    recordItRectification: async () => {
      const RECORD = `mutation($i: RecordItWorkAssessmentInput!) { recordItWorkAssessment(input: $i) { id version } }`;
      const a = (
        await ok(t, exec, RECORD, {
          i: {
            departmentId: demoDepartmentId('JA', 'MKT'),
            assessorDepartmentId: demoDepartmentId('JA', 'IT'),
            period: '2026',
            kind: 'INSPECTION',
            score: 60,
            findings: '未按期备份',
            rectificationRequired: true,
            rectificationDue: '2030-01-01T00:00:00.000Z',
          },
        })
      ).recordItWorkAssessment;
      return {
        query: `mutation($i: RecordItRectificationInput!) { recordItRectification(input: $i) { id } }`,
        vars: { i: { id: a.id, expectedVersion: a.version - 1, rectification: '已备份' } },
      };
    },
    assignItLiaison: async () => {
      const ASSIGN = `mutation($i: AssignItLiaisonInput!) { assignItLiaison(input: $i) { id version } }`;
      const first = (await ok(t, exec, ASSIGN, { i: { departmentId: demoDepartmentId('JA', 'CSC'), employeeId: demoStaffEmployeeId('JA', 'CSC', 2), engagement: 'PART_TIME' } }))
        .assignItLiaison;
      return {
        query: ASSIGN,
        vars: { i: { departmentId: demoDepartmentId('JA', 'CSC'), employeeId: demoStaffEmployeeId('JA', 'CSC', 1), engagement: 'FULL_TIME', expectedVersion: first.version - 1 } },
      };
    },
    endPortfolio: async () => {
      const p = (
        await ok(t, exec, `mutation($i: AssignPortfolioInput!) { assignPortfolio(input: $i) { id version } }`, {
          i: { departmentId: demoDepartmentId('JARE', 'ENG'), executiveId: stableId('employee', 'executive') },
        })
      ).assignPortfolio;
      return { query: `mutation($id: ID!, $v: Int!) { endPortfolio(portfolioId: $id, expectedVersion: $v) { id } }`, vars: { id: p.id, v: p.version - 1 } };
    },
    setDepartmentSimulatedLegalEntity: async () => {
      const d = await repo(Department).findOneByOrFail({ id: demoDepartmentId('JA', 'MKT') });
      return {
        query: `mutation($i: SetSimulatedLegalEntityInput!) { setDepartmentSimulatedLegalEntity(input: $i) { id } }`,
        vars: { i: { departmentId: d.id, expectedVersion: d.version - 1, simulatedLegalEntity: false } },
      };
    },
  };

  /** A fresh policy document whose first version is put in `status`. */
  async function policyVersionIn(status: PolicyVersionStatus): Promise<PolicyVersion> {
    const doc = (await ok(t, exec, CASES[1].query, { i: { ...CASES[1].input, title: `文件 ${newId().slice(0, 8)}` } })).createPolicyDocument;
    const v = await repo(PolicyVersion).findOneByOrFail({ documentId: doc.id });
    if (status !== PolicyVersionStatus.DRAFT) await repo(PolicyVersion).update({ id: v.id }, { status, authorizerEmployeeId: DEMO_GROUP_CHAIR_ID });
    return v;
  }

  /** A fresh assessment of the group put in `state`. */
  async function assessmentIn(state: OrgAssessmentState): Promise<OrgAssessment> {
    const a = (await ok(t, exec, `mutation($c: ID!) { openOrgAssessment(companyId: $c, scope: "版块职能") { id } }`, { c: JA })).openOrgAssessment;
    if (state !== OrgAssessmentState.OPENED) await repo(OrgAssessment).update({ id: a.id }, { state, proposal: '方案' });
    return repo(OrgAssessment).findOneByOrFail({ id: a.id });
  }

  /** A quorate board meeting of the group passing a resolution on `matter`. */
  async function boardResolution(matter: string): Promise<{ id: string }> {
    const s = (await ok(t, exec, CASES[2].query, { i: { ...CASES[2].input, title: '组织架构调整', agenda: [{ title: '调整', matter }] } })).scheduleMeeting;
    const m = await repo(Meeting).findOneByOrFail({ id: s.id });
    await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`, { i: { meetingId: m.id, expectedVersion: m.version, attendeeIds: DIRECTORS } });
    return (
      await ok(t, exec, `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id } }`, {
        i: { meetingId: m.id, matter, text: '同意', votesFor: 4, votesAgainst: 0, abstentions: 0 },
      })
    ).recordResolution;
  }

  it('every update mutation (every one whose arguments carry expectedVersion) refuses a stale version with CONFLICT / STALE_VERSION', async () => {
    expect(Object.keys(STALE).sort()).toEqual(mutationsOf(t).versioned);
    const notRefused: string[] = [];
    for (const [name, setup] of Object.entries(STALE)) {
      const { viewer, query, vars } = await setup();
      const r = await t.exec(viewer ?? exec, query, vars);
      const e = r.errors?.[0]?.extensions;
      if (e?.code !== 'CONFLICT' || e?.reason !== 'STALE_VERSION') notRefused.push(`${name}: ${JSON.stringify(r.errors?.[0] ?? r.data)}`);
    }
    expect(notRefused).toEqual([]);
  });
});
