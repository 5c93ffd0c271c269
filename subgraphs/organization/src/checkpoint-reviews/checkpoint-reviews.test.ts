import { DEMO_COMPANIES } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;

const CHECK = `mutation($i: RecordCheckpointReviewInput!) { recordCheckpointReview(input: $i) { id version status result } }`;
const ADJUST = `mutation($i: AdjustCheckpointReviewInput!) { adjustCheckpointReview(input: $i) { id version status correctiveAdjustment } }`;

describe.each(testDatabaseKinds())('governance checkpoint reviews on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_checkpoints');
  });
  afterAll(() => t?.stop());

  it('ORG-R08 / ORG-R09: the eight checkpoints are reviewed per period; an issue is corrected and closed with its adjustment (ORG-M2)', async () => {
    const base = { companyId: JA, period: '2025' };
    const pass = (await ok(t, exec, CHECK, { i: { ...base, checkpoint: 'BOARD_EXECUTES_ALL_SHAREHOLDER_RESOLUTIONS', result: 'PASS' } })).recordCheckpointReview;
    expect(pass).toMatchObject({ status: 'CLOSED', result: 'PASS' });
    expect((await fails(t, exec, CHECK, { i: { ...base, checkpoint: 'MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', result: 'ISSUE' } })).reason).toBe('ISSUE_REQUIRED');
    const issue = (await ok(t, exec, CHECK, { i: { ...base, checkpoint: 'MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', result: 'ISSUE', issue: '新能源投资决议未执行' } }))
      .recordCheckpointReview;
    expect(issue.status).toBe('OPEN');
    expect((await fails(t, exec, CHECK, { i: { ...base, checkpoint: 'MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', result: 'PASS' } })).reason).toBe('CHECKPOINT_ALREADY_REVIEWED');
    expect((await fails(t, exec, ADJUST, { i: { id: issue.id, expectedVersion: issue.version, status: 'ADJUSTING' } })).reason).toBe('CORRECTIVE_ADJUSTMENT_REQUIRED');
    const adj = (await ok(t, exec, ADJUST, { i: { id: issue.id, expectedVersion: issue.version, status: 'ADJUSTING', correctiveAdjustment: '经营层限期执行并报告' } }))
      .adjustCheckpointReview;
    const closed = (await ok(t, exec, ADJUST, { i: { id: issue.id, expectedVersion: adj.version, status: 'CLOSED' } })).adjustCheckpointReview;
    expect(closed).toMatchObject({ status: 'CLOSED', correctiveAdjustment: '经营层限期执行并报告' });
    expect((await fails(t, exec, ADJUST, { i: { id: pass.id, expectedVersion: pass.version, status: 'CLOSED', correctiveAdjustment: 'x' } })).reason).toBe('CHECKPOINT_CLOSED');
    const M2 = `query($c: ID!, $p: String!) { governanceCheckpointReport(companyId: $c, period: $p) { checkpoint review { result status } } }`;
    const rows = (await ok(t, exec, M2, { c: JA, p: '2025' })).governanceCheckpointReport;
    expect(rows).toHaveLength(8);
    expect(rows.filter((r: any) => r.review).map((r: any) => [r.checkpoint, r.review.result, r.review.status])).toEqual([
      ['BOARD_EXECUTES_ALL_SHAREHOLDER_RESOLUTIONS', 'PASS', 'CLOSED'],
      ['MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', 'ISSUE', 'CLOSED'],
    ]);
    expect((await ok(t, viewers.head('RESI'), M2, { c: JA, p: '2025' })).governanceCheckpointReport).toBeNull();
    expect((await fails(t, viewers.head('RESI'), CHECK, { i: { ...base, checkpoint: 'SUPERVISORS_ACT_ON_VIOLATIONS', result: 'PASS' } })).reason).toBe(
      'GOVERNANCE_CHANGE_FORBIDDEN',
    );
  });
});
