import 'reflect-metadata';
import { errorOf, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoTagCategoryId } from '../database/seed';

/**
 * The shape of the tag library (domain.md §2.3, D07) through GraphQL. The category tree is
 * reference data loaded with the schema (no API creates or moves categories): it is checked
 * as served, and through the paths that depend on it (tag creation, coverage per level-1).
 */
const TREE = `{ tagCategories(first: 100) { edges { node { id code name level parent { id code level } } } } }`;
const COVERAGE = `{ tagCoverage { byCategory { category { code } customers } } }`;
const CREATE = `mutation ($i: CreateTagInput!) { createTag(input: $i) { id category { code level parent { code level parent { code level } } } } }`;
const ASSIGN = `mutation ($input: AssignTagInput!) { assignTag(input: $input) { id } }`;
const LEVEL1 = ['CHANNEL_MANAGEMENT', 'COMPETITOR_RESEARCH', 'CUSTOMER_BEHAVIOR', 'MARKETING_SERVICE', 'PRODUCT_OPERATIONS'];

describe.each(testDatabaseKinds())('tag library (MKT-R02, R03, R06) on %s', (kind) => {
  let mkt: MarketingTestApp;
  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_tag_rules' })));
  afterAll(() => mkt?.stop());

  const tree = async () => (await mkt.ok(viewers.staff('RESI'), TREE)).tagCategories.edges.map((e: any) => e.node);
  const coverage = async (code: string) => (await mkt.ok(viewers.executive(), COVERAGE)).tagCoverage.byCategory.find((c: any) => c.category.code === code).customers as number;

  it('MKT-R02: tags are organised under the core works (growth, retention, value): every category leads up to a theme, and no tag sits on a theme itself', async () => {
    const nodes = await tree();
    const themes = nodes.filter((c: any) => c.level === 0);
    expect(themes.map((c: any) => c.code).sort()).toEqual(['GROWTH', 'RETENTION', 'VALUE']);
    expect(themes.every((c: any) => c.parent === null)).toBe(true);
    for (const c of nodes.filter((n: any) => n.level > 0)) expect({ code: c.code, parentLevel: c.parent?.level }).toEqual({ code: c.code, parentLevel: c.level - 1 });
    const input = { code: 'MKT_R02_EVENT', name: '活动参与', definition: '参加过集团营销活动的客户。', kind: 'MANUAL' };
    expect(errorOf(await mkt.exec(viewers.executive(), CREATE, { i: { ...input, categoryId: demoTagCategoryId('GROWTH') } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'TAG_CATEGORY_IS_THEME',
    });
    const tag = (await mkt.ok(viewers.executive(), CREATE, { i: { ...input, categoryId: demoTagCategoryId('MARKETING_SERVICE.CAMPAIGN') } })).createTag;
    expect(tag.category).toMatchObject({ level: 2, parent: { code: 'MARKETING_SERVICE', level: 1, parent: { level: 0 } } });
  });

  it('MKT-R03: the level-1 categories are customer behaviour, product operations, marketing service, channel management and competitor research, and coverage is counted per level-1 category', async () => {
    const level1 = (await tree()).filter((c: any) => c.level === 1);
    expect(level1.map((c: any) => c.code).sort()).toEqual(LEVEL1);
    expect(level1.map((c: any) => c.name).sort()).toEqual(['产品运营', '客户行为', '渠道管理', '竞争对手研究', '营销服务'].sort());
    const byCategory = (await mkt.ok(viewers.executive(), COVERAGE)).tagCoverage.byCategory.map((c: any) => c.category.code).sort();
    expect(byCategory).toEqual(LEVEL1);
    // A tag of a level-2 sub-category counts for its level-1 category.
    const tag = (
      await mkt.ok(viewers.executive(), CREATE, {
        i: { code: 'MKT_R03_CHANNEL', name: '渠道到访', definition: '经合作渠道到访的客户。', kind: 'MANUAL', categoryId: demoTagCategoryId('CHANNEL_MANAGEMENT.PARTNER') },
      })
    ).createTag;
    const before = await coverage('CHANNEL_MANAGEMENT');
    await mkt.ok(viewers.staff('RESI'), ASSIGN, { input: { customerId: customerId(customersOf('RESI')[20]), tagId: tag.id, evidence: '渠道登记' } });
    expect(await coverage('CHANNEL_MANAGEMENT')).toBe(before + 1);
  });

  it('MKT-R06: competitor research tags a customer for the targeted strategy of a core work and counts in its coverage', async () => {
    const research = (await tree()).find((c: any) => c.code === 'COMPETITOR_RESEARCH');
    expect(research.parent).toMatchObject({ level: 0 });
    expect(['GROWTH', 'RETENTION', 'VALUE']).toContain(research.parent.code);
    const tag = (
      await mkt.ok(viewers.executive(), CREATE, {
        i: {
          code: 'MKT_R06_COUNTER',
          name: '竞品对标方案',
          definition: '已制定针对竞争对手的挽留方案的客户。',
          kind: 'MANUAL',
          categoryId: demoTagCategoryId('COMPETITOR_RESEARCH.COUNTER'),
        },
      })
    ).createTag;
    expect(tag.category.parent).toMatchObject({ code: 'COMPETITOR_RESEARCH', parent: { code: research.parent.code } });
    const before = await coverage('COMPETITOR_RESEARCH');
    await mkt.ok(viewers.staff('RESI'), ASSIGN, { input: { customerId: customerId(customersOf('RESI')[21]), tagId: tag.id, evidence: '竞品调研' } });
    expect(await coverage('COMPETITOR_RESEARCH')).toBe(before + 1);
  });
});
