import 'reflect-metadata';
import { DEMO_CUSTOMER_COUNT, DEMO_SEGMENTS, demoCustomerSegment, demoSegmentPersonId } from '@group/shared';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoArchiveCompleteness, demoChurned2025, demoCustomerGrid, demoCustomerManaged, demoGridId, demoGroupCustomerId } from '../database/seed';

const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Customer {
        id
        tier
        grid {
          code
        }
        customerManager {
          id
        }
        groupCustomer {
          industry
        }
        churnEvents {
          managed
        }
      }
      ... on Grid {
        code
      }
      ... on GroupCustomer {
        industry
      }
      ... on Employee {
        id
        grids {
          code
        }
      }
    }
  }
`;
const COVERAGE = /* GraphQL */ `
  query {
    grids(first: 50) {
      edges {
        node {
          code
          level
          coverage {
            customers
            archived
            managed
            target
            coverageRate
          }
        }
      }
    }
  }
`;
const days = (d: number) => new Date(Date.now() - d * 24 * 3600 * 1000).toISOString();
/** The seed's ARCHIVE_COMPLETENESS against the 0.8 threshold (G-26). */
const archived = (n: number) => demoArchiveCompleteness(n) >= 0.8;

describe.each(testDatabaseKinds())('grids, group customers, tiers and churn on %s', (kind) => {
  let mkt: MarketingTestApp;
  const resi = customersOf('RESI');

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_accounts' })));
  afterAll(() => mkt?.stop());

  it('MKT-R14 MKT-M2 grid coverage of a subtree, per segment, in one statement for all grids', async () => {
    const before = mkt.app.counter.count;
    const data = await mkt.ok(viewers.head('RESI'), COVERAGE);
    expect(mkt.app.counter.count - before).toBe(2); // the page, then the coverage of all its grids
    const byCode = new Map(data.grids.edges.map((e: any) => [e.node.code, e.node]));
    expect([...byCode.keys()].sort()).toEqual(['RESI', 'RESI-N', 'RESI-S']);
    const expected = (codes: string[]) => {
      const placed = resi.filter((n) => codes.includes(demoCustomerGrid(n) ?? ''));
      return { customers: placed.length, archived: placed.filter(archived).length, managed: placed.filter(demoCustomerManaged).length };
    };
    expect(byCode.get('RESI-N')).toMatchObject({ level: 1, coverage: { target: 30, ...expected(['RESI-N']) } });
    const root: any = (byCode.get('RESI') as any).coverage;
    expect(root).toMatchObject({ target: 60, ...expected(['RESI-N', 'RESI-S']) });
    expect(root.coverageRate).toBeCloseTo(root.archived / 60, 6);
    expect(root.customers).toBe(24);
    expect(root.archived).toBeGreaterThan(0);
    expect(root.archived).toBeLessThan(root.customers);
    // Executives see every segment's grids; system admins none.
    expect((await mkt.ok(viewers.executive(), `{ grids(first: 1) { totalCount } }`)).grids.totalCount).toBe(DEMO_SEGMENTS.length * 3);
    expect((await mkt.ok(viewers.sysadmin(), `{ grids(first: 1) { totalCount } }`)).grids.totalCount).toBe(0);
  });

  it('§3.1.3-6 Customer.grid / customerManager / groupCustomer / tier follow the customer’s segment, batched', async () => {
    const ns = resi.slice(0, 6);
    const r = ns.map((n) => ({ __typename: 'Customer', id: customerId(n) }));
    const before = mkt.app.counter.count;
    const data = await mkt.ok(viewers.staff('RESI'), ENTITIES, { r });
    expect(mkt.app.counter.count - before).toBeLessThanOrEqual(6);
    for (const [i, n] of ns.entries()) {
      const c = data._entities[i];
      expect(c.grid?.code ?? null).toBe(demoCustomerGrid(n));
      expect(c.customerManager?.id ?? null).toBe(demoCustomerManaged(n) ? demoSegmentPersonId('RESI', 'staff') : null);
      expect(c.groupCustomer !== null).toBe(Math.floor(n / DEMO_SEGMENTS.length) < 3);
      expect(c.tier).toBeNull();
    }
    // Another segment's head: the customers do not resolve at all; neither do the grid and group customer.
    const other = await mkt.ok(viewers.head('COMM'), ENTITIES, {
      r: [...r.slice(0, 1), { __typename: 'Grid', id: demoGridId('RESI') }, { __typename: 'GroupCustomer', id: demoGroupCustomerId(resi[0]) }],
    });
    expect(other._entities).toEqual([null, null, null]);
    // Employee.grids: the grids an employee manages, only in readable segments.
    const emp = { r: [{ __typename: 'Employee', id: demoSegmentPersonId('RESI', 'staff') }] };
    expect((await mkt.ok(viewers.head('RESI'), ENTITIES, emp))._entities[0].grids.map((g: any) => g.code)).toEqual(['RESI', 'RESI-N', 'RESI-S']);
    expect((await mkt.ok(viewers.head('COMM'), ENTITIES, emp))._entities[0].grids).toEqual([]);
  });

  it('creates grids and places customers within the own segment only', async () => {
    const head = viewers.head('RESI');
    const CREATE = `mutation ($i: CreateGridInput!) { createGrid(input: $i) { id code level parent { code } manager { id } } }`;
    const input = { code: 'RESI-N-1', name: '北区一号网格', segmentId: segmentId('RESI'), parentId: demoGridId('RESI-N'), coverageTarget: 10, managerEmployeeId: head.employeeId };
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), CREATE, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'GRID_WRITE_FORBIDDEN' });
    expect(errorOf(await mkt.exec(viewers.head('COMM'), CREATE, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'SEGMENT_FORBIDDEN' });
    expect(errorOf(await mkt.exec(viewers.head('COMM'), CREATE, { i: { ...input, segmentId: segmentId('COMM') } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'GRID_NOT_FOUND',
    });
    const g = (await mkt.ok(head, CREATE, { i: input })).createGrid;
    expect(g).toMatchObject({ code: 'RESI-N-1', level: 2, parent: { code: 'RESI-N' }, manager: { id: head.employeeId } });
    expect(errorOf(await mkt.exec(head, CREATE, { i: input }))).toEqual({ code: 'CONFLICT', reason: 'GRID_CODE_TAKEN' });

    const PLACE = `mutation ($c: ID!, $g: ID) { placeCustomerInGrid(customerId: $c, gridId: $g) { id grid { code } } }`;
    const n = resi.find((x) => demoCustomerGrid(x) === null)!;
    expect((await mkt.ok(viewers.staff('RESI'), PLACE, { c: customerId(n), g: g.id })).placeCustomerInGrid.grid).toEqual({ code: 'RESI-N-1' });
    expect(errorOf(await mkt.exec(viewers.staff('COMM'), PLACE, { c: customerId(n), g: g.id })).code).toBe('NOT_FOUND');
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), PLACE, { c: customerId(n), g: demoGridId('COMM') })).code).toBe('NOT_FOUND');
    // The new grid's customer counts in its ancestors' coverage.
    const cov = await mkt.ok(head, `query ($id: ID!) { grid(id: $id) { coverage { customers } } }`, { id: demoGridId('RESI') });
    expect(cov.grid.coverage.customers).toBe(25);
  });

  it('G-24 one active customer manager; the previous assignment ends', async () => {
    const n = resi.find((x) => !demoCustomerManaged(x))!;
    const ASSIGN = `mutation ($c: ID!, $e: ID) { assignCustomerManager(customerId: $c, employeeId: $e) { manager { id } endedAt customer { id } } }`;
    const e1 = demoSegmentPersonId('RESI', 'staff');
    const e2 = demoSegmentPersonId('RESI', 'head');
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), ASSIGN, { c: customerId(n), e: e1 })).code).toBe('FORBIDDEN');
    await mkt.ok(viewers.head('RESI'), ASSIGN, { c: customerId(n), e: e1 });
    await mkt.ok(viewers.head('RESI'), ASSIGN, { c: customerId(n), e: e2 });
    const data = await mkt.ok(viewers.head('RESI'), ENTITIES, { r: [{ __typename: 'Customer', id: customerId(n) }] });
    expect(data._entities[0].customerManager).toEqual({ id: e2 });
    expect(await mkt.ok(viewers.head('RESI'), ASSIGN, { c: customerId(n), e: null })).toEqual({ assignCustomerManager: null });
    expect((await mkt.ok(viewers.head('RESI'), ENTITIES, { r: [{ __typename: 'Customer', id: customerId(n) }] }))._entities[0].customerManager).toBeNull();
  });

  it('MKT-R12 group customers and group members: two lines, key people and products held', async () => {
    const data = await mkt.ok(
      viewers.staff('RESI'),
      `{ groupCustomers(first: 10) { totalCount edges { node { id industry customer { id }
          keyPeople: members(role: KEY_PERSON) { totalCount edges { node { name role title } } }
          members(first: 10) { totalCount } products { edges { node { productName } } } } } } }`,
    );
    expect(data.groupCustomers.totalCount).toBe(3);
    for (const e of data.groupCustomers.edges) {
      expect(demoCustomerSegment(resi.indexOf(resi.find((n) => customerId(n) === e.node.customer.id)!) * 10).code).toBe('RESI');
      expect(e.node.keyPeople.totalCount).toBe(1);
      expect(e.node.keyPeople.edges[0].node).toMatchObject({ role: 'KEY_PERSON', title: '采购总监' });
      expect(e.node.members.totalCount).toBe(3);
      expect(e.node.products.edges.map((x: any) => x.node.productName).sort()).toEqual(['新能源供电', '物业服务']);
    }
    expect((await mkt.ok(viewers.sysadmin(), `{ groupCustomers(first: 1) { totalCount } }`)).groupCustomers.totalCount).toBe(0);

    const CREATE = `mutation ($i: CreateGroupCustomerInput!) { createGroupCustomer(input: $i) { id industry customer { id } } }`;
    const n = resi[10];
    const g = (await mkt.ok(viewers.staff('RESI'), CREATE, { i: { customerId: customerId(n), industry: '教育' } })).createGroupCustomer;
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), CREATE, { i: { customerId: customerId(n) } }))).toEqual({ code: 'CONFLICT', reason: 'GROUP_CUSTOMER_EXISTS' });
    expect(errorOf(await mkt.exec(viewers.staff('COMM'), CREATE, { i: { customerId: customerId(resi[11]) } })).code).toBe('NOT_FOUND');
    const ADD = `mutation ($i: AddGroupMemberInput!) { addGroupMember(input: $i) { name role } }`;
    await mkt.ok(viewers.staff('RESI'), ADD, { i: { groupCustomerId: g.id, name: '王经理', role: 'KEY_PERSON', title: '总经理' } });
    expect(errorOf(await mkt.exec(viewers.staff('COMM'), ADD, { i: { groupCustomerId: g.id, name: 'x', role: 'MEMBER' } })).code).toBe('NOT_FOUND');
    await mkt.ok(viewers.staff('RESI'), `mutation ($i: AddProductHoldingInput!) { addProductHolding(input: $i) { id } }`, {
      i: { groupCustomerId: g.id, productName: '智慧校园', since: days(10) },
    });
    const again = await mkt.ok(viewers.head('RESI'), ENTITIES, { r: [{ __typename: 'GroupCustomer', id: g.id }] });
    expect(again._entities[0]).toEqual({ industry: '教育' });
  });

  it('MKT-R13 G-23 tier rules set every customer’s tier in one statement; overrides win; re-running is stable', async () => {
    const [a, b] = [resi[12], resi[13]].map(customerId);
    await mkt.ok(viewers.integration(), `mutation ($i: RecordCustomerIndicatorsInput!) { recordCustomerIndicators(input: $i) { written } }`, {
      i: {
        source: 'customer-service',
        observations: [
          { customerId: a, code: 'ORDER_VALUE', value: 1_500_000, asOf: days(30) },
          { customerId: b, code: 'ORDER_VALUE', value: 300_000, asOf: days(30) },
        ],
      },
    });
    const RUN = `mutation { runTierRules { tier customers } }`;
    expect(errorOf(await mkt.exec(viewers.head('RESI'), RUN)).code).toBe('FORBIDDEN');
    const before = mkt.app.counter.count;
    const first = (await mkt.ok(viewers.executive(), RUN)).runTierRules;
    expect(mkt.app.counter.count - before).toBeLessThanOrEqual(5);
    const second = (await mkt.ok(viewers.executive(), RUN)).runTierRules;
    expect(second).toEqual(first);
    const total = first.reduce((s: number, r: any) => s + r.customers, 0);
    expect(total).toBeGreaterThanOrEqual(DEMO_CUSTOMER_COUNT);
    const tiers = async () =>
      (await mkt.ok(viewers.head('RESI'), ENTITIES, { r: [a, b, customerId(resi[14])].map((id) => ({ __typename: 'Customer', id })) }))._entities.map((c: any) => c.tier);
    expect(await tiers()).toEqual(['HIGH_VALUE', 'HIGH_END', 'ORDINARY']);

    const OVERRIDE = `mutation ($c: ID!, $t: CustomerTier) { overrideCustomerTier(customerId: $c, tier: $t) { tier } }`;
    expect((await mkt.ok(viewers.head('RESI'), OVERRIDE, { c: customerId(resi[14]), t: 'KEY_ACCOUNT' })).overrideCustomerTier).toEqual({ tier: 'KEY_ACCOUNT' });
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), OVERRIDE, { c: a, t: 'ORDINARY' })).code).toBe('FORBIDDEN');
    await mkt.ok(viewers.executive(), RUN);
    expect(await tiers()).toEqual(['HIGH_VALUE', 'HIGH_END', 'KEY_ACCOUNT']);
    await mkt.ok(viewers.head('RESI'), OVERRIDE, { c: customerId(resi[14]), t: null });
    expect(await tiers()).toEqual(['HIGH_VALUE', 'HIGH_END', 'ORDINARY']);
  });

  it('MKT-R17 MKT-M1 churn rate per period, managed versus not (2 % vs 30 % in the demo data)', async () => {
    const REPORT = `query ($f: DateTimeISO!, $t: DateTimeISO!) { churnReport(from: $f, to: $t) {
      byManagement { managed customersAtStart churned rate } total { customersAtStart churned rate } } }`;
    const year = { f: '2025-01-01T00:00:00Z', t: '2026-01-01T00:00:00Z' };
    const all = (await mkt.ok(viewers.executive(), REPORT, year)).churnReport;
    expect(all.byManagement).toEqual([
      { managed: false, customersAtStart: 200, churned: 60, rate: 0.3 },
      { managed: true, customersAtStart: 100, churned: 2, rate: 0.02 },
    ]);
    expect(all.total).toEqual({ customersAtStart: 300, churned: 62, rate: 62 / 300 });

    // A segment head sees its own segment only.
    const resiRows = (await mkt.ok(viewers.head('RESI'), REPORT, year)).churnReport.byManagement;
    const managed = resi.filter(demoCustomerManaged);
    const unmanaged = resi.filter((n) => !demoCustomerManaged(n));
    expect(resiRows.map((r: any) => [r.customersAtStart, r.churned])).toEqual([
      [unmanaged.length, unmanaged.filter(demoChurned2025).length],
      [managed.length, managed.filter(demoChurned2025).length],
    ]);
    expect((await mkt.ok(viewers.sysadmin(), REPORT, year)).churnReport.total.customersAtStart).toBe(0);
    // Customers churned in 2025 are not "at start" of 2026.
    const next = (await mkt.ok(viewers.executive(), REPORT, { f: '2026-01-01T00:00:00Z', t: '2026-02-01T00:00:00Z' })).churnReport.total;
    expect(next.customersAtStart).toBe(300 - 62);

    // recordChurn derives "managed" from the manager assignment at churnedAt.
    const CHURN = `mutation ($i: RecordChurnInput!) { recordChurn(input: $i) { managed tier } }`;
    const m = resi.find((n) => demoCustomerManaged(n) && !demoChurned2025(n))!;
    expect((await mkt.ok(viewers.staff('RESI'), CHURN, { i: { customerId: customerId(m), churnedAt: days(1), reason: '迁出' } })).recordChurn).toMatchObject({ managed: true });
    expect(errorOf(await mkt.exec(viewers.staff('COMM'), CHURN, { i: { customerId: customerId(m), churnedAt: days(1) } })).code).toBe('NOT_FOUND');
    const churned = await mkt.ok(viewers.staff('RESI'), ENTITIES, { r: [{ __typename: 'Customer', id: customerId(m) }] });
    expect(churned._entities[0].churnEvents).toEqual([{ managed: true }]);
  });
});
