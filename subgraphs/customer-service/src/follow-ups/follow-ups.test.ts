import 'reflect-metadata';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, CsTestApp, customer, lead, opportunity, action, seg, staff, head, executive, local } from '../testing/harness';

describe.each(testDatabaseKinds())('follow-up compliance (CS-R25) on %s', (kind) => {
  let cs: CsTestApp;
  beforeAll(async () => (cs = await startCustomerService(kind, { label: 'cs-follow-ups', now: '2026-11-10T10:00:00', roster: true })));
  afterAll(() => cs?.stop());

  it('CS-R25 reports follow-up compliance per staff member and segment, and lists what to follow up (G-10, test clock)', async () => {
    const s1 = staff('ENGY');
    const s2 = staff('ENGY', 2);
    const h = head('ENGY');
    cs.setNow('2026-10-05T09:00:00');
    const done = await lead(cs, s1, 'ENGY', '光伏屋顶 A');
    const idle = await lead(cs, s1, 'ENGY', '充电桩 B');
    const c = await customer(cs, s2, 'ENGY', '天成能源');
    const opp = await opportunity(cs, s2, c.id, '储能项目', 900000);
    const closed = await lead(cs, s2, 'ENGY', '已放弃');
    await cs.ok(s2, `mutation ($i: UpdateLeadInput!) { updateLead(input: $i) { status } }`, {
      i: { id: closed.id, expectedVersion: 1, status: 'INVALID', closeReason: '无效号码' },
    });
    expect((await action(cs, s1, 'LEAD', idle.id)).errors).toBeUndefined(); // an October follow-up does not count for November
    cs.setNow('2026-11-03T10:00:00');
    expect((await action(cs, s1, 'LEAD', done.id, { notes: '客户意向未变化' })).errors).toBeUndefined();
    cs.setNow('2026-11-25T10:00:00');
    const late = await lead(cs, s2, 'ENGY', '月底新线索'); // created after the 20th: exempt for November
    cs.setNow('2026-11-26T10:00:00');

    const REPORT = `query ($by: FollowUpGrouping!, $m: String) { followUpCompliance(by: $by, month: $m) { month rows { groupId required compliant missing rate } } }`;
    expect((await cs.ok(h, REPORT, { by: 'OWNER' })).followUpCompliance).toEqual({
      month: '2026-11',
      rows: [
        { groupId: s1.employeeId, required: 2, compliant: 1, missing: 1, rate: 0.5 },
        { groupId: s2.employeeId, required: 1, compliant: 0, missing: 1, rate: 0 },
      ].sort((a, b) => a.groupId!.localeCompare(b.groupId!)),
    });
    const rows = (await cs.ok(executive, `{ followUpCompliance(by: SEGMENT) { rows { groupId segment { id } owner { id } } } }`)).followUpCompliance.rows;
    expect(rows.find((r: any) => r.groupId === seg('ENGY'))).toEqual({ groupId: seg('ENGY'), segment: { id: seg('ENGY') }, owner: null });
    expect((await cs.ok(executive, REPORT, { by: 'SEGMENT', m: '2026-11' })).followUpCompliance.rows.find((r: any) => r.groupId === seg('ENGY'))).toEqual({
      groupId: seg('ENGY'),
      required: 3,
      compliant: 1,
      missing: 1 + 1,
      rate: 0.3333,
    });
    // October: both s1 leads were open, only `idle` was followed up; the opportunity too (created before the 20th).
    expect((await cs.ok(h, REPORT, { by: 'SEGMENT', m: '2026-10' })).followUpCompliance.rows).toEqual([
      { groupId: seg('ENGY'), required: 4, compliant: 1, missing: 3, rate: 0.25 },
    ]);
    expect(errorOf(await cs.exec(h, REPORT, { by: 'SEGMENT', m: '2026-13' }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'MONTH_INVALID' });
    // Another segment's head sees no ENGY rows.
    expect((await cs.ok(head('COMM'), REPORT, { by: 'SEGMENT' })).followUpCompliance.rows.find((r: any) => r.groupId === seg('ENGY'))).toBeUndefined();

    const LIST = `query ($m: String) { followUpViolations(month: $m) { month items { kind lastActionAt lead { id } opportunity { id } owner { id } segment { id } } } }`;
    const v = (await cs.ok(h, LIST, {})).followUpViolations;
    expect(v.items.map((i: any) => [i.kind, i.lead?.id ?? i.opportunity.id])).toEqual([
      ['OPPORTUNITY', opp.id],
      ['LEAD', idle.id],
    ]);
    const MINE = `{ myFollowUps { month items { kind lead { id name } opportunity { id name } } } }`;
    expect((await cs.ok(s1, MINE)).myFollowUps).toEqual({ month: '2026-11', items: [{ kind: 'LEAD', lead: { id: idle.id, name: '充电桩 B' }, opportunity: null }] });
    // The newest lead is exempt from November's rule but is on its owner's list until followed up.
    expect((await cs.ok(s2, MINE)).myFollowUps.items.map((i: any) => (i.lead ?? i.opportunity).id).sort()).toEqual([opp.id, late.id].sort());
    // Following up removes it, even without any change of intent (CS-R25).
    await action(cs, s1, 'LEAD', idle.id, { type: 'OTHER', subject: '意向无变化' });
    expect((await cs.ok(s1, MINE)).myFollowUps.items).toEqual([]);
    cs.setNow('2026-11-10T10:00:00');
  });

  it('CS-R25 a month closes 5 days after its end: a follow-up back-dated into it later is recorded as a late correction and leaves its compliance unchanged', async () => {
    const s = staff('TRAD', 7);
    const h = head('TRAD');
    const REPORT = `query ($m: String) { followUpCompliance(by: OWNER, month: $m) { rows { groupId required compliant missing } } }`;
    const september = async () => (await cs.ok(h, REPORT, { m: '2026-09' })).followUpCompliance.rows.find((r: any) => r.groupId === s.employeeId);
    const DONE = `mutation ($i: UpdateGeneralActionInput!) { updateGeneralAction(input: $i) { status doneAt lateCorrection } }`;
    cs.setNow('2026-09-10T10:00:00');
    const inTime = await lead(cs, s, 'TRAD', '理财顾问服务');
    const late = await lead(cs, s, 'TRAD', '企业年金方案');
    const planned = await lead(cs, s, 'TRAD', '保险代理合作');
    const plan = (await action(cs, s, 'LEAD', planned.id, { dueAt: local('2026-09-29T10:00:00').toISOString() })).data.createGeneralAction;

    // 5 October: September is still open, a follow-up dated in it counts.
    cs.setNow('2026-10-05T23:00:00');
    const a = (
      await cs.exec(s, `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { lateCorrection } }`, {
        input: { targetType: 'LEAD', targetId: inTime.id, type: 'CALL', subject: '九月回访', doneAt: local('2026-09-28T15:00:00').toISOString() },
      })
    ).data.createGeneralAction;
    expect(a).toEqual({ lateCorrection: false });
    expect(await september()).toEqual({ groupId: s.employeeId, required: 3, compliant: 1, missing: 2 });

    // 6 October 00:00 (local): September is closed. Back-dated follow-ups are recorded, as late corrections.
    cs.setNow('2026-10-06T00:00:00');
    const b = (
      await cs.exec(s, `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { lateCorrection doneAt } }`, {
        input: { targetType: 'LEAD', targetId: late.id, type: 'CALL', subject: '补录九月回访', doneAt: local('2026-09-15T10:00:00').toISOString() },
      })
    ).data.createGeneralAction;
    expect(b).toEqual({ lateCorrection: true, doneAt: local('2026-09-15T10:00:00').toISOString() });
    const c = (await cs.ok(s, DONE, { i: { id: plan.id, expectedVersion: plan.version, status: 'DONE', doneAt: local('2026-09-29T10:00:00').toISOString() } })).updateGeneralAction;
    expect(c).toEqual({ status: 'DONE', doneAt: local('2026-09-29T10:00:00').toISOString(), lateCorrection: true });
    expect(await september()).toEqual({ groupId: s.employeeId, required: 3, compliant: 1, missing: 2 });
    // A follow-up dated in the open month counts for it as usual.
    const d = (
      await cs.exec(s, `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { lateCorrection } }`, {
        input: { targetType: 'LEAD', targetId: late.id, type: 'CALL', subject: '十月回访', doneAt: local('2026-10-01T10:00:00').toISOString() },
      })
    ).data.createGeneralAction;
    expect(d).toEqual({ lateCorrection: false });
    expect((await cs.ok(h, REPORT, { m: '2026-10' })).followUpCompliance.rows.find((r: any) => r.groupId === s.employeeId)).toEqual({
      groupId: s.employeeId,
      required: 3,
      compliant: 1,
      missing: 2,
    });
    cs.setNow('2026-11-10T10:00:00');
  });
});
