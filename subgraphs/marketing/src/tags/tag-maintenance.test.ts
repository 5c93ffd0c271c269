import 'reflect-metadata';
import { Capability } from '@group/shared';
import { errorOf, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoTagCategoryId } from '../database/seed';

const CREATE = /* GraphQL */ `
  mutation ($i: CreateTagInput!) {
    createTag(input: $i) {
      id
      code
      version
      owner
      category {
        code
      }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation ($i: UpdateTagInput!) {
    updateTag(input: $i) {
      name
      version
      validTo
    }
  }
`;

describe.each(testDatabaseKinds())('tag library maintenance on %s', (kind) => {
  let mkt: MarketingTestApp;
  const operator = { ...viewers.staff('RESI'), capabilities: [Capability.MARKETING_OPERATOR] };
  const input = {
    code: 'VIP_EVENT_GUEST',
    name: '贵宾活动嘉宾',
    definition: '参加过集团贵宾活动的客户。',
    kind: 'MANUAL',
    categoryId: demoTagCategoryId('MARKETING_SERVICE.CAMPAIGN'),
  };

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_tag_maint' })));
  afterAll(() => mkt?.stop());

  it('MKT-R04 MKT-R23 the group marketing department (and executives) add and edit tags, with versions; nobody else', async () => {
    for (const v of [viewers.staff('RESI'), viewers.head('RESI'), viewers.admin('RESI'), viewers.sysadmin()]) {
      expect(errorOf(await mkt.exec(v, CREATE, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'TAG_LIBRARY_FORBIDDEN' });
    }
    const t = (await mkt.ok(operator, CREATE, { i: input })).createTag;
    expect(t).toMatchObject({ code: 'VIP_EVENT_GUEST', version: 1, owner: '集团市场营销部', category: { code: 'MARKETING_SERVICE.CAMPAIGN' } });
    expect(errorOf(await mkt.exec(viewers.executive(), CREATE, { i: input }))).toEqual({ code: 'CONFLICT', reason: 'TAG_CODE_TAKEN' });
    expect(errorOf(await mkt.exec(operator, CREATE, { i: { ...input, code: 'ON_A_THEME', categoryId: demoTagCategoryId('RETENTION') } })).reason).toBe('TAG_CATEGORY_IS_THEME');
    expect(errorOf(await mkt.exec(operator, CREATE, { i: { ...input, code: 'lower case' } })).code).toBe('BAD_USER_INPUT');

    expect((await mkt.ok(viewers.executive(), UPDATE, { i: { id: t.id, expectedVersion: 1, name: '贵宾活动受邀客户' } })).updateTag).toMatchObject({
      name: '贵宾活动受邀客户',
      version: 2,
    });
    expect(errorOf(await mkt.exec(operator, UPDATE, { i: { id: t.id, expectedVersion: 1, name: 'x' } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(errorOf(await mkt.exec(viewers.head('RESI'), UPDATE, { i: { id: t.id, expectedVersion: 2, name: 'x' } })).reason).toBe('TAG_LIBRARY_FORBIDDEN');
    expect(errorOf(await mkt.exec(operator, UPDATE, { i: { id: t.id, expectedVersion: 2, validFrom: '2030-01-01T00:00:00Z', validTo: '2029-01-01T00:00:00Z' } })).reason).toBe(
      'TAG_VALIDITY_INVALID',
    );

    // A new tag is assignable at once; retired (validTo passed) it is not.
    const ASSIGN = `mutation ($i: AssignTagInput!) { assignTag(input: $i) { id } }`;
    const [a, b] = customersOf('RESI').slice(5, 7).map(customerId);
    await mkt.ok(viewers.staff('RESI'), ASSIGN, { i: { customerId: a, tagId: t.id } });
    const retired = (await mkt.ok(operator, UPDATE, { i: { id: t.id, expectedVersion: 2, validTo: new Date(Date.now() - 1000).toISOString() } })).updateTag;
    expect(retired.version).toBe(3);
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), ASSIGN, { i: { customerId: b, tagId: t.id } })).reason).toBe('TAG_NOT_VALID');
  });
});
