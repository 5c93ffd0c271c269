import 'reflect-metadata';
import { errorOf, testDatabaseKinds, viewers } from '@group/shared/testing';
import { MarketingTestApp, startMarketing } from '../testing/harness';

const CREATE = /* GraphQL */ `
  mutation ($i: CreateCompetitorInput!) {
    createCompetitor(input: $i) {
      id
      legalName
      ownershipType
      collectedBy
    }
  }
`;
const PRODUCT = /* GraphQL */ `
  mutation ($i: AddCompetitorProductInput!) {
    addCompetitorProduct(input: $i) {
      id
      priceLevel
    }
  }
`;
const PRICE = /* GraphQL */ `
  mutation ($p: ID!, $price: Float!, $at: DateTimeISO!) {
    recordCompetitorPrice(productId: $p, price: $price, effectiveAt: $at) {
      price
    }
  }
`;
const READ = /* GraphQL */ `
  query ($id: ID!) {
    competitor(id: $id) {
      legalName
      ownershipType
      assets
      employeeCount
      scaleNote
      leadershipRole
      industryRank
      radiationCapacity
      fiscalContribution
      branches {
        kind
        name
        address
        contact
        principal
      }
      businessTypes {
        scope
        productStatus
      }
      operatingRegions {
        region
        marketField
      }
      averageUpdateCycleDays
      products {
        name
        category
        mainFunctions
        launchDate
        marketPositioning
        marketCapacity
        marketShare
        updateCycleDays
        strengthsWeaknesses
        salesProfitEstimate
        salesProfitActual
        seasonality
        tariff
        priceElasticity
        derivativeProducts
        userReviews
        pricingStrategy
        priceLevel
        priceFlexibility
        priceStability
        priceHistory {
          price
          effectiveAt
        }
      }
      strategies {
        line
        tariff
        marketingMethod
        marketingCampaigns
        correspondingIndicators
      }
    }
  }
`;

const basic = {
  legalName: '华远物业服务股份有限公司',
  ownershipType: 'JOINT_STOCK',
  assets: 1_200_000_000,
  employeeCount: 5400,
  scaleNote: '在管面积8000万平方米',
  leadershipRole: '华东区域龙头',
  industryRank: 3,
  radiationCapacity: '辐射长三角',
  fiscalContribution: '年纳税2亿元',
  branches: [
    { kind: 'OFFICE', name: '上海办事处', address: '上海市浦东新区', contact: '021-0000000', principal: '李四' },
    { kind: 'SUBORDINATE_ORG', name: '华远科技', address: null, contact: null, principal: null },
  ],
  businessTypes: [{ scope: '住宅物业', productStatus: '成熟' }],
  operatingRegions: [{ region: '上海', marketField: '住宅' }],
};
const product = {
  name: '智慧社区套餐',
  category: '物业增值服务',
  mainFunctions: ['门禁', '缴费'],
  launchDate: '2024-03-01T00:00:00.000Z',
  marketPositioning: '中高端住宅',
  marketCapacity: '约50亿元',
  marketShare: 0.12,
  updateCycleDays: 90,
  strengthsWeaknesses: '功能全,价格高',
  salesProfitEstimate: '年销售1亿元',
  salesProfitActual: '2024年实际0.8亿元',
  seasonality: '春节前后旺季',
  tariff: '每户每月30元',
  priceElasticity: '中等',
  derivativeProducts: ['家政服务'],
  userReviews: ['好用', '偏贵'],
  pricingStrategy: '渗透定价',
  priceLevel: 30,
  priceFlexibility: '可议价10%',
  priceStability: '两年未调价',
};

