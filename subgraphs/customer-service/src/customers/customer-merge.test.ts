import 'reflect-metadata';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, CsTestApp, count, customer, lead, opportunity, action, seg, staff, head, local, ORDER } from '../testing/harness';

describe.each(testDatabaseKinds())('customer duplicates and merge on %s', (kind) => {
  let cs: CsTestApp;
  beforeAll(async () => (cs = await startCustomerService(kind, { label: 'cs-customers', now: '2026-11-10T10:00:00', roster: true })));
  afterAll(() => cs?.stop());

  it('merges a duplicate customer, moving everything attached in one transaction (duplicates by name and contact)', async () => {
    const s = staff('SOFT');
    const h = head('SOFT');
    const keep = await customer(cs, s, 'SOFT', '博远软件有限公司');
    const dup = await customer(cs, s, 'SOFT', '博远软件 有限公司');
    await cs.ok(s, `mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }`, {
      i: { customerId: dup.id, name: '张晓明', email: 'zhang@boyuan.example' },
    });
    await lead(cs, s, 'SOFT', '二期扩容', { customerId: dup.id });
    const o = await opportunity(cs, s, dup.id, 'ERP 升级', 600000);
    await action(cs, s, 'CUSTOMER', dup.id);
    await action(cs, s, 'OPPORTUNITY', o.id);
    await cs.ok(s, ORDER, { input: { customerId: dup.id, contractNumber: 'SW-9', signedAt: local('2026-11-02T10:00:00').toISOString(), amount: 5000 } });
    await cs.ok(s, `mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
      i: { customerId: dup.id, title: '系统频繁宕机', description: 'd', channel: 'EMAIL', severity: 'GENERAL', phase: 'AFTER_SALE' },
    });

    await cs.app.dataSource.query(
      'INSERT INTO revisit_plan (id, customer_id, segment_id, owner_id, cadence_days, next_due_at, last_revisit_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, 90, ?, NULL, ?, ?, 1)',
      ['plan-dup', dup.id, seg('SOFT'), s.employeeId, '2026-12-01 00:00:00', '2026-11-01 00:00:00', '2026-11-01 00:00:00'],
    );
    expect((await cs.ok(s, `query ($id: ID!) { customerDuplicates(customerId: $id) { id } }`, { id: keep.id })).customerDuplicates).toEqual([{ id: dup.id }]);
    expect((await cs.ok(staff('COMM'), `query ($id: ID!) { customerDuplicates(customerId: $id) { id } }`, { id: keep.id })).customerDuplicates).toEqual([]);

    const MERGE = `mutation ($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id version } merge { duplicateId duplicateName } moved { contacts leads opportunities orders generalActions complaints revisitPlans } } }`;
    const input = { survivorId: keep.id, survivorExpectedVersion: 1, duplicateId: dup.id, duplicateExpectedVersion: 1 };
    expect(errorOf(await cs.exec(s, MERGE, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'MERGE_SEGMENT_HEAD_ONLY' });
    expect(errorOf(await cs.exec(h, MERGE, { i: { ...input, survivorExpectedVersion: 5 } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    // The refused merge wrote nothing.
    expect(await count(cs, 'SELECT COUNT(*) AS n FROM opportunity WHERE customer_id = ?', [dup.id])).toBe(1);
    const r = (await cs.ok(h, MERGE, { i: input })).mergeCustomers;
    expect(r).toEqual({
      customer: { id: keep.id, version: 2 },
      merge: { duplicateId: dup.id, duplicateName: '博远软件 有限公司' },
      moved: { contacts: 1, leads: 1, opportunities: 1, orders: 1, generalActions: 2, complaints: 1, revisitPlans: 1 },
    });
    expect(await cs.ok(h, `query ($id: ID!) { customer(id: $id) { id } }`, { id: dup.id })).toEqual({ customer: null });
    expect(await count(cs, 'SELECT COUNT(*) AS n FROM revisit_plan WHERE customer_id = ?', [keep.id])).toBe(1);
    for (const t of ['customer_contact', 'lead', 'opportunity', 'sales_order', 'general_action', 'complaint', 'revisit_plan']) {
      expect(await count(cs, `SELECT COUNT(*) AS n FROM ${t} WHERE customer_id = ?`, [dup.id])).toBe(0);
    }
    expect(await count(cs, `SELECT COUNT(*) AS n FROM general_action WHERE target_id = ?`, [dup.id])).toBe(0);
    const merged = (
      await cs.ok(
        h,
        `query ($id: ID!) { customer(id: $id) { contacts { name } opportunities { totalCount } orders { totalCount } generalActions { totalCount } complaints { totalCount } } }`,
        { id: keep.id },
      )
    ).customer;
    expect(merged).toEqual({
      contacts: [{ name: '张晓明' }],
      opportunities: { totalCount: 1 },
      orders: { totalCount: 1 },
      generalActions: { totalCount: 2 },
      complaints: { totalCount: 1 },
    });
  });
});
