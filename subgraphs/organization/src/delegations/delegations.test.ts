import { demoDepartmentId, demoStaffEmployeeId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId } from '../database/seed';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const VP = stableId('employee', 'executive');
const WHO = `query($c: ID!, $m: GovernanceMatter!, $a: Int) { whoMayDecide(companyId: $c, matter: $m, amountWan: $a) {
  holderKind byCharter amountLimitWan body { id } person { id } department { id } chain { power amountLimitWan grantorBody { id } grantorPerson { id } } } }`;
const GRANT = `mutation($i: GrantDelegationInput!) { grantDelegation(input: $i) { id version power matter amountLimitWan validTo granteeBody { id } granteePerson { id } granteeDepartment { id } } }`;
const holderId = (a: any) => a.body?.id ?? a.person?.id ?? a.department?.id;

describe.each(testDatabaseKinds())('delegation of authority on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_delegations');
  });
  afterAll(() => t?.stop());

  const who = async (matter: string, amount?: number) => (await ok(t, exec, WHO, { c: JA, m: matter, a: amount ?? null })).whoMayDecide;

  it('ORG-R14: answers who may decide a matter in a company, with the delegation chain and limits', async () => {
    const small = await who('OPERATING_EXPENDITURE', 500);
    expect(small.map(holderId)).toEqual([demoBodyId('JA', 'SHM'), demoBodyId('JA', 'BOD'), demoBodyId('JA', 'MGT'), VP]);
    const vp = small.find((a: any) => a.person?.id === VP);
    expect(vp).toMatchObject({ holderKind: 'PERSON', byCharter: false, amountLimitWan: 1000 });
    expect(vp.chain.map((d: any) => d.grantorBody?.id ?? d.grantorPerson?.id)).toEqual([demoBodyId('JA', 'SHM'), demoBodyId('JA', 'BOD'), demoBodyId('JA', 'MGT')]);
    expect(small[0]).toMatchObject({ holderKind: 'BODY', byCharter: true, amountLimitWan: null, chain: [] });
    // Above the VP's limit only the bodies remain; above management's, only board and shareholders.
    expect((await who('OPERATING_EXPENDITURE', 2000)).map(holderId)).toEqual([demoBodyId('JA', 'SHM'), demoBodyId('JA', 'BOD'), demoBodyId('JA', 'MGT')]);
    expect((await who('OPERATING_EXPENDITURE', 8000)).map(holderId)).toEqual([demoBodyId('JA', 'SHM'), demoBodyId('JA', 'BOD')]);
    // Process control reaches the department at the end of the chain (4 delegations).
    const dept = (await who('PROCESS_CONTROL', 50)).find((a: any) => a.holderKind === 'DEPARTMENT');
    expect(dept).toMatchObject({ department: { id: demoDepartmentId('JA', 'MKT') }, amountLimitWan: 100 });
    expect(dept.chain).toHaveLength(4);
    // Audit supervision belongs to the board of supervisors by charter.
    expect((await who('AUDIT_OF_MANAGEMENT')).map(holderId)).toEqual([demoBodyId('JA', 'BOS')]);
  });

  it('ORG-R06/ORG-R11: matters reserved to the board are decided by the board alone and cannot be delegated', async () => {
    const r = await who('DEPARTMENT_SETUP');
    expect(r).toEqual([expect.objectContaining({ body: { id: demoBodyId('JA', 'BOD') }, byCharter: true, chain: [] })]);
    const e = await fails(t, exec, GRANT, {
      i: { companyId: JA, grantorBodyId: demoBodyId('JA', 'BOD'), granteeBodyId: demoBodyId('JA', 'MGT'), power: 'MAJOR_DECISION', matter: 'ORG_RESTRUCTURING' },
    });
    expect(e.reason).toBe('MATTER_NOT_DELEGABLE');
  });

  it('a grantor can only pass on a power it holds, within its own limit and validity', async () => {
    const lacks = await fails(t, exec, GRANT, {
      i: { companyId: JA, grantorEmployeeId: demoStaffEmployeeId('JA', 'IT', 3), granteeDepartmentId: demoDepartmentId('JA', 'IT'), power: 'GENERAL_DECISION' },
    });
    expect(lacks).toMatchObject({ code: 'CONFLICT', reason: 'GRANTOR_LACKS_POWER' });
    const over = await fails(t, exec, GRANT, {
      i: {
        companyId: JA,
        grantorEmployeeId: VP,
        granteeDepartmentId: demoDepartmentId('JA', 'LEGAL'),
        power: 'GENERAL_DECISION',
        amountLimitWan: 2000,
        validTo: '2027-01-01T00:00:00Z',
      },
    });
    expect(over).toMatchObject({ reason: 'DELEGATION_EXCEEDS_GRANTOR_LIMIT', grantorLimitWan: 1000 });
    const unlimited = await fails(t, exec, GRANT, {
      i: { companyId: JA, grantorEmployeeId: VP, granteeDepartmentId: demoDepartmentId('JA', 'LEGAL'), power: 'GENERAL_DECISION', validTo: '2027-01-01T00:00:00Z' },
    });
    expect(unlimited.reason).toBe('DELEGATION_EXCEEDS_GRANTOR_LIMIT');
    const outlasts = await fails(t, exec, GRANT, {
      i: { companyId: JA, grantorEmployeeId: VP, granteeDepartmentId: demoDepartmentId('JA', 'LEGAL'), power: 'GENERAL_DECISION', amountLimitWan: 200 },
    });
    expect(outlasts.reason).toBe('DELEGATION_OUTLASTS_GRANTOR');
    const other = await fails(t, exec, GRANT, {
      i: { companyId: JA, grantorBodyId: demoBodyId('JA', 'BOD'), granteeBodyId: demoBodyId('LANE', 'MGT'), power: 'GENERAL_DECISION' },
    });
    expect(other.reason).toBe('DELEGATION_OTHER_COMPANY');
    const two = await fails(t, exec, GRANT, {
      i: {
        companyId: JA,
        grantorBodyId: demoBodyId('JA', 'BOD'),
        granteeBodyId: demoBodyId('JA', 'MGT'),
        granteeDepartmentId: demoDepartmentId('JA', 'IT'),
        power: 'GENERAL_DECISION',
      },
    });
    expect(two.reason).toBe('DELEGATION_PARTIES_INVALID');
    const ok1 = await ok(t, exec, GRANT, {
      i: {
        companyId: JA,
        grantorEmployeeId: VP,
        granteeDepartmentId: demoDepartmentId('JA', 'LEGAL'),
        power: 'GENERAL_DECISION',
        matter: 'OPERATING_EXPENDITURE',
        amountLimitWan: 200,
        validTo: '2027-01-01T00:00:00Z',
      },
    });
    expect(ok1.grantDelegation).toMatchObject({
      power: 'GENERAL_DECISION',
      matter: 'OPERATING_EXPENDITURE',
      amountLimitWan: 200,
      granteeDepartment: { id: demoDepartmentId('JA', 'LEGAL') },
    });
    expect((await who('OPERATING_EXPENDITURE', 150)).map(holderId)).toContain(demoDepartmentId('JA', 'LEGAL'));
  });

  it('ORG-R17: the same holder may not both decide and supervise the same matter (separation of powers)', async () => {
    const decideToSupervisors = await fails(t, exec, GRANT, {
      i: { companyId: JA, grantorBodyId: demoBodyId('JA', 'BOD'), granteeBodyId: demoBodyId('JA', 'BOS'), power: 'GENERAL_DECISION' },
    });
    expect(decideToSupervisors).toMatchObject({ code: 'CONFLICT', reason: 'SEPARATION_OF_POWERS' });
    const superviseToManagement = await fails(t, exec, GRANT, {
      i: { companyId: JA, grantorBodyId: demoBodyId('JA', 'BOS'), granteeBodyId: demoBodyId('JA', 'MGT'), power: 'AUDIT_SUPERVISION' },
    });
    expect(superviseToManagement.reason).toBe('SEPARATION_OF_POWERS');
    // A sitting supervisor (JA-LEGAL-3) is not given decision powers either.
    const supervisor = await fails(t, exec, GRANT, {
      i: { companyId: JA, grantorBodyId: demoBodyId('JA', 'MGT'), granteeEmployeeId: demoStaffEmployeeId('JA', 'LEGAL', 3), power: 'GENERAL_DECISION', amountLimitWan: 10 },
    });
    expect(supervisor.reason).toBe('SEPARATION_OF_POWERS');
    // Supervision over a department that decides nothing is fine.
    const fine = await ok(t, exec, GRANT, {
      i: { companyId: JA, grantorBodyId: demoBodyId('JA', 'BOS'), granteeDepartmentId: demoDepartmentId('JA', 'CSC'), power: 'AUDIT_SUPERVISION' },
    });
    expect(fine.grantDelegation.power).toBe('AUDIT_SUPERVISION');
  });

  it('revoking a link breaks the chain below it; only GROUP_EXECUTIVE changes delegations; reads are company-scoped', async () => {
    const list = await ok(t, exec, `query($id: ID!) { company(id: $id) { delegations { id version power granteeBody { id } } } }`, { id: JA });
    const link = list.company.delegations.find((d: any) => d.power === 'GENERAL_DECISION' && d.granteeBody?.id === demoBodyId('JA', 'MGT'));
    for (const v of [viewers.sysadmin(), viewers.head('RESI')]) {
      expect((await fails(t, v, `mutation($id: ID!, $v: Int!) { revokeDelegation(id: $id, expectedVersion: $v) { id } }`, { id: link.id, v: link.version })).reason).toBe(
        'GOVERNANCE_CHANGE_FORBIDDEN',
      );
    }
    const revoked = await ok(t, exec, `mutation($id: ID!, $v: Int!) { revokeDelegation(id: $id, expectedVersion: $v) { status version } }`, { id: link.id, v: link.version });
    expect(revoked.revokeDelegation).toEqual({ status: 'REVOKED', version: link.version + 1 });
    // Management keeps OPERATIONAL_EXECUTION, but general decisions now stop at the board.
    const holders = (await who('OPERATING_EXPENDITURE', 10)).map(holderId);
    expect(holders).toEqual([demoBodyId('JA', 'SHM'), demoBodyId('JA', 'BOD')]);
    expect((await ok(t, viewers.head('RESI'), WHO, { c: JA, m: 'MAJOR_INVESTMENT' })).whoMayDecide).toEqual([]);
    expect((await ok(t, viewers.head('RESI'), `query($id: ID!) { company(id: $id) { delegations { id } } }`, { id: JA })).company.delegations).toEqual([]);
    const log = await ok(t, exec, `{ governanceChanges(first: 50, filter: { entityType: "Delegation" }) { edges { node { action } } } }`);
    expect(log.governanceChanges.edges.map((e: any) => e.node.action)).toEqual(expect.arrayContaining(['DELEGATION_GRANTED', 'DELEGATION_REVOKED']));
  });
});