describe.each(testDatabaseKinds())('competitor intelligence on %s', (kind) => {
  let mkt: MarketingTestApp;
  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_competitors' })));
  afterAll(() => mkt?.stop());

  it('MKT-R07 MKT-R09 MKT-R10 MKT-R12 keeps every attribute of the source, with price history and the two strategy lines', async () => {
    const head = viewers.head('RESI');
    const c = (await mkt.ok(head, CREATE, { i: basic })).createCompetitor;
    expect(c).toMatchObject({ legalName: basic.legalName, ownershipType: 'JOINT_STOCK', collectedBy: head.accountId });
    expect(errorOf(await mkt.exec(viewers.executive(), CREATE, { i: basic }))).toEqual({ code: 'CONFLICT', reason: 'COMPETITOR_EXISTS' });

    const p = (await mkt.ok(head, PRODUCT, { i: { competitorId: c.id, ...product } })).addCompetitorProduct;
    await mkt.ok(viewers.executive(), PRODUCT, { i: { competitorId: c.id, name: '基础物业包', updateCycleDays: 270 } });
    await mkt.ok(head, PRICE, { p: p.id, price: 28, at: new Date(Date.now() + 5000).toISOString() });
    for (const line of ['GROUP_CUSTOMER', 'GROUP_MEMBER']) {
      await mkt.ok(head, `mutation ($i: AddCompetitorStrategyInput!) { addCompetitorStrategy(input: $i) { id } }`, {
        i: { competitorId: c.id, line, tariff: '首年8折', marketingMethod: '上门推介', marketingCampaigns: '开业季', correspondingIndicators: '续约率' },
      });
    }

    const read = (await mkt.ok(viewers.executive(), READ, { id: c.id })).competitor;
    const { branches, businessTypes, operatingRegions, ...scalar } = basic;
    expect(read).toMatchObject({ ...scalar, businessTypes, operatingRegions, averageUpdateCycleDays: 180 });
    expect(read.branches).toEqual([...branches].sort((a, b) => a.name.localeCompare(b.name, 'en')));
    const full = read.products.find((x: any) => x.name === product.name);
    expect(full).toMatchObject({ ...product, priceLevel: 28 });
    expect(full.priceHistory.map((h: any) => h.price)).toEqual([30, 28]);
    expect(read.strategies.map((s: any) => s.line).sort()).toEqual(['GROUP_CUSTOMER', 'GROUP_MEMBER']);
    expect(errorOf(await mkt.exec(head, PRODUCT, { i: { competitorId: c.id, name: 'x', marketShare: 1.5 } })).reason).toBe('MARKET_SHARE_INVALID');
  });

  it('is sensitive: business staff, segment admins and system admins are denied on every path', async () => {
    const c = (await mkt.ok(viewers.executive(), CREATE, { i: { legalName: '远景能源', ownershipType: 'PRIVATE' } })).createCompetitor;
    for (const v of [viewers.staff('RESI'), viewers.admin('RESI'), viewers.sysadmin()]) {
      const denied = { code: 'FORBIDDEN', reason: 'COMPETITOR_INTELLIGENCE_FORBIDDEN' };
      expect(errorOf(await mkt.exec(v, `{ competitors(first: 5) { totalCount } }`))).toEqual(denied);
      expect(errorOf(await mkt.exec(v, READ, { id: c.id }))).toEqual(denied);
      expect(errorOf(await mkt.exec(v, CREATE, { i: { legalName: 'x', ownershipType: 'OTHER' } }))).toEqual(denied);
      expect(errorOf(await mkt.exec(v, PRODUCT, { i: { competitorId: c.id, name: 'x' } }))).toEqual(denied);
    }
    const list = await mkt.ok(viewers.head('COMM'), `{ competitors(first: 5, filter: { ownershipType: PRIVATE }) { totalCount edges { node { legalName } } } }`);
    expect(list.competitors.edges.map((e: any) => e.node.legalName)).toEqual(['远景能源']);
  });

  it('MKT-R08 a competitor is of one of the ownership types the source names (国有, 集体, 私营, 联营, 合作, 合资, 股份制, 外资, or other); any other is refused', async () => {
    const types = ['STATE_OWNED', 'COLLECTIVE', 'PRIVATE', 'JOINT_OPERATION', 'COOPERATIVE', 'SINO_FOREIGN_JOINT_VENTURE', 'JOINT_STOCK', 'FOREIGN_FUNDED', 'OTHER'];
    const schema = await mkt.ok(viewers.executive(), `{ __type(name: "CompetitorOwnershipType") { enumValues { name } } }`);
    expect(schema.__type.enumValues.map((v: any) => v.name)).toEqual(types);
    for (const t of types) {
      const c = (await mkt.ok(viewers.executive(), CREATE, { i: { legalName: `MKT-R08 ${t}`, ownershipType: t } })).createCompetitor;
      expect(c.ownershipType).toBe(t);
    }
    const bad = await mkt.exec(viewers.executive(), CREATE, { i: { legalName: 'MKT-R08 国企改制', ownershipType: 'PUBLIC' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('MKT-R11 the product update cycle is kept as a duration in days; a competitor whose products update sooner shows the shorter average cycle (faster market response)', async () => {
    const ex = viewers.executive();
    const fast = (await mkt.ok(ex, CREATE, { i: { legalName: 'MKT-R11 快速迭代科技', ownershipType: 'PRIVATE' } })).createCompetitor;
    const slow = (await mkt.ok(ex, CREATE, { i: { legalName: 'MKT-R11 传统物业', ownershipType: 'STATE_OWNED' } })).createCompetitor;
    for (const [c, days] of [
      [fast, 30],
      [fast, 90],
      [slow, 365],
    ] as const)
      await mkt.ok(ex, PRODUCT, { i: { competitorId: c.id, name: `产品 ${days}`, updateCycleDays: days } });
    await mkt.ok(ex, PRODUCT, { i: { competitorId: slow.id, name: '周期未知' } }); // unknown cycles do not count
    const avg = async (id: string) => (await mkt.ok(ex, `query ($id: ID!) { competitor(id: $id) { averageUpdateCycleDays products { updateCycleDays } } }`, { id })).competitor;
    expect((await avg(fast.id)).averageUpdateCycleDays).toBe(60);
    expect((await avg(slow.id)).averageUpdateCycleDays).toBe(365);
    const zero = await mkt.exec(ex, PRODUCT, { i: { competitorId: fast.id, name: '零周期', updateCycleDays: 0 } });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
