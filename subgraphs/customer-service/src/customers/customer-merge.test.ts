import 'reflect-metadata';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { crmTestApp, seg, staff, head, local, ORDER } from '../testing/harness';

describe.each(testDatabaseKinds())('customer duplicates and merge on %s', (kind) => {
  const crm = crmTestApp(kind, 'cs-customers');
  const { run, ok, count, customer, lead, opportunity, action } = crm;

  it('merges a duplicate customer, moving everything attached in one transaction (duplicates by name and contact)', async () => {
    const s = staff('SOFT');
    const h = head('SOFT');
    const keep = await customer(s, 'SOFT', '博远软件有限公司');
    const dup = await customer(s, 'SOFT', '博远软件 有限公司');
    await ok(s, `mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }`, { i: { customerId: dup.id, name: '张晓明', email: 'zhang@boyuan.example' } });
    await lead(s, 'SOFT', '二期扩容', { customerId: dup.id });
    const o = await opportunity(s, dup.id, 'ERP 升级', 600000);
    await action(s, 'CUSTOMER', dup.id);
    await action(s, 'OPPORTUNITY', o.id);
    await ok(s, ORDER, { input: { customerId: dup.id, contractNumber: 'SW-9', signedAt: local('2026-11-02T10:00:00').toISOString(), amount: 5000 } });
    await ok(s, `mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
      i: { customerId: dup.id, title: '系统频繁宕机', description: 'd', channel: 'EMAIL', severity: 'GENERAL', phase: 'AFTER_SALE' },
    });

    await crm.app.dataSource.query(
      'INSERT INTO revisit_plan (id, customer_id, segment_id, owner_id, cadence_days, next_due_at, last_revisit_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, 90, ?, NULL, ?, ?, 1)',
      ['plan-dup', dup.id, seg('SOFT'), s.employeeId, '2026-12-01 00:00:00', '2026-11-01 00:00:00', '2026-11-01 00:00:00'],
    );
    expect((await ok(s, `query ($id: ID!) { customerDuplicates(customerId: $id) { id } }`, { id: keep.id })).customerDuplicates).toEqual([{ id: dup.id }]);
    expect((await ok(staff('COMM'), `query ($id: ID!) { customerDuplicates(customerId: $id) { id } }`, { id: keep.id })).customerDuplicates).toEqual([]);

    const MERGE = `mutation ($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id version } merge { duplicateId duplicateName } moved { contacts leads opportunities orders generalActions complaints revisitPlans } } }`;
    const input = { survivorId: keep.id, survivorExpectedVersion: 1, duplicateId: dup.id, duplicateExpectedVersion: 1 };
    expect(errorOf(await run(s, MERGE, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'MERGE_SEGMENT_HEAD_ONLY' });
    expect(errorOf(await run(h, MERGE, { i: { ...input, survivorExpectedVersion: 5 } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    // The refused merge wrote nothing.
    expect(await count('SELECT COUNT(*) AS n FROM opportunity WHERE customer_id = ?', [dup.id])).toBe(1);
    const r = (await ok(h, MERGE, { i: input })).mergeCustomers;
    expect(r).toEqual({
      customer: { id: keep.id, version: 2 },
      merge: { duplicateId: dup.id, duplicateName: '博远软件 有限公司' },
      moved: { contacts: 1, leads: 1, opportunities: 1, orders: 1, generalActions: 2, complaints: 1, revisitPlans: 1 },
    });
    expect(await ok(h, `query ($id: ID!) { customer(id: $id) { id } }`, { id: dup.id })).toEqual({ customer: null });
    expect(await count('SELECT COUNT(*) AS n FROM revisit_plan WHERE customer_id = ?', [keep.id])).toBe(1);
    for (const t of ['customer_contact', 'lead', 'opportunity', 'sales_order', 'general_action', 'complaint', 'revisit_plan']) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${t} WHERE customer_id = ?`, [dup.id])).toBe(0);
    }
    expect(await count(`SELECT COUNT(*) AS n FROM general_action WHERE target_id = ?`, [dup.id])).toBe(0);
    const merged = (
      await ok(
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
