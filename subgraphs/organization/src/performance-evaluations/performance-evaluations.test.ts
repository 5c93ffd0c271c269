import { DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId } from '../database/seed';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;

describe.each(testDatabaseKinds())('performance evaluations on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_evaluations');
  });
  afterAll(() => t?.stop());

  it("ORG-R18 / ORG-M12: the shareholders' meeting evaluates the board and the supervisors at a held, quorate meeting", async () => {
    const EVAL = `mutation($i: EvaluateBodyPerformanceInput!) { evaluateBodyPerformance(input: $i) { rating period evaluatedBody { type } meeting { id } } }`;
    const shm = stableId('meeting', 'JA-SHM-2024');
    const base = { meetingId: shm, evaluatedBodyId: demoBodyId('JA', 'BOD'), period: '2024', rating: 'GOOD', comment: '较好完成年度目标' };
    expect((await ok(t, exec, EVAL, { i: base })).evaluateBodyPerformance).toEqual({
      rating: 'GOOD',
      period: '2024',
      evaluatedBody: { type: 'BOARD_OF_DIRECTORS' },
      meeting: { id: shm },
    });
    await ok(t, exec, EVAL, { i: { ...base, evaluatedBodyId: demoBodyId('JA', 'BOS'), rating: 'EXCELLENT' } });
    expect((await fails(t, exec, EVAL, { i: base })).reason).toBe('ALREADY_EVALUATED');
    expect((await fails(t, exec, EVAL, { i: { ...base, evaluatedBodyId: demoBodyId('JA', 'MGT') } })).reason).toBe('EVALUATED_BODY_INVALID');
    expect((await fails(t, exec, EVAL, { i: { ...base, evaluatedBodyId: demoBodyId('JATC', 'BOD') } })).reason).toBe('EVALUATED_BODY_INVALID');
    expect((await fails(t, exec, EVAL, { i: { ...base, meetingId: stableId('meeting', 'JA-BOD-2025-1') } })).reason).toBe('NOT_SHAREHOLDERS_MEETING');
    const scheduled = (
      await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, {
        i: { bodyId: demoBodyId('JA', 'SHM'), kind: 'REGULAR', title: '2025年度股东大会', scheduledFor: '2026-12-01T02:00:00Z' },
      })
    ).scheduleMeeting;
    expect((await fails(t, exec, EVAL, { i: { ...base, meetingId: scheduled.id } })).reason).toBe('MEETING_NOT_QUORATE');
    expect((await fails(t, viewers.head('RESI'), EVAL, { i: base })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    const M12 = `query($c: ID!) { performanceEvaluations(companyId: $c) { rating evaluatedBody { type } } }`;
    expect((await ok(t, exec, M12, { c: JA })).performanceEvaluations.map((e: any) => [e.evaluatedBody.type, e.rating]).sort()).toEqual([
      ['BOARD_OF_DIRECTORS', 'GOOD'],
      ['BOARD_OF_SUPERVISORS', 'EXCELLENT'],
    ]);
    expect((await ok(t, viewers.head('RESI'), M12, { c: JA })).performanceEvaluations).toBeNull();
  });
});
