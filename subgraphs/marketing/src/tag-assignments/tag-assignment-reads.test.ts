import 'reflect-metadata';
import { DEMO_CUSTOMER_COUNT, DEMO_SEGMENTS, demoCustomerSegment } from '@group/shared';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, seededAssignmentCount, startMarketing } from '../testing/harness';
import { demoTagId } from '../database/seed';

const segmentOfCustomer = new Map(Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, n) => [customerId(n), demoCustomerSegment(n).code]));
const seededTotal = Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, n) => seededAssignmentCount(n)).reduce((a, b) => a + b, 0);
const seededIn = (seg: string) => customersOf(seg).reduce((a, n) => a + seededAssignmentCount(n), 0);

const ASSIGNMENTS = /* GraphQL */ `
  query ($first: Int!, $after: String, $filter: TagAssignmentFilter, $orderBy: TagAssignmentOrder) {
    tagAssignments(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          source
          assignedAt
          assignedBy
          evidence
          expiresAt
          customer {
            id
          }
          tag {
            code
            kind
          }
        }
      }
    }
  }
`;

const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Customer {
        id
        tags {
          code
          name
          category {
            code
          }
        }
        tagAssignments {
          id
          source
          tag {
            code
          }
          customer {
            id
          }
        }
      }
    }
  }
