import 'reflect-metadata';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoCustomerGrid, demoGridId, demoGroupCustomerId } from '../database/seed';

const STALE = { code: 'CONFLICT', reason: 'STALE_VERSION' };

describe.each(testDatabaseKinds())('maintaining grids and group customers on %s', (kind) => {
  let mkt: MarketingTestApp;
  const resi = customersOf('RESI');
  const head = viewers.head('RESI');
  const staff = viewers.staff('RESI');

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_maintenance' })));
  afterAll(() => mkt?.stop());

  it('MKT-R14 updates a grid with optimistic versioning; deletes only an empty grid; segment heads of the segment only', async () => {
    const UPDATE = `mutation ($i: UpdateGridInput!) { updateGrid(input: $i) { name coverageTarget version territory } }`;
    const id = demoGridId('RESI-N');
    const v = (await mkt.ok(head, `query ($id: ID!) { grid(id: $id) { version } }`, { id })).grid.version;
    expect(errorOf(await mkt.exec(staff, UPDATE, { i: { id, expectedVersion: v, name: 'x' } }))).toEqual({ code: 'FORBIDDEN', reason: 'GRID_WRITE_FORBIDDEN' });
    expect(errorOf(await mkt.exec(viewers.head('COMM'), UPDATE, { i: { id, expectedVersion: v, name: 'x' } }))).toEqual({ code: 'NOT_FOUND', reason: 'GRID_NOT_FOUND' });
    const u = (await mkt.ok(head, UPDATE, { i: { id, expectedVersion: v, name: '北区(新)', coverageTarget: 40, territory: '北三环以北' } })).updateGrid;
    expect(u).toEqual({ name: '北区(新)', coverageTarget: 40, version: v + 1, territory: '北三环以北' });
    // A second editor who read the old version is refused; nothing changes.
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id, expectedVersion: v, name: '别的名字' } }))).toEqual(STALE);
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id, expectedVersion: v + 1, name: null } }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'FIELD_REQUIRED' });
    expect((await mkt.ok(head, `query ($id: ID!) { grid(id: $id) { name } }`, { id })).grid.name).toBe('北区(新)');
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id, expectedVersion: v + 1, code: 'RESI-S' } }))).toEqual({ code: 'CONFLICT', reason: 'GRID_CODE_TAKEN' });

    const DELETE = `mutation ($id: ID!, $v: Int!) { deleteGrid(id: $id, expectedVersion: $v) }`;
    // RESI has sub-grids, RESI-N has customers placed in it.
    expect(resi.some((n) => demoCustomerGrid(n) === 'RESI-N')).toBe(true);
    expect(errorOf(await mkt.exec(head, DELETE, { id: demoGridId('RESI'), v: 1 })).reason).toBe('GRID_NOT_EMPTY');
    expect(errorOf(await mkt.exec(head, DELETE, { id, v: v + 1 })).reason).toBe('GRID_NOT_EMPTY');
    const g = (
      await mkt.ok(head, `mutation ($i: CreateGridInput!) { createGrid(input: $i) { id version } }`, {
        i: { code: 'RESI-TMP', name: '临时', segmentId: segmentId('RESI'), parentId: id, coverageTarget: 0 },
      })
    ).createGrid;
    expect(errorOf(await mkt.exec(viewers.head('COMM'), DELETE, { id: g.id, v: g.version })).code).toBe('NOT_FOUND');
    expect(errorOf(await mkt.exec(head, DELETE, { id: g.id, v: g.version + 1 }))).toEqual(STALE);
    expect((await mkt.ok(head, DELETE, { id: g.id, v: g.version })).deleteGrid).toBe(true);
    expect((await mkt.ok(head, `query ($id: ID!) { grid(id: $id) { id } }`, { id: g.id })).grid).toBeNull();
  });

  it('MKT-R12 updates and retires a group customer; a retired one keeps its history and takes no new members', async () => {
    const gid = demoGroupCustomerId(resi[1]);
    const UPDATE = `mutation ($i: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $i) { industry revenue version } }`;
    const RETIRE = `mutation ($id: ID!, $v: Int!) { retireGroupCustomer(id: $id, expectedVersion: $v) { retiredAt version } }`;
    const read = async () =>
      (
        await mkt.ok(staff, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on GroupCustomer { version retiredAt members { totalCount } } } }`, {
          r: [{ __typename: 'GroupCustomer', id: gid }],
        })
      )._entities[0];
    const v = (await read()).version;
    expect(errorOf(await mkt.exec(viewers.admin('RESI'), UPDATE, { i: { id: gid, expectedVersion: v, industry: 'x' } })).reason).toBe('GROUP_CUSTOMER_WRITE_FORBIDDEN');
    expect(errorOf(await mkt.exec(viewers.staff('COMM'), UPDATE, { i: { id: gid, expectedVersion: v, industry: 'x' } })).code).toBe('NOT_FOUND');
    expect((await mkt.ok(staff, UPDATE, { i: { id: gid, expectedVersion: v, industry: '医疗', revenue: 1200000 } })).updateGroupCustomer).toEqual({
      industry: '医疗',
      revenue: 1200000,
      version: v + 1,
    });
    expect(errorOf(await mkt.exec(staff, UPDATE, { i: { id: gid, expectedVersion: v, industry: '教育' } }))).toEqual(STALE);

    const listed = async (extra = '') => (await mkt.ok(staff, `{ groupCustomers(first: 50${extra}) { edges { node { id } } } }`)).groupCustomers.edges.map((e: any) => e.node.id);
    expect(await listed()).toContain(gid);
    const r = (await mkt.ok(staff, RETIRE, { id: gid, v: v + 1 })).retireGroupCustomer;
    expect(r.version).toBe(v + 2);
    expect(r.retiredAt).not.toBeNull();
    expect(errorOf(await mkt.exec(staff, RETIRE, { id: gid, v: v + 2 })).reason).toBe('GROUP_CUSTOMER_RETIRED');
    expect(await listed()).not.toContain(gid);
    expect(await listed(', filter: { includeRetired: true }')).toContain(gid);
    const after = await read();
    expect(after.members.totalCount).toBe(3); // history stays
    const ADD = `mutation ($i: AddGroupMemberInput!) { addGroupMember(input: $i) { id } }`;
    expect(errorOf(await mkt.exec(staff, ADD, { i: { groupCustomerId: gid, name: '新人', role: 'MEMBER' } })).reason).toBe('GROUP_CUSTOMER_RETIRED');
  });

  it('MKT-R12 key people and members: update (promote to KEY_PERSON) and leave, kept as former members', async () => {
    const gid = demoGroupCustomerId(resi[2]);
    const MEMBERS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on GroupCustomer {
      keyPeople: members(role: KEY_PERSON) { edges { node { id name } } }
      all: members(first: 20) { edges { node { id name role version leftAt } } }
      former: members(first: 20, includeFormer: true) { totalCount } } } }`;
    const read = async () => (await mkt.ok(staff, MEMBERS, { r: [{ __typename: 'GroupCustomer', id: gid }] }))._entities[0];
    const before = await read();
    const m = before.all.edges.map((e: any) => e.node).find((x: any) => x.role === 'MEMBER');
    const UPDATE = `mutation ($i: UpdateGroupMemberInput!) { updateGroupMember(input: $i) { role title version } }`;
    expect((await mkt.ok(staff, UPDATE, { i: { id: m.id, expectedVersion: m.version, role: 'KEY_PERSON', title: '总经理' } })).updateGroupMember).toEqual({
      role: 'KEY_PERSON',
      title: '总经理',
      version: m.version + 1,
    });
    expect(errorOf(await mkt.exec(staff, UPDATE, { i: { id: m.id, expectedVersion: m.version, title: '副总' } }))).toEqual(STALE);
    expect(errorOf(await mkt.exec(viewers.staff('COMM'), UPDATE, { i: { id: m.id, expectedVersion: m.version + 1, title: '副总' } })).code).toBe('NOT_FOUND');
    expect((await read()).keyPeople.edges.map((e: any) => e.node.id)).toContain(m.id);

    const LEAVE = `mutation ($id: ID!, $v: Int!) { removeGroupMember(id: $id, expectedVersion: $v) { leftAt version } }`;
    const left = (await mkt.ok(staff, LEAVE, { id: m.id, v: m.version + 1 })).removeGroupMember;
    expect(left.leftAt).not.toBeNull();
    expect(errorOf(await mkt.exec(staff, LEAVE, { id: m.id, v: left.version })).reason).toBe('GROUP_MEMBER_ALREADY_LEFT');
    const after = await read();
    expect(after.all.edges.map((e: any) => e.node.id)).not.toContain(m.id);
    expect(after.former.totalCount).toBe(before.former.totalCount);
    expect(after.all.edges).toHaveLength(before.all.edges.length - 1);
  });

  it('MKT-R12 product holdings: update with an end date, delete a mistaken one; bad periods refused', async () => {
    const gid = demoGroupCustomerId(resi[0]);
    const h = (
      await mkt.ok(staff, `mutation ($i: AddProductHoldingInput!) { addProductHolding(input: $i) { id version since } }`, {
        i: { groupCustomerId: gid, productName: '能源托管', since: '2025-01-01T00:00:00Z' },
      })
    ).addProductHolding;
    const UPDATE = `mutation ($i: UpdateProductHoldingInput!) { updateProductHolding(input: $i) { until version productName } }`;
    expect(errorOf(await mkt.exec(staff, UPDATE, { i: { id: h.id, expectedVersion: h.version, until: '2024-01-01T00:00:00Z' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'HOLDING_PERIOD_INVALID',
    });
    const u = (await mkt.ok(staff, UPDATE, { i: { id: h.id, expectedVersion: h.version, until: '2025-12-31T00:00:00.000Z' } })).updateProductHolding;
    expect(u).toEqual({ until: '2025-12-31T00:00:00.000Z', version: h.version + 1, productName: '能源托管' });
    const DELETE = `mutation ($id: ID!, $v: Int!) { deleteProductHolding(id: $id, expectedVersion: $v) }`;
    expect(errorOf(await mkt.exec(staff, DELETE, { id: h.id, v: h.version }))).toEqual(STALE);
    expect(errorOf(await mkt.exec(viewers.head('COMM'), DELETE, { id: h.id, v: u.version })).code).toBe('NOT_FOUND');
    expect(errorOf(await mkt.exec(viewers.sysadmin(), DELETE, { id: h.id, v: u.version })).code).toBe('FORBIDDEN');
    expect((await mkt.ok(staff, DELETE, { id: h.id, v: u.version })).deleteProductHolding).toBe(true);
    expect(errorOf(await mkt.exec(staff, DELETE, { id: h.id, v: u.version })).code).toBe('NOT_FOUND');
  });
});
