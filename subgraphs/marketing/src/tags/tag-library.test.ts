import 'reflect-metadata';
import { errorOf, testDatabaseKinds, viewers } from '@group/shared/testing';
import { MarketingTestApp, startMarketing } from '../testing/harness';
import { DEMO_TAG_LIBRARY, DEMO_TAG_THEMES, demoTagCategoryId, demoTagId } from '../database/seed';

const ALL_TAG_CODES = DEMO_TAG_LIBRARY.flatMap((c) => c.children.flatMap((s) => s.tags.map((t) => t.code))).sort();

const TAGS = /* GraphQL */ `
  query ($first: Int!, $after: String, $filter: TagFilter, $orderBy: TagOrder) {
    tags(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          code
          name
          kind
          definition
          validFrom
          validTo
          category {
            code
            level
          }
        }
      }
    }
  }
`;

describe.each(testDatabaseKinds())('tag library on %s', (kind) => {
  let mkt: MarketingTestApp;
  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_library' })));
  afterAll(() => mkt?.stop());

  it('has the category tree: 3 themes, the 5 level-1 categories, 2-3 sub-categories each', async () => {
    const data = await mkt.ok(
      viewers.staff('RESI'),
      `{ tagCategories(filter: { rootsOnly: true }) { totalCount edges { node { code name level parent { id } children { code name level parent { code } children { code level } } } } } }`,
    );
    const themes = data.tagCategories.edges.map((e: any) => e.node);
    expect(themes.map((t: any) => t.code).sort()).toEqual(DEMO_TAG_THEMES.map((t) => t.code).sort());
    expect(themes.every((t: any) => t.level === 0 && t.parent === null)).toBe(true);
    const level1 = themes.flatMap((t: any) => t.children);
    expect(level1.map((c: any) => c.code).sort()).toEqual(['CHANNEL_MANAGEMENT', 'COMPETITOR_RESEARCH', 'CUSTOMER_BEHAVIOR', 'MARKETING_SERVICE', 'PRODUCT_OPERATIONS']);
    expect(level1.map((c: any) => c.name).sort()).toEqual(['产品运营', '客户行为', '渠道管理', '竞争对手研究', '营销服务'].sort());
    for (const c of level1) {
      expect(c.level).toBe(1);
      expect(c.children.length).toBeGreaterThanOrEqual(2);
      expect(c.children.length).toBeLessThanOrEqual(3);
      expect(c.children.every((s: any) => s.level === 2)).toBe(true);
    }
  });

  it('filters categories by level and parent, and resolves one by id', async () => {
    const data = await mkt.ok(
      viewers.staff('RESI'),
      `query ($p: ID!, $id: ID!) {
        l1: tagCategories(filter: { level: 1 }) { totalCount }
        kids: tagCategories(filter: { parentId: $p }) { edges { node { code } } }
        one: tagCategory(id: $id) { code name nameEn level parent { code } tags { totalCount edges { node { code } } } }
        none: tagCategory(id: "nope") { id }
      }`,
      { p: demoTagCategoryId('CUSTOMER_BEHAVIOR'), id: demoTagCategoryId('CUSTOMER_BEHAVIOR.COMPLAINT') },
    );
    expect(data.l1.totalCount).toBe(5);
    expect(data.kids.edges.map((e: any) => e.node.code)).toEqual(['CUSTOMER_BEHAVIOR.CHURN', 'CUSTOMER_BEHAVIOR.COMPLAINT', 'CUSTOMER_BEHAVIOR.TRANSACTION']);
    expect(data.one).toMatchObject({ code: 'CUSTOMER_BEHAVIOR.COMPLAINT', name: '投诉与服务', level: 2, parent: { code: 'CUSTOMER_BEHAVIOR' } });
    expect(data.one.tags.edges.map((e: any) => e.node.code)).toEqual(['COMPLAINT_30D', 'COMPLAINT_RESOLVED', 'REPEAT_COMPLAINER']);
    expect(data.none).toBeNull();
  });

  it('is readable by every signed-in role, including the system administrator', async () => {
    for (const v of [viewers.sysadmin(), viewers.executive(), viewers.admin('HOTL')]) {
      const data = await mkt.ok(v, `{ tags(first: 1) { totalCount } tag(id: "${demoTagId('HIGH_VALUE')}") { code name kind } }`);
      expect(data.tags.totalCount).toBe(ALL_TAG_CODES.length);
      expect(data.tag).toEqual({ code: 'HIGH_VALUE', name: '高价值客户', kind: 'RULE' });
    }
  });

  it('needs a token', async () => {
    expect(errorOf(await mkt.exec(null, '{ tags { totalCount } }')).code).toBe('UNAUTHENTICATED');
  });

  it('pages through all ~40 tags by code with keyset cursors, both directions', async () => {
    expect(ALL_TAG_CODES.length).toBeGreaterThanOrEqual(38);
    for (const direction of ['ASC', 'DESC'] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const data: any = await mkt.ok(viewers.staff('RESI'), TAGS, { first: 7, after, orderBy: { field: 'CODE', direction } });
        expect(data.tags.totalCount).toBe(ALL_TAG_CODES.length);
        seen.push(...data.tags.edges.map((e: any) => e.node.code));
        pages++;
        if (!data.tags.pageInfo.hasNextPage) break;
        after = data.tags.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(ALL_TAG_CODES.length / 7));
      expect(seen).toEqual(direction === 'ASC' ? ALL_TAG_CODES : [...ALL_TAG_CODES].reverse());
    }
  });

  it('pages by name without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await mkt.ok(viewers.staff('RESI'), TAGS, { first: 9, after, orderBy: { field: 'NAME', direction: 'ASC' } });
      seen.push(...data.tags.edges.map((e: any) => e.node.name));
      if (!data.tags.pageInfo.hasNextPage) break;
      after = data.tags.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(ALL_TAG_CODES.length);
    expect(new Set(seen).size).toBe(ALL_TAG_CODES.length);
  });

  it('filters tags by category, kind, code prefix and name', async () => {
    const v = viewers.staff('RESI');
    const byCategory: any = await mkt.ok(v, TAGS, { first: 50, filter: { categoryId: demoTagCategoryId('CHANNEL_MANAGEMENT.PREFERENCE') } });
    expect(byCategory.tags.edges.map((e: any) => e.node.code)).toEqual(['HOTLINE_CHANNEL', 'OFFLINE_CHANNEL', 'ONLINE_CHANNEL']);
    expect(byCategory.tags.edges[0].node.category).toEqual({ code: 'CHANNEL_MANAGEMENT.PREFERENCE', level: 2 });

    const rule: any = await mkt.ok(v, TAGS, { first: 50, filter: { kind: 'RULE' } });
    const manual: any = await mkt.ok(v, TAGS, { first: 50, filter: { kind: 'MANUAL' } });
    expect(rule.tags.totalCount).toBeGreaterThan(0);
    expect(manual.tags.totalCount).toBeGreaterThan(0);
    expect(rule.tags.totalCount + manual.tags.totalCount).toBe(ALL_TAG_CODES.length);
    expect(rule.tags.edges.every((e: any) => e.node.kind === 'RULE')).toBe(true);

    const prefix: any = await mkt.ok(v, TAGS, { first: 50, filter: { codePrefix: 'COMPETITOR_' } });
    expect(prefix.tags.edges.map((e: any) => e.node.code)).toEqual(ALL_TAG_CODES.filter((c) => c.startsWith('COMPETITOR_')));
    // "_" is a LIKE wildcard: it must be matched literally.
    const literal: any = await mkt.ok(v, TAGS, { first: 50, filter: { codePrefix: 'HIGH_' } });
    expect(literal.tags.edges.map((e: any) => e.node.code)).toEqual(['HIGH_SATISFACTION', 'HIGH_VALUE']);

    const name: any = await mkt.ok(v, TAGS, { first: 50, filter: { nameContains: '投诉' } });
    expect(name.tags.edges.map((e: any) => e.node.name).sort()).toEqual(['多次投诉客户', '投诉已妥善解决', '近30天有投诉'].sort());

    const combined: any = await mkt.ok(v, TAGS, { first: 50, filter: { nameContains: '竞品', kind: 'MANUAL', codePrefix: 'COMPETITOR' } });
    expect(combined.tags.edges.map((e: any) => e.node.code)).toEqual([
      'COMPETITOR_CONTACT',
      'COMPETITOR_CONTRACT_END',
      'COMPETITOR_PRICE_LURE',
      'COMPETITOR_USER',
      'COMPETITOR_WIN_BACK',
    ]);
  });

  it('rejects a bad cursor, an oversized page and an oversized filter', async () => {
    const v = viewers.staff('RESI');
    expect(errorOf(await mkt.exec(v, TAGS, { first: 5, after: 'garbage' }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    expect(errorOf(await mkt.exec(v, TAGS, { first: 101 })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await mkt.exec(v, TAGS, { first: 5, filter: { codePrefix: 'X'.repeat(65) } })).code).toBe('BAD_USER_INPUT');
  });

  it('nested TagCategory.tags pages for many categories cost one statement per level', async () => {
    const q = `{ tagCategories(filter: { level: 2 }, first: 50) { edges { node { code tags(first: 2) { edges { node { code } } } } } } }`;
    const before = mkt.app.counter.count;
    const data = await mkt.ok(viewers.staff('RESI'), q);
    const used = mkt.app.counter.count - before;
    expect(data.tagCategories.edges.length).toBeGreaterThanOrEqual(10);
    expect(data.tagCategories.edges.every((e: any) => e.node.tags.edges.length === 2)).toBe(true);
    expect(used).toBe(2);
  });

  it('resolves TagCategory and Tag through _entities', async () => {
    const data = await mkt.ok(viewers.sysadmin(), `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Tag { code } ... on TagCategory { code } } }`, {
      r: [
        { __typename: 'Tag', id: demoTagId('CHURN_RISK') },
        { __typename: 'TagCategory', id: demoTagCategoryId('RETENTION') },
        { __typename: 'Tag', id: 'missing' },
      ],
    });
    expect(data._entities).toEqual([{ __typename: 'Tag', code: 'CHURN_RISK' }, { __typename: 'TagCategory', code: 'RETENTION' }, null]);
  });
});
