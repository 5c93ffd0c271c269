import { demoDepartmentId, demoStaffEmployeeId, DEMO_COMPANIES, demoSegmentPersonId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { adoptedResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId, demoPositionId } from '../database/seed';

const companyId = (code: string) => DEMO_COMPANIES.find((c) => c.code === code)!.id;
const ASSIGN = `mutation($p: ID!, $e: ID!) { assignToPosition(positionId: $p, employeeId: $e) { id version status employee { id } position { staffed vacancies } } }`;

describe.each(testDatabaseKinds())('positions and the five determinations on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_positions');
  });
  afterAll(() => t?.stop());

  it('every demo position carries quota, staffing, duties, targets and incentives', async () => {
    const data = await ok(
      t,
      exec,
      `query($id: ID!) { position(id: $id) { title headcountQuota staffed vacancies duties incentives holders { id } targets { name period targetValue unit } department { id } company { code } } }`,
      {
        id: demoPositionId('LANE', 'SALES', 'STAFF'),
      },
    );
    expect(data.position).toMatchObject({
      headcountQuota: 3,
      staffed: 2,
      vacancies: 1,
      targets: [{ period: '2026', targetValue: 90, unit: '%' }],
      department: { id: demoDepartmentId('LANE', 'SALES') },
      company: { code: 'LANE' },
    });
    expect(data.position.duties.length).toBeGreaterThan(0);
    expect(data.position.incentives.length).toBeGreaterThan(0);
    expect(data.position.holders.map((h: any) => h.id).sort()).toEqual([demoStaffEmployeeId('LANE', 'SALES', 2), demoStaffEmployeeId('LANE', 'SALES', 3)].sort());
  });

  it('ORG-R26: 定编制/定人员 — assigning beyond the headcount quota is refused until the board approves a headcount change', async () => {
    const pos = demoPositionId('LANE', 'SALES', 'STAFF');
    const third = await ok(t, exec, ASSIGN, { p: pos, e: demoSegmentPersonId('ENGY', 'staff') });
    expect(third.assignToPosition.position).toEqual({ staffed: 3, vacancies: 0 });
    const full = await fails(t, exec, ASSIGN, { p: pos, e: demoSegmentPersonId('ENGY', 'head') });
    expect(full).toMatchObject({ code: 'CONFLICT', reason: 'HEADCOUNT_EXCEEDED', headcountQuota: 3 });
    const dup = await fails(t, exec, ASSIGN, { p: pos, e: demoSegmentPersonId('ENGY', 'staff') });
    expect(dup.reason).toBe('ASSIGNMENT_EXISTS');
    const req = (
      await ok(t, exec, `mutation($i: RequestHeadcountChangeInput!) { requestHeadcountChange(input: $i) { id version status previousQuota newQuota } }`, {
        i: { positionId: pos, newQuota: 4, reason: '新能源业务扩张' },
      })
    ).requestHeadcountChange;
    expect(req).toMatchObject({ status: 'PENDING', previousQuota: 3, newQuota: 4 });
    // A pending request is not an approval.
    expect((await fails(t, exec, ASSIGN, { p: pos, e: demoSegmentPersonId('ENGY', 'head') })).reason).toBe('HEADCOUNT_EXCEEDED');
    const resolutionId = await adoptedResolution(t, demoBodyId('LANE', 'BOD'), 'HEADCOUNT_CHANGE');
    const dec = await ok(t, exec, `mutation($id: ID!, $v: Int!, $r: ID) { decideHeadcountChange(id: $id, expectedVersion: $v, approve: true, resolutionId: $r) { status } }`, {
      id: req.id,
      v: req.version,
      r: resolutionId,
    });
    expect(dec.decideHeadcountChange.status).toBe('APPROVED');
    const fourth = await ok(t, exec, ASSIGN, { p: pos, e: demoSegmentPersonId('ENGY', 'head') });
    expect(fourth.assignToPosition.position).toEqual({ staffed: 4, vacancies: 0 });
    // Lowering the quota below the staffing is refused on approval.
    const lower = (
      await ok(t, exec, `mutation($i: RequestHeadcountChangeInput!) { requestHeadcountChange(input: $i) { id version } }`, { i: { positionId: pos, newQuota: 2, reason: '精简' } })
    ).requestHeadcountChange;
    expect(
      (
        await fails(t, exec, `mutation($id: ID!, $v: Int!, $r: ID) { decideHeadcountChange(id: $id, expectedVersion: $v, approve: true, resolutionId: $r) { status } }`, {
          id: lower.id,
          v: lower.version,
          r: await adoptedResolution(t, demoBodyId('LANE', 'BOD'), 'HEADCOUNT_CHANGE'),
        })
      ).reason,
    ).toBe('HEADCOUNT_BELOW_STAFFING');
    // Ending an assignment frees a place.
    const a = fourth.assignToPosition;
    const ended = await ok(t, exec, `mutation($id: ID!, $v: Int!) { endPositionAssignment(id: $id, expectedVersion: $v) { status position { staffed } } }`, {
      id: a.id,
      v: a.version,
    });
    expect(ended.endPositionAssignment).toEqual({ status: 'ENDED', position: { staffed: 3 } });
  });

  it('ORG-R26: a position is created with its five determinations: a quota, duties and incentives are required, targets recorded', async () => {
    const CREATE = `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id headcountQuota staffed duties incentives targets { name period targetValue unit } } }`;
    const base = {
      departmentId: demoDepartmentId('JARE', 'FIN'),
      title: '成本会计',
      headcountQuota: 1,
      duties: '成本核算',
      incentives: '岗位工资 + 绩效',
      targets: [{ name: '结账及时率', period: '2026', targetValue: 100, unit: '%' }],
    };
    expect(await fails(t, exec, CREATE, { i: { ...base, duties: '  ' } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUTIES_REQUIRED' });
    expect(await fails(t, exec, CREATE, { i: { ...base, incentives: ' ' } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INCENTIVES_REQUIRED' });
    expect((await fails(t, exec, CREATE, { i: { ...base, headcountQuota: -1 } })).code).toBe('BAD_USER_INPUT');
    const p = (await ok(t, exec, CREATE, { i: base })).createPosition;
    expect(p).toMatchObject({
      headcountQuota: 1,
      staffed: 0,
      duties: '成本核算',
      incentives: '岗位工资 + 绩效',
      targets: [{ name: '结账及时率', period: '2026', targetValue: 100, unit: '%' }],
    });
  });

  it("creates a position with targets; refuses another company's employee; only GROUP_EXECUTIVE changes positions", async () => {
    const created = await ok(t, exec, `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id title headcountQuota targets { name targetValue } } }`, {
      i: {
        departmentId: demoDepartmentId('JARE', 'ENG'),
        title: '造价工程师',
        headcountQuota: 2,
        duties: '工程造价审核',
        incentives: '项目奖金',
        targets: [{ name: '造价偏差率', period: '2026', targetValue: 3.5, unit: '%' }],
      },
    });
    expect(created.createPosition).toMatchObject({ title: '造价工程师', headcountQuota: 2, targets: [{ name: '造价偏差率', targetValue: 3.5 }] });
    const other = await fails(t, exec, ASSIGN, { p: created.createPosition.id, e: demoStaffEmployeeId('LANE', 'ENG', 1) });
    expect(other.reason).toBe('ASSIGNMENT_OTHER_COMPANY');
    for (const v of [viewers.sysadmin(), viewers.head('RESI')]) {
      expect((await fails(t, v, ASSIGN, { p: created.createPosition.id, e: demoStaffEmployeeId('JARE', 'ENG', 1) })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    }
  });

  it('org chart: company → departments → positions → people, depth-limited, at a constant number of statements', async () => {
    const q = `query($c: ID!, $d: Int) { orgChart(companyId: $c, maxDepth: $d) { depth parentId department { code positions { title holders { name } } } } }`;
    const top = await ok(t, exec, q, { c: companyId('JACN'), d: 0 });
    expect(top.orgChart.every((e: any) => e.depth === 0)).toBe(true);
    const before = t.app.counter.count;
    const deep = await ok(t, exec, q, { c: companyId('JACN'), d: 3 });
    // departments, positions, assignments, employees
    expect(t.app.counter.count - before).toBe(4);
    const hotline = deep.orgChart.find((e: any) => e.department.code === 'CS-HOTLINE');
    expect(hotline).toMatchObject({ depth: 1, parentId: demoDepartmentId('JACN', 'CS') });
    const cs = deep.orgChart.find((e: any) => e.department.code === 'CS');
    expect(cs.department.positions.map((p: any) => p.holders.length).sort()).toEqual([1, 2]);
    expect(deep.orgChart.length).toBe(top.orgChart.length + 1);
  });

  it('staffing report: headcount vs staffing per department and company, vacancies; company-scoped', async () => {
    const q = `query($c: ID!) { staffingReport(companyId: $c) { company { code } headcountQuota staffed vacancies departments { department { code } headcountQuota staffed vacancies } } }`;
    const r = (await ok(t, exec, q, { c: companyId('JAPM') })).staffingReport;
    expect(r).toMatchObject({ company: { code: 'JAPM' }, headcountQuota: 22, staffed: 17, vacancies: 5 });
    // Every department: a manager and specialists (4 posts, 3 filled); sales and marketing add the PROP segment's head and administrator posts.
    expect(r.departments.map((d: any) => `${d.department.code} ${d.headcountQuota}/${d.staffed}/${d.vacancies}`).sort()).toEqual([
      'CS 4/3/1',
      'ENG 4/3/1',
      'FIN 4/3/1',
      'MKT 5/4/1',
      'SALES 5/4/1',
    ]);
    expect((await ok(t, viewers.head('RESI'), q, { c: companyId('JAPM') })).staffingReport).toBeNull();
    expect((await ok(t, viewers.head('PROP'), q, { c: companyId('JAPM') })).staffingReport.staffed).toBe(17);
    expect((await ok(t, viewers.head('RESI'), `query($id: ID!) { position(id: $id) { id } }`, { id: demoPositionId('JAPM', 'CS', 'MGR') })).position).toBeNull();
  });

  it('employees list the positions they hold; Position resolves as a federation entity, batched and access-checked', async () => {
    const e = await ok(t, exec, `query($id: ID!) { employee(id: $id) { positions { position { title } } } }`, { id: demoStaffEmployeeId('JAHT', 'FIN', 1) });
    expect(e.employee.positions).toEqual([{ position: { title: '财务部经理' } }]);
    const reps = ['CS', 'MKT', 'SALES'].map((d) => ({ __typename: 'Position', id: demoPositionId('JAHT', d, 'MGR') }));
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Position { title } } }`;
    const before = t.app.counter.count;
    const all = await ok(t, exec, q, { r: reps });
    expect(t.app.counter.count - before).toBe(1);
    expect(all._entities.map((x: any) => x?.title)).toEqual(['客户服务部经理', '市场营销部经理', '销售部经理']);
    const hidden = await ok(t, viewers.head('RESI'), q, { r: reps });
    expect(hidden._entities).toEqual([null, null, null]);
  });
});
