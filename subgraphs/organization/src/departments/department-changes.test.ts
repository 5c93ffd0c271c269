import { demoDepartmentId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { DEMO_GROUP_DIRECTORS, demoBodyId } from '../database/seed';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
/** Four of the group board's five directors (a quorum). */
const DIRECTORS = DEMO_GROUP_DIRECTORS.slice(0, 4);
const CREATE = `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id version code kind parent { code } company { code } } }`;
const MOVE = `mutation($i: RestructureDepartmentInput!) { restructureDepartment(input: $i) { id version name parent { code } } }`;

describe.each(testDatabaseKinds())('org structure changes need the board on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_deptchanges');
  });
  afterAll(() => t?.stop());

  /** A quorate board meeting of the group passing a resolution on `matter`. */
  const boardResolution = async (matter: string, votes: [number, number] = [4, 0]) => {
    const s = (
      await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
        i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'IRREGULAR', title: '组织架构调整', scheduledFor: '2026-05-01T02:00:00Z', agenda: [{ title: '机构设置', matter }] },
      })
    ).scheduleMeeting;
    await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: DIRECTORS } });
    const r = await ok(t, exec, `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id outcome } }`, {
      i: { meetingId: s.id, matter, text: '同意', votesFor: votes[0], votesAgainst: votes[1], abstentions: 0 },
    });
    return r.recordResolution;
  };

  it('ORG-R06: a new department needs a passed board resolution on DEPARTMENT_SETUP', async () => {
    const input = { companyId: JA, parentId: demoDepartmentId('JA', 'IT'), code: 'IT-OPS', name: '信息运维组', kind: 'OFFICE' };
    expect((await fails(t, exec, CREATE, { i: { ...input, resolutionId: 'none' } })).reason).toBe('BOARD_APPROVAL_REQUIRED');
    const wrongMatter = await boardResolution('ORG_RESTRUCTURING');
    expect((await fails(t, exec, CREATE, { i: { ...input, resolutionId: wrongMatter.id } })).reason).toBe('BOARD_APPROVAL_REQUIRED');
    const rejected = await boardResolution('DEPARTMENT_SETUP', [1, 3]);
    expect(rejected.outcome).toBe('REJECTED');
    expect((await fails(t, exec, CREATE, { i: { ...input, resolutionId: rejected.id } })).reason).toBe('BOARD_APPROVAL_REQUIRED');
    // A shareholders' resolution is not a board approval either.
    expect((await fails(t, exec, CREATE, { i: { ...input, resolutionId: stableId('resolution', 'JA-SHM-2024-1') } })).reason).toBe('BOARD_APPROVAL_REQUIRED');
    const ok1 = await boardResolution('DEPARTMENT_SETUP');
    const created = (await ok(t, exec, CREATE, { i: { ...input, resolutionId: ok1.id } })).createDepartment;
    expect(created).toMatchObject({ code: 'IT-OPS', kind: 'OFFICE', parent: { code: 'IT' }, company: { code: 'JA' } });
    expect((await fails(t, exec, CREATE, { i: { ...input, resolutionId: (await boardResolution('DEPARTMENT_SETUP')).id } })).reason).toBe('DEPARTMENT_CODE_TAKEN');
    // One resolution, one subject: the resolution now names the department it set up and sets up no other.
    expect((await fails(t, exec, CREATE, { i: { ...input, code: 'LEGAL3', resolutionId: ok1.id } })).reason).toBe('RESOLUTION_ALREADY_USED');
    // Another company's board resolution does not count for this company.
    const lane = DEMO_COMPANIES.find((c) => c.code === 'LANE')!.id;
    expect((await fails(t, exec, CREATE, { i: { ...input, companyId: lane, parentId: null, resolutionId: ok1.id } })).reason).toBe('BOARD_APPROVAL_REQUIRED');
  });

  it('ORG-R11: restructuring needs a board resolution on ORG_RESTRUCTURING and keeps one line of command', async () => {
    const dept = (await ok(t, exec, `query($id: ID!) { department(id: $id) { id version } }`, { id: demoDepartmentId('JA', 'LEGAL') })).department;
    const setup = await boardResolution('DEPARTMENT_SETUP');
    expect(
      (await fails(t, exec, MOVE, { i: { departmentId: dept.id, expectedVersion: dept.version, parentId: demoDepartmentId('JA', 'IT'), resolutionId: setup.id } })).reason,
    ).toBe('BOARD_APPROVAL_REQUIRED');
    const r = await boardResolution('ORG_RESTRUCTURING');
    const moved = (
      await ok(t, exec, MOVE, { i: { departmentId: dept.id, expectedVersion: dept.version, parentId: demoDepartmentId('JA', 'IT'), name: '法务合规部', resolutionId: r.id } })
    ).restructureDepartment;
    expect(moved).toMatchObject({ name: '法务合规部', parent: { code: 'IT' }, version: dept.version + 1 });
    // IT cannot now move under LEGAL (its own sub-department).
    const it = (await ok(t, exec, `query($id: ID!) { department(id: $id) { id version } }`, { id: demoDepartmentId('JA', 'IT') })).department;
    expect((await fails(t, exec, MOVE, { i: { departmentId: it.id, expectedVersion: it.version, parentId: dept.id, resolutionId: r.id } })).reason).toBe('RESOLUTION_ALREADY_USED');
    expect(
      (await fails(t, exec, MOVE, { i: { departmentId: it.id, expectedVersion: it.version, parentId: dept.id, resolutionId: (await boardResolution('ORG_RESTRUCTURING')).id } }))
        .reason,
    ).toBe('DEPARTMENT_CYCLE');
    // One resolution, one restructuring: the same department's next change needs another.
    expect((await fails(t, exec, MOVE, { i: { departmentId: dept.id, expectedVersion: moved.version, parentId: null, resolutionId: r.id } })).reason).toBe(
      'RESOLUTION_ALREADY_USED',
    );
    expect(
      (await fails(t, exec, MOVE, { i: { departmentId: dept.id, expectedVersion: dept.version, parentId: null, resolutionId: (await boardResolution('ORG_RESTRUCTURING')).id } }))
        .reason,
    ).toBe('STALE_VERSION');
    for (const v of [viewers.sysadmin(), viewers.head('RESI')]) {
      expect((await fails(t, v, MOVE, { i: { departmentId: dept.id, expectedVersion: moved.version, parentId: null, resolutionId: r.id } })).reason).toBe(
        'GOVERNANCE_CHANGE_FORBIDDEN',
      );
    }
    const log = await ok(t, exec, `{ governanceChanges(first: 100, filter: { entityType: "Department" }) { edges { node { action } } } }`);
    expect(log.governanceChanges.edges.map((e: any) => e.node.action).sort()).toEqual(['DEPARTMENT_CREATED', 'DEPARTMENT_RESTRUCTURED']);
  });
});
