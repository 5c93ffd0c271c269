import { demoDepartmentId, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { DEMO_GROUP_DIRECTORS, demoBodyId, demoPolicyId } from '../database/seed';

const SET = `mutation($i: SetDutiesInput!) { setDuties(input: $i) { ordinal text resolution { matter } } }`;

describe.each(testDatabaseKinds())('duty catalogues on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_duties');
  });
  afterAll(() => t?.stop());

  const boardResolution = async (matter: string) => {
    const s = (
      await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
        i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'IRREGULAR', title: '董事局会议', scheduledFor: '2026-09-01T02:00:00Z' },
      })
    ).scheduleMeeting;
    await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`, {
      i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: DEMO_GROUP_DIRECTORS },
    });
    return (
      await ok(t, exec, `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id } }`, {
        i: { meetingId: s.id, matter, text: '决议', votesFor: 5, votesAgainst: 0 },
      })
    ).recordResolution.id as string;
  };

  it('ORG-R40: the IT duty catalogue of D12 is loaded whole (27 duties, 6 holders, verbatim and in source order) with its source document', async () => {
    // domain.md "IT governance duty catalogue", copied verbatim: dropping, reordering or rewording a row fails here.
    const CATALOGUE: [string, string[]][] = [
      [
        '信息化领导小组',
        [
          '贯彻落实公司有关信息化工作的方针政策',
          '从战略层面统一组织、指导、决策,推动公司信息化建设工作',
          '研究解决公司信息化建设中的重大事项',
          '审议公司信息化规划和年度项目、资金计划',
          '审议公司信息化工作制度及相关标准',
          '审查公司信息化重大项目的建设方案和工作计划',
          '在规划安排、资源集成、监督检查、队伍组织等方面给予充分保证',
          '决策信息化建设中的其他重大事项和问题',
        ],
      ],
      ['信息技术部', ['负责信息化规划和计划管理', '负责信息化项目和费用管理', '负责信息化工作的监督、检查与考核', '负责对外协单位的管理']],
      ['信息专业', ['负责公司信息化技术体系建设', '负责信息化项目实施管理', '负责信息系统运维的管理工作', '负责公司信息安全管理工作', '负责公司信息相关设备资产管理']],
      ['信息运维', ['负责公司信息系统运维工作', '负责公司基础网络运维工作', '负责公司服务器系统运维工作', '负责公司所有办公计算机、打印机维护工作', '负责与集团公司会议联调工作']],
      ['业务部门、科室、车间', ['负责提出业务应用的信息化需求和建设目标', '负责确定业务流程和数据标准', '推进涉及本部门的信息化建设工作', '促进本部门相关信息系统的深化应用']],
      ['信息化专员', ['负责本部门有关信息化工作的协调联络']],
    ];
    const Q = `query($d: ID!) { dutyCatalogue(sourceDocumentId: $d) { holderKind holderId holderName duties { ordinal text textEn sourceDocument { title } } } }`;
    const sections = (await ok(t, exec, Q, { d: demoPolicyId('JA-IT') })).dutyCatalogue;
    expect(sections.map((x: any) => [x.holderName, x.duties.map((d: any) => d.text)])).toEqual(CATALOGUE);
    expect(sections.flatMap((x: any) => x.duties)).toHaveLength(27);
    expect(sections.map((x: any) => [x.holderKind, x.holderId])).toEqual([
      ['GOVERNING_BODY', demoBodyId('JA', 'ITLG')],
      ['DEPARTMENT', demoDepartmentId('JA', 'IT')],
      ['ROLE', 'IT_SPECIALTY'],
      ['ROLE', 'IT_OPERATIONS'],
      ['ROLE', 'BUSINESS_DEPARTMENT'],
      ['ROLE', 'IT_LIAISON'],
    ]);
    for (const x of sections) expect(x.duties.map((d: any) => d.ordinal)).toEqual(x.duties.map((_: unknown, i: number) => i + 1));
    expect(sections[0].duties[0]).toEqual({
      ordinal: 1,
      text: '贯彻落实公司有关信息化工作的方针政策',
      textEn: 'Implement company IT policies',
      sourceDocument: { title: '信息化管理办法' },
    });
    // The holders carry their parts: the leading group's and the technology department's duties.
    const body = await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { duties { text } } }`, { id: demoBodyId('JA', 'ITLG') });
    expect(body.governingBody.duties.map((d: any) => d.text)).toEqual(CATALOGUE[0][1]);
    const dept = await ok(t, exec, `query($id: ID!) { department(id: $id) { duties { text } } }`, { id: demoDepartmentId('JA', 'IT') });
    expect(dept.department.duties.map((d: any) => d.text)).toEqual(CATALOGUE[1][1]);
    // Role duties are reference data of the catalogue, not set one by one.
    expect((await fails(t, exec, SET, { i: { holderKind: 'ROLE', holderId: 'IT_LIAISON', expectedVersion: 1, duties: [{ text: 'x' }] } })).reason).toBe(
      'ROLE_DUTIES_ARE_REFERENCE_DATA',
    );
    // a segment head sees no group committee (company-scoped), hence none of its duties and no catalogue
    expect((await ok(t, viewers.head('RESI'), `query($id: ID!) { governingBody(id: $id) { id } }`, { id: demoBodyId('JA', 'ITLG') })).governingBody).toBeNull();
    expect((await ok(t, viewers.head('RESI'), Q, { d: demoPolicyId('JA-IT') })).dutyCatalogue).toBeNull();
  });

  it("ORG-R06: a department's duties are set only with the board's DEPARTMENT_SETUP resolution, one list per resolution; the list is replaced whole under the department's version", async () => {
    const dept = (await ok(t, exec, `query($id: ID!) { department(id: $id) { version } }`, { id: demoDepartmentId('JA', 'MKT') })).department;
    const base = {
      holderKind: 'DEPARTMENT',
      holderId: demoDepartmentId('JA', 'MKT'),
      expectedVersion: dept.version,
      duties: [{ text: '负责集团CRM系统的监督管理' }, { text: '负责跨版块营销信息调配' }],
    };
    expect((await fails(t, exec, SET, { i: base })).reason).toBe('RESOLUTION_REQUIRED');
    expect((await fails(t, exec, SET, { i: { ...base, resolutionId: stableId('resolution', 'JA-BOD-2025-1-1') } })).reason).toBe('BOARD_APPROVAL_REQUIRED'); // annual plan, not department setup
    const resolutionId = await boardResolution('DEPARTMENT_SETUP');
    const set = (await ok(t, exec, SET, { i: { ...base, resolutionId } })).setDuties;
    expect(set).toEqual([
      { ordinal: 1, text: '负责集团CRM系统的监督管理', resolution: { matter: 'DEPARTMENT_SETUP' } },
      { ordinal: 2, text: '负责跨版块营销信息调配', resolution: { matter: 'DEPARTMENT_SETUP' } },
    ]);
    expect((await fails(t, exec, SET, { i: { ...base, resolutionId, duties: [{ text: '只剩一条' }] } })).reason).toBe('STALE_VERSION');
    const again = (await ok(t, exec, `query($id: ID!) { department(id: $id) { version duties { text } } }`, { id: demoDepartmentId('JA', 'MKT') })).department;
    expect(again.duties).toHaveLength(2);
    // One resolution determines one duty list, once: replacing it takes a new one.
    expect((await fails(t, exec, SET, { i: { ...base, expectedVersion: again.version, resolutionId, duties: [{ text: '只剩一条' }] } })).reason).toBe('RESOLUTION_ALREADY_USED');
    await ok(t, exec, SET, { i: { ...base, expectedVersion: again.version, resolutionId: await boardResolution('DEPARTMENT_SETUP'), duties: [{ text: '只剩一条' }] } });
    expect((await ok(t, exec, `query($id: ID!) { department(id: $id) { duties { text } } }`, { id: demoDepartmentId('JA', 'MKT') })).department.duties).toEqual([
      { text: '只剩一条' },
    ]);
    // a committee's duties need no board resolution; a source from another subsidiary is refused
    const safety = (await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { version } }`, { id: demoBodyId('JA', 'SAFETY') })).governingBody;
    const body = { holderKind: 'GOVERNING_BODY', holderId: demoBodyId('JA', 'SAFETY'), expectedVersion: safety.version, duties: [{ text: '研究部署安全生产工作' }] };
    expect((await fails(t, exec, SET, { i: { ...body, sourceDocumentId: demoPolicyId('LANE-SAFETY') } })).reason).toBe('SOURCE_DOCUMENT_INVALID');
    expect((await ok(t, exec, SET, { i: body })).setDuties).toHaveLength(1);
    for (const v of [viewers.sysadmin(), viewers.head('RESI')]) expect((await fails(t, v, SET, { i: body })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
  });
});
