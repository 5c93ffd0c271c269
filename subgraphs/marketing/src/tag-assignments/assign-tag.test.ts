import 'reflect-metadata';
import { newId } from '@group/shared';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoTagId } from '../database/seed';
import { TagAssignment, TagSource } from './tag-assignment.entity';

const ASSIGN = /* GraphQL */ `
  mutation ($input: AssignTagInput!) {
    assignTag(input: $input) {
      id
      source
      assignedAt
      assignedBy
      evidence
      expiresAt
      tag {
        code
      }
      customer {
        id
      }
    }
  }
`;
const REMOVE = /* GraphQL */ `
  mutation ($id: ID!) {
    removeTagAssignment(id: $id) {
      id
      source
      assignedAt
      assignedBy
      evidence
      removedAt
      removedBy
      removalReason
      tag {
        code
      }
      customer {
        id
      }
    }
  }
`;
const REMOVED = /* GraphQL */ `
  query ($filter: RemovedTagAssignmentFilter, $after: String) {
    removedTagAssignments(first: 50, filter: $filter, after: $after) {
      totalCount
      edges {
        node {
          id
          removalReason
          removedBy
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
const CUSTOMER_TAGS = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Customer {
        tags {
          code
        }
        tagAssignments {
          id
        }
      }
    }
  }
`;