`;
const reps = (ns: number[]) => ns.map((n) => ({ __typename: 'Customer', id: customerId(n) }));

describe.each(testDatabaseKinds())('tag assignment reads on %s', (kind) => {
  let mkt: MarketingTestApp;
  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_reads' })));
  afterAll(() => mkt?.stop());

  it('seeds 2-4 assignments per demo customer, over all three sources', async () => {
    const data = await mkt.ok(
      viewers.executive(),
      `{ all: tagAssignments(first: 1) { totalCount } m: tagAssignments(filter: { source: MANUAL }) { totalCount }
         r: tagAssignments(filter: { source: RULE }) { totalCount } i: tagAssignments(filter: { source: IMPORT }) { totalCount } }`,
    );
    expect(data.all.totalCount).toBe(seededTotal);
    for (const k of ['m', 'r', 'i']) expect(data[k].totalCount).toBeGreaterThan(0);
    expect(data.m.totalCount + data.r.totalCount + data.i.totalCount).toBe(seededTotal);
  });

  it('scopes tagAssignments to the viewer’s segments: executive all, system admin none, others their own', async () => {
    const total = async (v: ReturnType<typeof viewers.executive>, filter?: object) => (await mkt.ok(v, ASSIGNMENTS, { first: 1, filter })).tagAssignments.totalCount;
    expect(await total(viewers.executive())).toBe(seededTotal);
    expect(await total(viewers.sysadmin())).toBe(0);
    for (const seg of ['RESI', 'HOTL']) {
      expect(await total(viewers.head(seg))).toBe(seededIn(seg));
      expect(await total(viewers.staff(seg))).toBe(seededIn(seg));
      expect(await total(viewers.admin(seg))).toBe(seededIn(seg));
    }
    // A filter on another segment's customer finds nothing rather than leaking.
    const other = customersOf('COMM')[0];
    expect(await total(viewers.head('RESI'), { customerId: customerId(other) })).toBe(0);
    expect(await total(viewers.head('COMM'), { customerId: customerId(other) })).toBe(seededAssignmentCount(other));
  });

  it('pages a segment’s assignments newest first without gaps, repeats or foreign rows', async () => {
    const v = viewers.staff('ENGY');
    const ids: string[] = [];
    const times: number[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await mkt.ok(v, ASSIGNMENTS, { first: 13, after });
      for (const e of data.tagAssignments.edges) {
        ids.push(e.node.id);
        times.push(Date.parse(e.node.assignedAt));
        expect(segmentOfCustomer.get(e.node.customer.id)).toBe('ENGY');
      }
      if (!data.tagAssignments.pageInfo.hasNextPage) break;
      after = data.tagAssignments.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(seededIn('ENGY'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const asc: any = await mkt.ok(v, ASSIGNMENTS, { first: 100, orderBy: { field: 'ASSIGNED_AT', direction: 'ASC' } });
    expect(asc.tagAssignments.edges.map((e: any) => e.node.id)).toEqual([...ids].reverse());
  });

  it('filters by tag and source', async () => {
    const tagId = demoTagId('COMPETITOR_USER');
    const data: any = await mkt.ok(viewers.executive(), ASSIGNMENTS, { first: 100, filter: { tagId, source: 'MANUAL' } });
    expect(data.tagAssignments.totalCount).toBeGreaterThan(0);
    for (const e of data.tagAssignments.edges) expect(e.node).toMatchObject({ source: 'MANUAL', tag: { code: 'COMPETITOR_USER' } });
  });

  it('_entities returns a customer only when the viewer may read its segment', async () => {
    const resi = customersOf('RESI')[0];
    const comm = customersOf('COMM')[0];
    const r = [...reps([resi, comm]), { __typename: 'Customer', id: 'unknown-customer' }];

    const head = await mkt.ok(viewers.head('RESI'), ENTITIES, { r });
    expect(head._entities[0].id).toBe(customerId(resi));
    expect(head._entities[0].tags).toHaveLength(seededAssignmentCount(resi));
    expect(head._entities.slice(1)).toEqual([null, null]);

    const exec = await mkt.ok(viewers.executive(), ENTITIES, { r });
    expect(exec._entities[0]).toEqual(head._entities[0]);
    expect(exec._entities[1].tags).toHaveLength(seededAssignmentCount(comm));
    expect(exec._entities[2]).toBeNull();

    const sys = await mkt.ok(viewers.sysadmin(), ENTITIES, { r });
    expect(sys._entities).toEqual([null, null, null]);

    expect(errorOf(await mkt.exec(null, ENTITIES, { r })).code).toBe('UNAUTHENTICATED');
  });

  it('Customer.tags agrees with Customer.tagAssignments and with the tagAssignments query', async () => {
    const n = customersOf('TRAD')[2];
    const v = viewers.staff('TRAD');
    const e = (await mkt.ok(v, ENTITIES, { r: reps([n]) }))._entities[0];
    const list: any = await mkt.ok(v, ASSIGNMENTS, { first: 10, filter: { customerId: customerId(n) } });
    const fromList = list.tagAssignments.edges.map((x: any) => x.node.tag.code).sort();
    expect(e.tags.map((t: any) => t.code)).toEqual(fromList);
    expect(e.tagAssignments.map((a: any) => a.tag.code).sort()).toEqual(fromList);
    expect(e.tagAssignments.every((a: any) => a.customer.id === customerId(n))).toBe(true);
    expect(e.tags.every((t: any) => t.category.code.includes('.'))).toBe(true);
  });

  it('Tag.assignmentCount and Tag.customers are segment-scoped', async () => {
    const tagId = demoTagId('KEY_ACCOUNT');
    const q = `query ($id: ID!, $after: String) { tag(id: $id) { assignmentCount customers(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
    const execAll: any = await mkt.ok(viewers.executive(), ASSIGNMENTS, { first: 100, filter: { tagId } });
    const all = execAll.tagAssignments.edges.map((x: any) => x.node.customer.id).sort();

    const exec: any = await mkt.ok(viewers.executive(), q, { id: tagId });
    expect(exec.tag.assignmentCount).toBe(all.length);
    expect(exec.tag.customers.totalCount).toBe(all.length);

    // Walk the customers of the tag page by page, as the executive.
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const d: any = await mkt.ok(viewers.executive(), q, { id: tagId, after });
      walked.push(...d.tag.customers.edges.map((x: any) => x.node.id));
      if (!d.tag.customers.pageInfo.hasNextPage) break;
      after = d.tag.customers.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);

    for (const seg of DEMO_SEGMENTS.map((s) => s.code)) {
      const d: any = await mkt.ok(viewers.head(seg), q, { id: tagId });
      const expected = all.filter((id: string) => segmentOfCustomer.get(id) === seg).length;
      expect(d.tag.assignmentCount).toBe(expected);
      expect(d.tag.customers.totalCount).toBe(expected);
      for (const x of d.tag.customers.edges) expect(segmentOfCustomer.get(x.node.id)).toBe(seg);
    }
    const sys: any = await mkt.ok(viewers.sysadmin(), q, { id: tagId });
    expect(sys.tag.assignmentCount).toBe(0);
    expect(sys.tag.customers.edges).toEqual([]);
  });

  it('a viewer in several segments sees exactly those segments', async () => {
    const v = { ...viewers.head('RESI'), segmentIds: [segmentId('RESI'), segmentId('SOFT')] };
    const data: any = await mkt.ok(v, ASSIGNMENTS, { first: 1 });
    expect(data.tagAssignments.totalCount).toBe(seededIn('RESI') + seededIn('SOFT'));
  });

  describe('statement count of _entities for N customers (DataLoader)', () => {
    const cost = async (viewer: ReturnType<typeof viewers.executive>, ns: number[]) => {
      const before = mkt.app.counter.count;
      const data = await mkt.ok(viewer, ENTITIES, { r: reps(ns) });
      return { used: mkt.app.counter.count - before, data };
    };

    it('is the same for 3 and for 300 customers (executive)', async () => {
      const small = await cost(viewers.executive(), [0, 1, 2]);
      const all = await cost(
        viewers.executive(),
        Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, n) => n),
      );
      expect(all.data._entities.every((c: any) => c !== null && c.tags.length >= 2)).toBe(true);
      // customer_profile ⋈ tag_assignment (segment and tag ids) in one statement, then the distinct
      // tags, their categories, and the assignments behind `tagAssignments`: one statement each.
      expect(small.used).toBe(4);
      expect(all.used).toBe(small.used);
    });

    it('is the same for a segment head whatever the mix of visible and invisible customers', async () => {
      const few = await cost(viewers.head('RESI'), [0, 1]);
      const many = await cost(
        viewers.head('RESI'),
        Array.from({ length: 120 }, (_, n) => n),
      );
      expect(many.data._entities.filter((c: any) => c !== null)).toHaveLength(12);
      expect(many.used).toBe(few.used);
      expect(many.used).toBeLessThanOrEqual(4);
    });
  });
});
