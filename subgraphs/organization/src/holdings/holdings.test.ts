import { DEMO_COMPANIES } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';

const id = (code: string) => DEMO_COMPANIES.find((c) => c.code === code)!.id;
const TREE = `query($c: ID!, $d: Int) { holdingTree(companyId: $c, maxDepth: $d) { depth parentId directPercentage effectivePercentage company { code } } }`;
const RECORD = `mutation($i: RecordShareholdingInput!) { recordShareholding(input: $i) { id version holderName percentage company { code } holderCompany { code } } }`;
const LOG = `query($c: ID) { governanceChanges(first: 50, filter: { companyId: $c }) { totalCount edges { node { entityType action actorAccountId at summary company { code } } } } }`;

describe.each(testDatabaseKinds())('company legal data and shareholdings on %s', (kind) => {
  let t: OrgTestApp;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_holdings');
  });
  afterAll(() => t?.stop());

  it('companies carry legal data; the demo shows all eight ownership types and derived holding types', async () => {
    const data = await ok(t, viewers.executive(), `{ companies(first: 20) { edges { node { code legalForm ownershipType creditCode holdingType legalRepresentative { id } } } } }`);
    const nodes = data.companies.edges.map((e: any) => e.node);
    expect(new Set(nodes.map((n: any) => n.ownershipType))).toEqual(
      new Set(['STATE_OWNED', 'COLLECTIVE', 'PRIVATE', 'JOINT_OPERATION', 'COOPERATIVE', 'JOINT_VENTURE', 'JOINT_STOCK', 'FOREIGN']),
    );
    const by = Object.fromEntries(nodes.map((n: any) => [n.code, n]));
    expect(by.LANE.legalForm).toBe('JOINT_STOCK_LIMITED');
    expect(by.JARE.holdingType).toBe('WHOLLY_OWNED');
    expect(by.LANE.holdingType).toBe('CONTROLLED');
    expect(by.JA.holdingType).toBeNull();
    expect(by.JA.legalRepresentative).not.toBeNull(); // ORG-R24: the board chairman
    expect(by.JA.creditCode).toMatch(/^91310000\d+/);
  });

  it('the holding tree lists direct and indirect holdings with the effective share over every path', async () => {
    const data = await ok(t, viewers.executive(), TREE, { c: id('JA') });
    const by = Object.fromEntries(data.holdingTree.map((n: any) => [n.company.code, n]));
    expect(Object.keys(by).sort()).toEqual(
      DEMO_COMPANIES.filter((c) => c.code !== 'JA')
        .map((c) => c.code)
        .sort(),
    );
    expect(by.LANE).toMatchObject({ depth: 1, directPercentage: 51, effectivePercentage: 51 });
    // JAFN: 80% directly + 20% through JATC (100%) = 100%; placed at depth 1 (shallowest path).
    expect(by.JAFN).toMatchObject({ depth: 1, parentId: id('JA'), directPercentage: 80, effectivePercentage: 100 });
    const sub = await ok(t, viewers.executive(), TREE, { c: id('JATC') });
    expect(sub.holdingTree).toEqual([{ depth: 1, parentId: id('JATC'), directPercentage: 20, effectivePercentage: 20, company: { code: 'JAFN' } }]);
  });

  it('shareholdings and the holding tree are company-scoped (§3.1.5): a subsidiary user sees only its own company', async () => {
    const q = `{ companies(first: 20) { edges { node { code shareholders { holderName } } } } }`;
    const data = await ok(t, viewers.head('ENGY'), q);
    const visible = data.companies.edges.filter((e: any) => e.node.shareholders.length > 0).map((e: any) => e.node.code);
    expect(visible).toEqual(['LANE']);
    expect((await ok(t, viewers.head('ENGY'), TREE, { c: id('JA') })).holdingTree).toEqual([]);
  });

  it('only GROUP_EXECUTIVE may change governance data; SYSTEM_ADMIN and segment roles are refused', async () => {
    for (const v of [viewers.sysadmin(), viewers.head('ENGY'), viewers.staff('RESI')]) {
      const e = await fails(t, v, RECORD, { i: { companyId: id('LANE'), holderName: 'X', percentage: 1 } });
      expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'GOVERNANCE_CHANGE_FORBIDDEN' });
    }
  });

  it('refuses shareholdings above 100%, duplicates and cycles', async () => {
    const over = await fails(t, viewers.executive(), RECORD, { i: { companyId: id('LANE'), holderName: '新投资人', percentage: 0.5 } });
    expect(over).toMatchObject({ code: 'CONFLICT', reason: 'SHAREHOLDING_EXCEEDS_100' });
    const dup = await fails(t, viewers.executive(), RECORD, { i: { companyId: id('JAFN'), holderCompanyId: id('JATC'), percentage: 1 } });
    expect(dup.reason).toBe('SHAREHOLDING_EXISTS');
    const cycle = await fails(t, viewers.executive(), RECORD, { i: { companyId: id('JA'), holderCompanyId: id('JAFN'), percentage: 1 } });
    expect(cycle.reason).toBe('SHAREHOLDING_CYCLE');
    const self = await fails(t, viewers.executive(), RECORD, { i: { companyId: id('JA'), holderCompanyId: id('JA'), percentage: 1 } });
    expect(self.reason).toBe('SHAREHOLDING_CYCLE');
    const bad = await fails(t, viewers.executive(), RECORD, { i: { companyId: id('JA'), holderName: 'Y', percentage: 120 } });
    expect(bad.code).toBe('BAD_USER_INPUT');
  });

  it('records, removes (with expectedVersion) and logs shareholdings and legal data changes', async () => {
    // Make room in HHTR: remove the outside holder, then a group company takes its 30%.
    const hhtr = await ok(t, viewers.executive(), `query($id: ID!) { company(id: $id) { version shareholders { id version holderName holderCompany { code } } } }`, {
      id: id('HHTR'),
    });
    const outside = hhtr.company.shareholders.find((h: any) => h.holderCompany === null);
    const stale = await fails(t, viewers.executive(), `mutation($id: ID!, $v: Int!) { removeShareholding(id: $id, expectedVersion: $v) { id } }`, {
      id: outside.id,
      v: outside.version + 1,
    });
    expect(stale.reason).toBe('STALE_VERSION');
    await ok(t, viewers.executive(), `mutation($id: ID!, $v: Int!) { removeShareholding(id: $id, expectedVersion: $v) { id } }`, { id: outside.id, v: outside.version });
    const rec = await ok(t, viewers.executive(), RECORD, { i: { companyId: id('HHTR'), holderCompanyId: id('JAPM'), percentage: 30 } });
    expect(rec.recordShareholding).toMatchObject({
      holderName: DEMO_COMPANIES.find((c) => c.code === 'JAPM')!.name,
      percentage: 30,
      company: { code: 'HHTR' },
      holderCompany: { code: 'JAPM' },
    });
    const tree = await ok(t, viewers.executive(), TREE, { c: id('JA') });
    expect(tree.holdingTree.find((n: any) => n.company.code === 'HHTR').effectivePercentage).toBe(100); // 70% + 30% via JAPM

    const upd = `mutation($i: UpdateCompanyLegalDataInput!) { updateCompanyLegalData(input: $i) { version ownershipType registeredAddress } }`;
    const changed = await ok(t, viewers.executive(), upd, {
      i: { companyId: id('HHTR'), expectedVersion: hhtr.company.version, ownershipType: 'PRIVATE', registeredAddress: '上海市浦东新区' },
    });
    expect(changed.updateCompanyLegalData).toEqual({ version: hhtr.company.version + 1, ownershipType: 'PRIVATE', registeredAddress: '上海市浦东新区' });
    const again = await fails(t, viewers.executive(), upd, { i: { companyId: id('HHTR'), expectedVersion: hhtr.company.version, ownershipType: 'FOREIGN' } });
    expect(again.reason).toBe('STALE_VERSION');

    const log = await ok(t, viewers.executive(), LOG, { c: id('HHTR') });
    // Same-second entries have no defined order among themselves: compare as sets.
    expect(log.governanceChanges.edges.map((e: any) => e.node.action).sort()).toEqual(['LEGAL_DATA_UPDATED', 'SHAREHOLDING_RECORDED', 'SHAREHOLDING_REMOVED']);
    expect(log.governanceChanges.edges.every((e: any) => e.node.actorAccountId === 'acc-exec' && e.node.company.code === 'HHTR')).toBe(true);
    // The log is company-scoped too.
    expect((await ok(t, viewers.head('ENGY'), LOG, { c: id('HHTR') })).governanceChanges.totalCount).toBe(0);
    expect((await ok(t, viewers.head('TRAD'), LOG, { c: id('HHTR') })).governanceChanges.totalCount).toBe(3);
  });
});
