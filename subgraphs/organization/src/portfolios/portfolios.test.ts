import { demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId, DEMO_COMPANIES, newId, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { AssignmentStatus, Position, PositionAssignment, PositionRank } from '../positions/position.entity';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const VP = stableId('employee', 'executive');
const VP2 = demoStaffEmployeeId('JA', 'LEGAL', 2);
const ASSIGN = `mutation($i: AssignPortfolioInput!) { assignPortfolio(input: $i) { id version status department { id } executive { id } } }`;
const END = `mutation($id: ID!, $v: Int!) { endPortfolio(portfolioId: $id, expectedVersion: $v) { id version status to } }`;
const FLAG = `mutation($i: SetSimulatedLegalEntityInput!) { setDepartmentSimulatedLegalEntity(input: $i) { id version simulatedLegalEntity } }`;
const DEPT = `query($id: ID!) { department(id: $id) { id version kind simulatedLegalEntity responsibleExecutive { id } } }`;

describe.each(testDatabaseKinds())('ORG-R15 portfolios (分管) and simulated legal entities (模拟法人) on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_portfolios');
    // A second vice president of the group.
    const now = new Date();
    const positionId = newId();
    await t.app.dataSource.getRepository(Position).insert({
      id: positionId,
      companyId: JA,
      departmentId: demoDepartmentId('JA', 'LEGAL'),
      title: '集团副总裁',
      headcountQuota: 1,
      duties: '分管职能部门',
      incentives: '年薪制',
      jobDescriptionId: null,
      rank: PositionRank.GROUP_VP_AND_ABOVE,
      segmentId: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await t.app.dataSource
      .getRepository(PositionAssignment)
      .insert({ id: newId(), positionId, companyId: JA, employeeId: VP2, status: AssignmentStatus.ACTIVE, from: now, to: null, createdAt: now, updatedAt: now, version: 1 });
  });
  afterAll(() => t?.stop());

  const dept = async (id: string) => (await ok(t, exec, DEPT, { id })).department;

  it('ORG-R15: the demo group vice president is in charge of three head-office departments, marketing run as a simulated legal entity', async () => {
    const e = (await ok(t, exec, `query($id: ID!) { employee(id: $id) { portfolio { status department { id simulatedLegalEntity responsibleExecutive { id } } } } }`, { id: VP }))
      .employee;
    expect(e.portfolio.map((p: any) => p.department.id).sort()).toEqual(['CSC', 'MKT', 'IT'].map((c) => demoDepartmentId('JA', c)).sort());
    expect(e.portfolio.every((p: any) => p.status === 'ACTIVE' && p.department.responsibleExecutive.id === VP)).toBe(true);
    expect(e.portfolio.filter((p: any) => p.department.simulatedLegalEntity).map((p: any) => p.department.id)).toEqual([demoDepartmentId('JA', 'MKT')]);
  });

  it('ORG-R15: a portfolio is held only by a vice president or above, and assigned only by group management', async () => {
    const d = demoDepartmentId('JARE', 'ENG');
    for (const employeeId of [demoStaffEmployeeId('JA', 'LEGAL', 3), demoSegmentPersonId('RESI', 'head')]) {
      expect(await fails(t, exec, ASSIGN, { i: { departmentId: d, executiveId: employeeId } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PORTFOLIO_HOLDER_NOT_SENIOR' });
    }
    expect(await fails(t, viewers.head('RESI'), ASSIGN, { i: { departmentId: d, executiveId: VP2 } })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await dept(d)).responsibleExecutive).toBeNull();
  });

  it('ORG-R15: a department has at most one responsible executive at a time, also under concurrent assignments; ending hands it over', async () => {
    const d = demoDepartmentId('JARE', 'FIN');
    const results = await Promise.all([VP, VP2, VP, VP2, VP, VP2].map((executiveId) => t.exec(exec, ASSIGN, { i: { departmentId: d, executiveId } })));
    const won = results.filter((r) => !r.errors).map((r) => r.data!.assignPortfolio);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.reason)).toEqual(Array(5).fill('PORTFOLIO_EXISTS'));
    expect((await dept(d)).responsibleExecutive.id).toBe(won[0].executive.id);
    const other = won[0].executive.id === VP ? VP2 : VP;
    expect(await fails(t, exec, END, { id: won[0].id, v: won[0].version - 1 })).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const ended = (await ok(t, exec, END, { id: won[0].id, v: won[0].version })).endPortfolio;
    expect(ended.status).toBe('ENDED');
    expect(ended.to).not.toBeNull();
    expect((await dept(d)).responsibleExecutive).toBeNull();
    expect(await fails(t, exec, END, { id: ended.id, v: ended.version })).toMatchObject({ code: 'CONFLICT', reason: 'PORTFOLIO_ENDED' });
    expect((await ok(t, exec, ASSIGN, { i: { departmentId: d, executiveId: other } })).assignPortfolio.executive.id).toBe(other);
    expect((await dept(d)).responsibleExecutive.id).toBe(other);
  });

  it('ORG-R15: only a functional department within a portfolio runs as a simulated legal entity, and its portfolio cannot end while it does', async () => {
    const office = await dept(demoDepartmentId('JARE', 'CS-HOTLINE'));
    expect(office.kind).toBe('OFFICE');
    await ok(t, exec, ASSIGN, { i: { departmentId: office.id, executiveId: VP2 } });
    expect(await fails(t, exec, FLAG, { i: { departmentId: office.id, expectedVersion: office.version, simulatedLegalEntity: true } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SIMULATED_ENTITY_FUNCTIONAL_ONLY',
    });

    const d = await dept(demoDepartmentId('JARE', 'SALES'));
    expect(await fails(t, exec, FLAG, { i: { departmentId: d.id, expectedVersion: d.version, simulatedLegalEntity: true } })).toMatchObject({
      code: 'CONFLICT',
      reason: 'SIMULATED_ENTITY_NEEDS_PORTFOLIO',
    });
    const p = (await ok(t, exec, ASSIGN, { i: { departmentId: d.id, executiveId: VP2 } })).assignPortfolio;
    expect(await fails(t, viewers.head('RESI'), FLAG, { i: { departmentId: d.id, expectedVersion: d.version, simulatedLegalEntity: true } })).toMatchObject({ code: 'FORBIDDEN' });
    const set = (await ok(t, exec, FLAG, { i: { departmentId: d.id, expectedVersion: d.version, simulatedLegalEntity: true } })).setDepartmentSimulatedLegalEntity;
    expect(set).toMatchObject({ simulatedLegalEntity: true, version: d.version + 1 });
    expect(await fails(t, exec, END, { id: p.id, v: p.version })).toMatchObject({ code: 'CONFLICT', reason: 'SIMULATED_ENTITY_NEEDS_PORTFOLIO' });
    const cleared = (await ok(t, exec, FLAG, { i: { departmentId: d.id, expectedVersion: set.version, simulatedLegalEntity: false } })).setDepartmentSimulatedLegalEntity;
    expect(cleared.simulatedLegalEntity).toBe(false);
    expect((await ok(t, exec, END, { id: p.id, v: p.version })).endPortfolio.status).toBe('ENDED');
  });
});