describe.each(testDatabaseKinds())('assignTag / removeTagAssignment on %s', (kind) => {
  let mkt: MarketingTestApp;
  // Each test uses its own customer so they stay independent.
  const resi = customersOf('RESI');
  const tagsOf = async (n: number) =>
    ((await mkt.ok(viewers.executive(), CUSTOMER_TAGS, { r: [{ __typename: 'Customer', id: customerId(n) }] }))._entities[0].tags as { code: string }[]).map((t) => t.code);
  /** A MANUAL, currently valid tag the customer does not have yet. */
  const freeManualTag = async (n: number, skip: string[] = []) => {
    const have = await tagsOf(n);
    const candidates = ['PARTNER_REFERRAL', 'REFERRAL', 'GRID_KEY', 'KEY_ACCOUNT', 'WON_BACK', 'PRICE_SENSITIVE', 'UPGRADE_INTENT'];
    return candidates.find((c) => !have.includes(c) && !skip.includes(c))!;
  };

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_assign' })));
  afterAll(() => mkt?.stop());

  it('MKT-R01 every tag is classified in the tag library (a category, never a theme) and a precise tag is matched to a customer, who then carries it', async () => {
    const CATEGORIES = `{ tagCategories(first: 100) { edges { node { id code level } } } }`;
    const categories = (await mkt.ok(viewers.executive(), CATEGORIES)).tagCategories.edges.map((e: any) => e.node);
    const theme = categories.find((c: any) => c.level === 0);
    const sub = categories.find((c: any) => c.level === 2);
    const CREATE = `mutation ($i: CreateTagInput!) { createTag(input: $i) { id code kind category { id level } } }`;
    const input = { code: 'MKT_R01_PRECISE', name: '精准营销：学区房意向', definition: '客户明确表达学区房购买意向', kind: 'MANUAL' };
    // Classification: no tag outside the category tree, none directly under a theme.
    expect(errorOf(await mkt.exec(viewers.executive(), CREATE, { i: { ...input, categoryId: theme.id } }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'TAG_CATEGORY_IS_THEME' });
    expect(errorOf(await mkt.exec(viewers.executive(), CREATE, { i: { ...input, categoryId: newId() } }))).toMatchObject({ code: 'NOT_FOUND' });
    const tag = (await mkt.ok(viewers.executive(), CREATE, { i: { ...input, categoryId: sub.id } })).createTag;
    expect(tag).toMatchObject({ code: 'MKT_R01_PRECISE', kind: 'MANUAL', category: { id: sub.id, level: 2 } });
    const library = (await mkt.ok(viewers.staff('RESI'), `{ tags(first: 100) { totalCount edges { node { code category { level } } } } }`)).tags;
    expect(library.edges).toHaveLength(library.totalCount);
    expect(library.edges.filter((e: any) => !(e.node.category?.level >= 1)).map((e: any) => e.node.code)).toEqual([]);
    // Matching: the segment's staff give the customer the tag; the customer carries it and the tag lists the customer.
    const n = resi[12];
    await mkt.ok(viewers.staff('RESI'), ASSIGN, { input: { customerId: customerId(n), tagId: tag.id, evidence: '客户到访时表达' } });
    expect(await tagsOf(n)).toContain('MKT_R01_PRECISE');
    const matched = await mkt.ok(viewers.head('RESI'), `query ($id: ID!) { tag(id: $id) { assignmentCount customers(first: 10) { edges { node { id } } } } }`, { id: tag.id });
    expect(matched.tag).toEqual({ assignmentCount: 1, customers: { edges: [{ node: { id: customerId(n) } }] } });
  });

  it('lets business staff and segment heads assign a MANUAL tag within their segment', async () => {
    for (const [i, v] of [viewers.staff('RESI'), viewers.head('RESI')].entries()) {
      const n = resi[1 + i];
      const code = await freeManualTag(n);
      const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
      const data = await mkt.ok(v, ASSIGN, { input: { customerId: customerId(n), tagId: demoTagId(code), evidence: '客户来电确认', expiresAt } });
      expect(data.assignTag).toMatchObject({
        source: 'MANUAL',
        assignedBy: v.accountId,
        evidence: '客户来电确认',
        expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString(),
        tag: { code },
        customer: { id: customerId(n) },
      });
      expect(Math.abs(Date.parse(data.assignTag.assignedAt) - Date.now())).toBeLessThan(5000);
      expect(await tagsOf(n)).toContain(code);
      // the assignment lands in the customer's segment
      const list = await mkt.ok(viewers.head('RESI'), `query ($id: ID!) { tagAssignments(filter: { customerId: $id }, first: 10) { edges { node { id } } } }`, {
        id: customerId(n),
      });
      expect(list.tagAssignments.edges.map((e: any) => e.node.id)).toContain(data.assignTag.id);
    }
  });

  it('refuses executives, system admins and segment admins with FORBIDDEN TAG_ASSIGNMENT_FORBIDDEN', async () => {
    const n = resi[3];
    const input = { customerId: customerId(n), tagId: demoTagId(await freeManualTag(n)) };
    for (const v of [viewers.executive(), viewers.sysadmin(), viewers.admin('RESI')]) {
      expect(errorOf(await mkt.exec(v, ASSIGN, { input }))).toEqual({ code: 'FORBIDDEN', reason: 'TAG_ASSIGNMENT_FORBIDDEN' });
    }
    expect(errorOf(await mkt.exec(null, ASSIGN, { input })).code).toBe('UNAUTHENTICATED');
    expect(await tagsOf(n)).not.toContain(input.tagId);
  });

  it('answers NOT_FOUND for another segment’s customer, an unknown customer and an unknown tag', async () => {
    const comm = customersOf('COMM')[0];
    const tagId = demoTagId('REFERRAL');
    expect(errorOf(await mkt.exec(viewers.head('RESI'), ASSIGN, { input: { customerId: customerId(comm), tagId } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'CUSTOMER_NOT_FOUND',
    });
    expect(errorOf(await mkt.exec(viewers.head('RESI'), ASSIGN, { input: { customerId: newId(), tagId } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'CUSTOMER_NOT_FOUND',
    });
    expect(errorOf(await mkt.exec(viewers.head('RESI'), ASSIGN, { input: { customerId: customerId(resi[4]), tagId: newId() } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'TAG_NOT_FOUND',
    });
  });

  it('refuses RULE tags, tags outside their validity and a past expiresAt', async () => {
    const c = customerId(resi[5]);
    const v = viewers.staff('RESI');
    expect(errorOf(await mkt.exec(v, ASSIGN, { input: { customerId: c, tagId: demoTagId('CHURN_RISK') } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'RULE_TAG_NOT_MANUAL',
    });
    // HOLIDAY_TARGET was valid only in early 2025.
    expect(errorOf(await mkt.exec(v, ASSIGN, { input: { customerId: c, tagId: demoTagId('HOLIDAY_TARGET') } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'TAG_NOT_VALID',
    });
    const past = new Date(Date.now() - 3600 * 1000).toISOString();
    expect(errorOf(await mkt.exec(v, ASSIGN, { input: { customerId: c, tagId: demoTagId('REFERRAL'), expiresAt: past } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'EXPIRES_AT_NOT_IN_FUTURE',
    });
    expect(errorOf(await mkt.exec(v, ASSIGN, { input: { customerId: c, tagId: demoTagId('REFERRAL'), evidence: 'x'.repeat(501) } })).code).toBe('BAD_USER_INPUT');
  });

  it('answers CONFLICT TAG_ALREADY_ASSIGNED for a second assignment of the same tag', async () => {
    const n = resi[6];
    const input = { customerId: customerId(n), tagId: demoTagId(await freeManualTag(n)) };
    const first = await mkt.ok(viewers.staff('RESI'), ASSIGN, { input });
    const second = await mkt.exec(viewers.head('RESI'), ASSIGN, { input });
    expect(errorOf(second)).toEqual({ code: 'CONFLICT', reason: 'TAG_ALREADY_ASSIGNED' });
    expect(second.errors![0].extensions!.assignmentId).toBe(first.assignTag.id);
  });

  it('lets exactly one of two concurrent identical assignments win', async () => {
    const n = resi[7];
    const input = { customerId: customerId(n), tagId: demoTagId(await freeManualTag(n)) };
    const results = await Promise.all([mkt.exec(viewers.staff('RESI'), ASSIGN, { input }), mkt.exec(viewers.head('RESI'), ASSIGN, { input })]);
    const wins = results.filter((r) => !r.errors);
    const losses = results.filter((r) => r.errors);
    expect(wins).toHaveLength(1);
    expect(losses.map(errorOf)).toEqual([{ code: 'CONFLICT', reason: 'TAG_ALREADY_ASSIGNED' }]);
  });

  it('removal keeps history, hides the assignment and allows a new assignment later', async () => {
    const n = resi[8];
    const code = await freeManualTag(n);
    const input = { customerId: customerId(n), tagId: demoTagId(code), evidence: '首次' };
    const assigned = (await mkt.ok(viewers.staff('RESI'), ASSIGN, { input })).assignTag;

    const removed = (await mkt.ok(viewers.head('RESI'), REMOVE, { id: assigned.id })).removeTagAssignment;
    expect(removed).toMatchObject({
      id: assigned.id,
      source: 'MANUAL',
      assignedAt: assigned.assignedAt,
      assignedBy: viewers.staff('RESI').accountId,
      evidence: '首次',
      removedBy: viewers.head('RESI').accountId,
      removalReason: 'REMOVED',
      tag: { code },
      customer: { id: customerId(n) },
    });
    expect(await tagsOf(n)).not.toContain(code);

    // The history is segment-scoped like the assignments themselves.
    const mine = await mkt.ok(viewers.staff('RESI'), REMOVED, { filter: { customerId: customerId(n) } });
    expect(mine.removedTagAssignments.edges.map((e: any) => e.node.id)).toEqual([assigned.id]);
    expect((await mkt.ok(viewers.head('COMM'), REMOVED, { filter: { customerId: customerId(n) } })).removedTagAssignments.totalCount).toBe(0);
    expect((await mkt.ok(viewers.sysadmin(), REMOVED, {})).removedTagAssignments.totalCount).toBe(0);
    expect((await mkt.ok(viewers.executive(), REMOVED, { filter: { customerId: customerId(n) } })).removedTagAssignments.totalCount).toBe(1);

    // Removing twice: the active row is gone.
    expect(errorOf(await mkt.exec(viewers.head('RESI'), REMOVE, { id: assigned.id }))).toEqual({ code: 'NOT_FOUND', reason: 'TAG_ASSIGNMENT_NOT_FOUND' });

    // The same tag can be assigned again; both the history and the new assignment exist.
    const again = (await mkt.ok(viewers.staff('RESI'), ASSIGN, { input: { ...input, evidence: '再次' } })).assignTag;
    expect(again.id).not.toBe(assigned.id);
    expect(await tagsOf(n)).toContain(code);
    const hist = await mkt.ok(viewers.staff('RESI'), REMOVED, { filter: { customerId: customerId(n), tagId: demoTagId(code) } });
    expect(hist.removedTagAssignments.totalCount).toBe(1);
  });

  it('removal follows the same rules: role, segment, and no manual removal of RULE tags', async () => {
    const n = resi[9];
    const code = await freeManualTag(n);
    const id = (await mkt.ok(viewers.staff('RESI'), ASSIGN, { input: { customerId: customerId(n), tagId: demoTagId(code) } })).assignTag.id;
    for (const v of [viewers.executive(), viewers.sysadmin(), viewers.admin('RESI')]) {
      expect(errorOf(await mkt.exec(v, REMOVE, { id }))).toEqual({ code: 'FORBIDDEN', reason: 'TAG_ASSIGNMENT_FORBIDDEN' });
    }
    expect(errorOf(await mkt.exec(viewers.head('COMM'), REMOVE, { id }))).toEqual({ code: 'NOT_FOUND', reason: 'TAG_ASSIGNMENT_NOT_FOUND' });
    expect(await tagsOf(n)).toContain(code);

    const rule: any = await mkt.ok(viewers.head('RESI'), `{ tagAssignments(first: 1, filter: { source: RULE }) { edges { node { id } } } }`);
    const ruleId = rule.tagAssignments.edges[0].node.id;
    expect(errorOf(await mkt.exec(viewers.head('RESI'), REMOVE, { id: ruleId }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'RULE_TAG_NOT_MANUAL' });
  });

  it('an expired assignment is hidden, and assigning the tag again archives it as EXPIRED', async () => {
    const n = resi[10];
    const code = await freeManualTag(n);
    const expiredId = newId();
    // Written directly: the API refuses a past expiresAt.
    await mkt.app.dataSource.getRepository(TagAssignment).insert({
      id: expiredId,
      tagId: demoTagId(code),
      customerId: customerId(n),
      segmentId: segmentId('RESI'),
      source: TagSource.MANUAL,
      assignedAt: new Date('2025-03-01T00:00:00Z'),
      assignedBy: viewers.staff('RESI').accountId,
      evidence: null,
      expiresAt: new Date('2025-04-01T00:00:00Z'),
    });
    expect(await tagsOf(n)).not.toContain(code);
    const q = `query ($c: ID!, $x: Boolean) { tagAssignments(filter: { customerId: $c, includeExpired: $x }, first: 10) { edges { node { id } } } }`;
    const hidden = await mkt.ok(viewers.head('RESI'), q, { c: customerId(n) });
    expect(hidden.tagAssignments.edges.map((e: any) => e.node.id)).not.toContain(expiredId);
    const shown = await mkt.ok(viewers.head('RESI'), q, { c: customerId(n), x: true });
    expect(shown.tagAssignments.edges.map((e: any) => e.node.id)).toContain(expiredId);

    const fresh = (await mkt.ok(viewers.staff('RESI'), ASSIGN, { input: { customerId: customerId(n), tagId: demoTagId(code) } })).assignTag;
    expect(fresh.id).not.toBe(expiredId);
    expect(await tagsOf(n)).toContain(code);
    const hist = await mkt.ok(viewers.staff('RESI'), REMOVED, { filter: { customerId: customerId(n) } });
    expect(hist.removedTagAssignments.edges.map((e: any) => e.node)).toEqual([
      { id: expiredId, removalReason: 'EXPIRED', removedBy: null, tag: { code }, customer: { id: customerId(n) } },
    ]);
  });
});
