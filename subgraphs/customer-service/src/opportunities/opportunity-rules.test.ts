import 'reflect-metadata';
import { DEMO_SEGMENTS, demoSegmentPersonId, Role, Viewer } from '@group/shared';
import { OperationResult, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from '../testing/harness';

const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
const staff: Viewer = { accountId: 'acc-staff-resi', employeeId: demoSegmentPersonId('RESI', 'staff'), role: Role.BUSINESS_STAFF, segmentIds: [seg('RESI')] };
const local = (s: string) => new Date(`${s}+08:00`);
const OPP_FIELDS = 'id version stage status lastActionAt stageHistory { toStage note }';

describe.each(testDatabaseKinds())('CRM marketing information (CS-R23) on %s', (kind) => {
  let cs: CsTestApp;

  const reason = (r: OperationResult) => r.errors?.[0]?.extensions?.reason;
  const action = (targetId: string, doneAt: string, subject = '电话跟进') =>
    cs.exec(staff, `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { id status doneAt } }`, {
      input: { targetType: 'OPPORTUNITY', targetId, type: 'CALL', subject, doneAt },
    });
  const read = async (id: string) => (await cs.ok(staff, `query ($id: ID!) { opportunity(id: $id) { ${OPP_FIELDS} } }`, { id })).opportunity;

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-crm-rules', now: '2026-11-10T10:00:00' });
  });
  afterAll(() => cs?.stop());

  it('CS-R23: the salesperson updates the opportunity as the sale moves: each follow-up stamps it, stage moves are recorded, nothing in the future or on a closed sale', async () => {
    const customer = (
      await cs.ok(staff, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
        input: { name: '滨江置业', kind: 'ORGANIZATION', segmentId: seg('RESI') },
      })
    ).createCustomer;
    const opp = (
      await cs.ok(staff, `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { ${OPP_FIELDS} } }`, {
        input: { customerId: customer.id, name: '样板间团购', amount: 800000 },
      })
    ).createOpportunity;
    expect(opp.lastActionAt).toBeNull();

    const yesterday = local('2026-11-09T15:00:00').toISOString();
    expect((await action(opp.id, yesterday)).data.createGeneralAction.status).toBe('DONE');
    expect((await read(opp.id)).lastActionAt).toBe(yesterday);
    // An older follow-up recorded late does not make the record look staler than it is.
    await action(opp.id, local('2026-11-02T09:00:00').toISOString(), '补录上周拜访');
    expect((await read(opp.id)).lastActionAt).toBe(yesterday);
    expect(reason(await action(opp.id, local('2026-11-12T09:00:00').toISOString()))).toBe('ACTION_DONE_IN_FUTURE');
    expect(reason(await action(opp.id, yesterday, '   '))).toBe('ACTION_SUBJECT_BLANK');

    const MOVE = `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { ${OPP_FIELDS} } }`;
    const moved = (await cs.ok(staff, MOVE, { input: { id: opp.id, expectedVersion: (await read(opp.id)).version, stage: 'NEEDS_CONFIRMED', note: '客户确认户型需求' } }))
      .moveOpportunityStage;
    expect(moved.stageHistory.map((h: any) => [h.toStage, h.note])).toEqual([
      ['INITIAL_CONTACT', null],
      ['NEEDS_CONFIRMED', '客户确认户型需求'],
    ]);
    const lost = (
      await cs.ok(staff, `mutation ($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { ${OPP_FIELDS} } }`, {
        input: { id: opp.id, expectedVersion: moved.version, outcome: 'LOST', reason: '客户选择竞品' },
      })
    ).closeOpportunity;
    expect(lost.status).toBe('LOST');
    expect(reason(await action(opp.id, yesterday))).toBe('OPPORTUNITY_CLOSED');
  });
});
