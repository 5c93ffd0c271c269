import 'reflect-metadata';
import { wholeSeconds } from '@group/shared';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { createCustomerServiceServices } from '../context';
import { startCustomerService, CsTestApp, customer, opportunity, seg, staff, head, segAdmin, executive, local, MOVE, CLOSE, ORDER, ENTITIES } from '../testing/harness';

describe.each(testDatabaseKinds())('CRM opportunities (stages, win/loss, the stage list) on %s', (kind) => {
  let cs: CsTestApp;
  beforeAll(async () => (cs = await startCustomerService(kind, { label: 'cs-opportunities', now: '2026-11-10T10:00:00', roster: true })));
  afterAll(() => cs?.stop());

  it('promotes stages with history and the stage win probability (G-09); only heads step back; staff promote only their own', async () => {
    const s = staff('CONS');
    const c = await customer(cs, s, 'CONS', '华瑞建材');
    let o = await opportunity(cs, s, c.id, '厂房二期', 2000000);
    expect(o).toMatchObject({ stage: 'INITIAL_CONTACT', probability: 10, version: 1 });
    o = (await cs.ok(s, MOVE, { input: { id: o.id, expectedVersion: 1, stage: 'NEEDS_CONFIRMED', note: '需求已确认' } })).moveOpportunityStage;
    o = (await cs.ok(s, MOVE, { input: { id: o.id, expectedVersion: o.version, stage: 'NEGOTIATION' } })).moveOpportunityStage;
    expect(o).toMatchObject({ stage: 'NEGOTIATION', probability: 75, version: 3 });
    expect(o.stageHistory).toEqual([
      { seq: 1, fromStage: null, toStage: 'INITIAL_CONTACT', toStatus: 'OPEN', probability: 10, note: null },
      { seq: 2, fromStage: 'INITIAL_CONTACT', toStage: 'NEEDS_CONFIRMED', toStatus: 'OPEN', probability: 25, note: '需求已确认' },
      { seq: 3, fromStage: 'NEEDS_CONFIRMED', toStage: 'NEGOTIATION', toStatus: 'OPEN', probability: 75, note: null },
    ]);
    expect(errorOf(await cs.exec(s, MOVE, { input: { id: o.id, expectedVersion: 3, stage: 'SOLUTION_AND_QUOTE' } }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'STAGE_STEP_BACK_FORBIDDEN',
    });
    expect(errorOf(await cs.exec(s, MOVE, { input: { id: o.id, expectedVersion: 3, stage: 'CONTRACT_SIGNED' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'OPPORTUNITY_STAGE_WON_NEEDS_CLOSE',
    });
    expect(errorOf(await cs.exec(s, MOVE, { input: { id: o.id, expectedVersion: 2, stage: 'NEGOTIATION' } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(errorOf(await cs.exec(head('COMM'), MOVE, { input: { id: o.id, expectedVersion: 3, stage: 'SOLUTION_AND_QUOTE' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'OPPORTUNITY_NOT_FOUND',
    });
    const back = (await cs.ok(head('CONS'), MOVE, { input: { id: o.id, expectedVersion: 3, stage: 'SOLUTION_AND_QUOTE', note: '客户要求重新报价' } })).moveOpportunityStage;
    expect(back).toMatchObject({ stage: 'SOLUTION_AND_QUOTE', probability: 50, version: 4 });
    // Another staff member of the segment cannot promote it, even under the SEGMENT read scope.
    const wide = createCustomerServiceServices(cs.app.dataSource, () => wholeSeconds(new Date(cs.now())), { staffReadScope: 'SEGMENT', followUpExemptAfterDay: 20 });
    await expect(wide.opportunities.moveStage(staff('CONS', 2), { id: o.id, expectedVersion: 4, stage: 'NEGOTIATION' })).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      code: 'NOT_RECORD_OWNER',
    });
  });

  it('wins only with a sales order and a reason, loses with a reason (probability 0), and shows the pipeline (CS-M7)', async () => {
    const s = staff('CONS');
    const c = await customer(cs, s, 'CONS', '鼎盛物流');
    const won = await opportunity(cs, s, c.id, '仓储中心', 3000000);
    const lost = await opportunity(cs, s, c.id, '办公楼', 500000);
    await cs.ok(s, MOVE, { input: { id: lost.id, expectedVersion: 1, stage: 'SOLUTION_AND_QUOTE' } });
    expect(errorOf(await cs.exec(s, CLOSE, { input: { id: won.id, expectedVersion: 1, outcome: 'WON', reason: '签约' } }))).toEqual({
      code: 'CONFLICT',
      reason: 'OPPORTUNITY_ORDER_REQUIRED',
    });
    expect(errorOf(await cs.exec(s, CLOSE, { input: { id: lost.id, expectedVersion: 2, outcome: 'LOST', reason: '  ' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'OPPORTUNITY_REASON_REQUIRED',
    });

    // Pipeline before closing: CONS has 厂房二期 (2,000,000 @50), 仓储中心 (3,000,000 @10), 办公楼 (500,000 @50).
    const PIPE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Segment { pipeline { stage stageName probability count amount weightedAmount } } } }`;
    const pipe = (await cs.ok(head('CONS'), PIPE, { r: [{ __typename: 'Segment', id: seg('CONS') }] }))._entities[0].pipeline;
    expect(pipe).toEqual([
      { stage: 'INITIAL_CONTACT', stageName: '初步接洽', probability: 10, count: 1, amount: 3000000, weightedAmount: 300000 },
      { stage: 'NEEDS_CONFIRMED', stageName: '需求确认', probability: 25, count: 0, amount: 0, weightedAmount: 0 },
      { stage: 'SOLUTION_AND_QUOTE', stageName: '方案报价', probability: 50, count: 2, amount: 2500000, weightedAmount: 1250000 },
      { stage: 'NEGOTIATION', stageName: '商务谈判', probability: 75, count: 0, amount: 0, weightedAmount: 0 },
      { stage: 'CONTRACT_SIGNED', stageName: '签约', probability: 100, count: 0, amount: 0, weightedAmount: 0 },
    ]);
    expect((await cs.ok(staff('COMM'), PIPE, { r: [{ __typename: 'Segment', id: seg('CONS') }] }))._entities[0].pipeline).toEqual([]);
    const byOwner = (await cs.ok(executive, `query ($s: ID) { opportunityPipeline(segmentId: $s) { ownerId stage count amount weightedAmount } }`, { s: seg('CONS') }))
      .opportunityPipeline;
    expect(byOwner).toEqual([
      { ownerId: s.employeeId, stage: 'INITIAL_CONTACT', count: 1, amount: 3000000, weightedAmount: 300000 },
      { ownerId: s.employeeId, stage: 'SOLUTION_AND_QUOTE', count: 2, amount: 2500000, weightedAmount: 1250000 },
    ]);

    const order = (
      await cs.ok(s, ORDER, {
        input: { customerId: c.id, opportunityId: won.id, contractNumber: 'HT-2026-001', signedAt: local('2026-11-09T15:00:00').toISOString(), amount: 2950000 },
      })
    ).createSalesOrder;
    expect(order).toMatchObject({ code: expect.stringMatching(/^SO-\d{6}$/), amount: 2950000, customer: { id: c.id }, opportunity: { id: won.id } });
    const orderRep = { r: [{ __typename: 'SalesOrder', id: order.id }] };
    expect((await cs.ok(head('CONS'), ENTITIES, orderRep))._entities).toEqual([{ id: order.id }]);
    expect((await cs.ok(staff('COMM'), ENTITIES, orderRep))._entities).toEqual([null]);
    expect((await cs.ok(staff('CONS', 2), ENTITIES, orderRep))._entities).toEqual([null]);
    expect(await cs.ok(staff('COMM'), `query ($id: ID!) { salesOrder(id: $id) { id } }`, { id: order.id })).toEqual({ salesOrder: null });
    expect(
      errorOf(await cs.exec(s, ORDER, { input: { customerId: c.id, contractNumber: 'HT-2026-001', signedAt: local('2026-11-09T15:00:00').toISOString(), amount: 1 } })),
    ).toEqual({
      code: 'CONFLICT',
      reason: 'SALES_ORDER_CONTRACT_EXISTS',
    });
    const w = (await cs.ok(s, CLOSE, { input: { id: won.id, expectedVersion: 1, outcome: 'WON', reason: '价格与服务优势' } })).closeOpportunity;
    expect(w).toMatchObject({ status: 'WON', stage: 'CONTRACT_SIGNED', probability: 100, closeReason: '价格与服务优势', version: 2 });
    expect(w.stageHistory.at(-1)).toEqual({ toStage: 'CONTRACT_SIGNED', toStatus: 'WON', probability: 100 });
    const l = (await cs.ok(s, CLOSE, { input: { id: lost.id, expectedVersion: 2, outcome: 'LOST', reason: '竞争对手报价更低' } })).closeOpportunity;
    expect(l).toMatchObject({ status: 'LOST', stage: 'SOLUTION_AND_QUOTE', probability: 0, closeReason: '竞争对手报价更低' });
    expect(errorOf(await cs.exec(s, CLOSE, { input: { id: lost.id, expectedVersion: 3, outcome: 'WON', reason: 'x' } }))).toEqual({
      code: 'CONFLICT',
      reason: 'OPPORTUNITY_CLOSED',
    });
    // Closed opportunities leave the pipeline.
    const after = (await cs.ok(head('CONS'), PIPE, { r: [{ __typename: 'Segment', id: seg('CONS') }] }))._entities[0].pipeline;
    expect(after.map((p: any) => [p.stage, p.count, p.amount])).toEqual([
      ['INITIAL_CONTACT', 0, 0],
      ['NEEDS_CONFIRMED', 0, 0],
      ['SOLUTION_AND_QUOTE', 1, 2000000],
      ['NEGOTIATION', 0, 0],
      ['CONTRACT_SIGNED', 0, 0],
    ]);
    expect((await cs.ok(s, `query ($id: ID!) { customer(id: $id) { orders { totalCount edges { node { contractNumber } } } } }`, { id: c.id })).customer.orders).toEqual({
      totalCount: 1,
      edges: [{ node: { contractNumber: 'HT-2026-001' } }],
    });
  });

  it('lets a segment administrator configure the segment stage list (G-09, G-43), versioned, never dropping a stage in use', async () => {
    const s = staff('HOTL');
    const c = await customer(cs, s, 'HOTL', '锦程会展');
    const o = await opportunity(cs, s, c.id, '年会场地', 200000);
    const CONF = `mutation ($seg: ID!, $v: Int!, $st: [OpportunityStageInput!]!) { configureOpportunityStages(segmentId: $seg, expectedVersion: $v, stages: $st) { code name position probability won version } }`;
    const list = [
      { code: 'INITIAL_CONTACT', name: '初步接洽', probability: 5 },
      { code: 'SITE_VISIT', name: '实地看场', probability: 40 },
      { code: 'SIGNED', name: '签约', probability: 100 },
    ];
    expect(errorOf(await cs.exec(head('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: list }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    expect(errorOf(await cs.exec(segAdmin('COMM'), CONF, { seg: seg('HOTL'), v: 0, st: list }))).toEqual({ code: 'FORBIDDEN', reason: 'SEGMENT_FORBIDDEN' });
    expect(errorOf(await cs.exec(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: list.slice(1) }))).toEqual({ code: 'CONFLICT', reason: 'STAGE_IN_USE' });
    expect(errorOf(await cs.exec(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: [list[1], list[0], list[2]] }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'STAGES_PROBABILITY_INVALID',
    });
    const configured = (await cs.ok(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: list })).configureOpportunityStages;
    expect(configured.map((x: any) => [x.code, x.position, x.probability, x.won, x.version])).toEqual([
      ['INITIAL_CONTACT', 1, 5, false, 1],
      ['SITE_VISIT', 2, 40, false, 1],
      ['SIGNED', 3, 100, true, 1],
    ]);
    expect(errorOf(await cs.exec(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: list }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    // Open opportunities take the new probability; promotion follows the new list; other segments keep the default.
    expect((await cs.ok(s, `query ($id: ID!) { opportunity(id: $id) { probability } }`, { id: o.id })).opportunity.probability).toBe(5);
    const moved = (await cs.ok(s, MOVE, { input: { id: o.id, expectedVersion: 2, stage: 'SITE_VISIT' } })).moveOpportunityStage;
    expect(moved).toMatchObject({ stage: 'SITE_VISIT', probability: 40 });
    expect((await cs.ok(staff('RESI'), `query ($s: ID) { opportunityStages(segmentId: $s) { code } }`, { s: seg('RESI') })).opportunityStages).toHaveLength(5);
    expect((await cs.ok(staff('RESI'), `query ($s: ID) { opportunityStages(segmentId: $s) { code } }`, { s: seg('HOTL') })).opportunityStages).toEqual([]);
    // Back to the group default, which has no SITE_VISIT: refused while the opportunity sits there.
    expect(errorOf(await cs.exec(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 1, st: [] }))).toEqual({ code: 'CONFLICT', reason: 'STAGE_IN_USE' });
  });
});
