import 'reflect-metadata';
import { Capability } from '@group/shared';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { MarketingTestApp, startMarketing } from '../testing/harness';

const STALE = { code: 'CONFLICT', reason: 'STALE_VERSION' };
const DENIED = { code: 'FORBIDDEN', reason: 'COMPETITOR_INTELLIGENCE_FORBIDDEN' };
const OPPORTUNITY = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Opportunity {
        id
        competitors {
          id
          threatLevel
          notes
          version
          competitor {
            legalName
          }
          opportunity {
            id
          }
        }
      }
    }
  }
`;
const LINK = /* GraphQL */ `
  mutation ($i: LinkOpportunityCompetitorInput!) {
    linkCompetitorToOpportunity(input: $i) {
      id
      version
      threatLevel
      linkedBy
    }
  }
`;

describe.each(testDatabaseKinds())('maintaining competitor intelligence on %s', (kind) => {
  let mkt: MarketingTestApp;
  const head = viewers.head('RESI');
  const exec = viewers.executive();
  let competitorId: string;

  beforeAll(async () => {
    mkt = await startMarketing(kind, { label: 'mkt_competitor_maint' });
    competitorId = (
      await mkt.ok(head, `mutation ($i: CreateCompetitorInput!) { createCompetitor(input: $i) { id } }`, {
        i: { legalName: '城联物业集团', ownershipType: 'PRIVATE', branches: [{ kind: 'OFFICE', name: '杭州办事处' }], operatingRegions: [{ region: '浙江' }] },
      })
    ).createCompetitor.id;
  });
  afterAll(() => mkt?.stop());

  it('MKT-R07 updates basic information with optimistic versioning; lists sent replace the old ones', async () => {
    const UPDATE = `mutation ($i: UpdateCompetitorInput!) { updateCompetitor(input: $i) { version industryRank branches { name } operatingRegions { region } } }`;
    const u = (
      await mkt.ok(exec, UPDATE, {
        i: {
          id: competitorId,
          expectedVersion: 1,
          industryRank: 2,
          branches: [
            { kind: 'SUBORDINATE_ORG', name: '城联科技' },
            { kind: 'OFFICE', name: '宁波办事处' },
          ],
        },
      })
    ).updateCompetitor;
    expect(u).toEqual({
      version: 2,
      industryRank: 2,
      branches: [{ name: '城联科技' }, { name: '宁波办事处' }].sort((a, b) => a.name.localeCompare(b.name, 'en')),
      operatingRegions: [{ region: '浙江' }],
    });
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id: competitorId, expectedVersion: 1, industryRank: 5 } }))).toEqual(STALE);
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id: competitorId, expectedVersion: 2, legalName: null } })).reason).toBe('FIELD_REQUIRED');
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), UPDATE, { i: { id: competitorId, expectedVersion: 2, industryRank: 5 } }))).toEqual(DENIED);
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id: 'nope', expectedVersion: 1, industryRank: 5 } })).code).toBe('NOT_FOUND');
  });

  it('MKT-R09 MKT-R12 products and strategies: update and delete with versions; denied for others', async () => {
    const p = (await mkt.ok(head, `mutation ($c: ID!) { addCompetitorProduct(input: { competitorId: $c, name: "物业托管", priceLevel: 10 }) { id version } }`, { c: competitorId }))
      .addCompetitorProduct;
    const UPDATE = `mutation ($i: UpdateCompetitorProductInput!) { updateCompetitorProduct(input: $i) { version marketShare updateCycleDays priceLevel } }`;
    expect((await mkt.ok(head, UPDATE, { i: { id: p.id, expectedVersion: p.version, marketShare: 0.2, updateCycleDays: 60 } })).updateCompetitorProduct).toEqual({
      version: p.version + 1,
      marketShare: 0.2,
      updateCycleDays: 60,
      priceLevel: 10,
    });
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id: p.id, expectedVersion: p.version + 1, marketShare: 3 } })).reason).toBe('MARKET_SHARE_INVALID');
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id: p.id, expectedVersion: p.version, marketShare: 0.3 } }))).toEqual(STALE);
    // A new price changes the product (its price level): the version moves too.
    await mkt.ok(head, `mutation ($p: ID!) { recordCompetitorPrice(productId: $p, price: 12, effectiveAt: "2030-01-01T00:00:00Z") { id } }`, { p: p.id });
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id: p.id, expectedVersion: p.version + 1, marketShare: 0.3 } }))).toEqual(STALE);
    const DELETE = `mutation ($id: ID!, $v: Int!) { deleteCompetitorProduct(id: $id, expectedVersion: $v) }`;
    expect(errorOf(await mkt.exec(viewers.admin('RESI'), DELETE, { id: p.id, v: p.version + 2 }))).toEqual(DENIED);
    expect((await mkt.ok(head, DELETE, { id: p.id, v: p.version + 2 })).deleteCompetitorProduct).toBe(true);
    expect(Number((await mkt.app.dataSource.query('SELECT COUNT(*) AS n FROM competitor_price WHERE product_id = ?', [p.id]))[0].n)).toBe(0);

    const s = (
      await mkt.ok(head, `mutation ($c: ID!) { addCompetitorStrategy(input: { competitorId: $c, line: GROUP_CUSTOMER, tariff: "首年免费" }) { id version } }`, { c: competitorId })
    ).addCompetitorStrategy;
    const US = `mutation ($i: UpdateCompetitorStrategyInput!) { updateCompetitorStrategy(input: $i) { line tariff version } }`;
    expect((await mkt.ok(exec, US, { i: { id: s.id, expectedVersion: s.version, line: 'GROUP_MEMBER', tariff: null } })).updateCompetitorStrategy).toEqual({
      line: 'GROUP_MEMBER',
      tariff: null,
      version: s.version + 1,
    });
    const DS = `mutation ($id: ID!, $v: Int!) { deleteCompetitorStrategy(id: $id, expectedVersion: $v) }`;
    expect(errorOf(await mkt.exec(head, DS, { id: s.id, v: s.version }))).toEqual(STALE);
    expect((await mkt.ok(head, DS, { id: s.id, v: s.version + 1 })).deleteCompetitorStrategy).toBe(true);
  });

  it('Opportunity.competitors: linked per opportunity and segment; others see nothing or are refused', async () => {
    const opp = 'opp-resi-1';
    const input = { opportunityId: opp, segmentId: segmentId('RESI'), competitorId, threatLevel: 'MEDIUM', notes: '对方报价低10%' };
    // Another segment's head does not see the opportunity (customer-service's answer, played by the harness).
    expect(errorOf(await mkt.exec(viewers.head('COMM'), LINK, { i: input }))).toEqual({ code: 'NOT_FOUND', reason: 'OPPORTUNITY_NOT_FOUND' });
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), LINK, { i: input }))).toEqual(DENIED);
    expect(errorOf(await mkt.exec(head, LINK, { i: { ...input, competitorId: 'nope' } })).reason).toBe('COMPETITOR_NOT_FOUND');
    const l = (await mkt.ok(head, LINK, { i: input })).linkCompetitorToOpportunity;
    expect(l).toMatchObject({ version: 1, threatLevel: 'MEDIUM', linkedBy: head.accountId });
    expect(errorOf(await mkt.exec(exec, LINK, { i: input }))).toEqual({ code: 'CONFLICT', reason: 'OPPORTUNITY_COMPETITOR_EXISTS' });

    const r = { r: [{ __typename: 'Opportunity', id: opp }] };
    const seen = (await mkt.ok(head, OPPORTUNITY, r))._entities[0];
    expect(seen).toEqual({
      id: opp,
      competitors: [{ id: l.id, threatLevel: 'MEDIUM', notes: '对方报价低10%', version: 1, competitor: { legalName: '城联物业集团' }, opportunity: { id: opp } }],
    });
    expect((await mkt.ok(exec, OPPORTUNITY, r))._entities[0].competitors).toHaveLength(1);
    // Another segment's head: the link is invisible; business staff: null and FORBIDDEN.
    expect((await mkt.ok(viewers.head('COMM'), OPPORTUNITY, r))._entities[0].competitors).toEqual([]);
    const staffRead = await mkt.exec(viewers.staff('RESI'), OPPORTUNITY, r);
    expect(staffRead.data?._entities[0]).toEqual({ id: opp, competitors: null });
    expect(errorOf(staffRead)).toEqual(DENIED);

    const UPDATE = `mutation ($i: UpdateOpportunityCompetitorInput!) { updateOpportunityCompetitor(input: $i) { threatLevel version } }`;
    expect(errorOf(await mkt.exec(viewers.head('COMM'), UPDATE, { i: { id: l.id, expectedVersion: 1, threatLevel: 'HIGH' } })).code).toBe('NOT_FOUND');
    expect((await mkt.ok(head, UPDATE, { i: { id: l.id, expectedVersion: 1, threatLevel: 'HIGH' } })).updateOpportunityCompetitor).toEqual({ threatLevel: 'HIGH', version: 2 });
    expect(errorOf(await mkt.exec(head, UPDATE, { i: { id: l.id, expectedVersion: 1, threatLevel: 'LOW' } }))).toEqual(STALE);
    const UNLINK = `mutation ($id: ID!, $v: Int!) { unlinkCompetitorFromOpportunity(id: $id, expectedVersion: $v) { id } }`;
    expect(errorOf(await mkt.exec(head, UNLINK, { id: l.id, v: 1 }))).toEqual(STALE);
    expect(errorOf(await mkt.exec(viewers.head('COMM'), UNLINK, { id: l.id, v: 2 })).code).toBe('NOT_FOUND');
    expect((await mkt.ok(head, UNLINK, { id: l.id, v: 2 })).unlinkCompetitorFromOpportunity).toEqual({ id: l.id });
    expect((await mkt.ok(head, OPPORTUNITY, r))._entities[0].competitors).toEqual([]);
  });

  it('MKT-R23 the group marketing department operator may work on competitor intelligence; archived competitors leave lists', async () => {
    const operator = { ...viewers.staff('RESI'), capabilities: [Capability.MARKETING_OPERATOR] };
    const list = async (v = operator, extra = '') => (await mkt.ok(v, `{ competitors(first: 20${extra}) { edges { node { id } } } }`)).competitors.edges.map((e: any) => e.node.id);
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), `{ competitors(first: 1) { totalCount } }`))).toEqual(DENIED);
    expect(await list()).toContain(competitorId);
    const l = (await mkt.ok(operator, LINK, { i: { opportunityId: 'opp-op', segmentId: segmentId('RESI'), competitorId, threatLevel: 'LOW' } })).linkCompetitorToOpportunity;
    expect(l.linkedBy).toBe(operator.accountId);
    expect((await mkt.ok(operator, OPPORTUNITY, { r: [{ __typename: 'Opportunity', id: 'opp-op' }] }))._entities[0].competitors).toHaveLength(1);

    const v = (await mkt.ok(operator, `query ($id: ID!) { competitor(id: $id) { version } }`, { id: competitorId })).competitor.version;
    const ARCHIVE = `mutation ($id: ID!, $v: Int!) { archiveCompetitor(id: $id, expectedVersion: $v) { archivedAt version } }`;
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), ARCHIVE, { id: competitorId, v }))).toEqual(DENIED);
    expect(errorOf(await mkt.exec(operator, ARCHIVE, { id: competitorId, v: v - 1 }))).toEqual(STALE);
    const a = (await mkt.ok(operator, ARCHIVE, { id: competitorId, v })).archiveCompetitor;
    expect(a.version).toBe(v + 1);
    expect(await list()).not.toContain(competitorId);
    expect(await list(operator, ', filter: { includeArchived: true }')).toContain(competitorId);
    expect(errorOf(await mkt.exec(head, LINK, { i: { opportunityId: 'opp-2', segmentId: segmentId('RESI'), competitorId, threatLevel: 'LOW' } })).reason).toBe(
      'COMPETITOR_ARCHIVED',
    );
  });
});
