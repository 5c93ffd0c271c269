import { Role, stableId, SubgraphModule, Viewer } from '@group/shared';
import { ok, segmentId as seg, startSubgraph, TestDbKind, TestSubgraph } from '@group/shared/testing';
import { organizationModule } from '../module';
import type { OrganizationLoaders, OrganizationServices } from '../context';
import { DEMO_GROUP_DIRECTORS, demoBodyId } from '../database/seed';

/** The organization subgraph on a fresh, seeded database, run in process (the shared harness's `startSubgraph`). */
export type OrgTestApp = TestSubgraph<OrganizationServices, OrganizationLoaders>;

export function startOrganization(kind: TestDbKind, label: string, module: SubgraphModule<OrganizationServices, OrganizationLoaders> = organizationModule): Promise<OrgTestApp> {
  return startSubgraph(kind, module, { label });
}

/** The organization tests' own viewers (account ids some tests read back, e.g. as the audit log's actor). */
export const viewers = {
  executive: (): Viewer => ({ accountId: 'acc-exec', employeeId: null, role: Role.GROUP_EXECUTIVE, segmentIds: [] }),
  sysadmin: (): Viewer => ({ accountId: 'acc-sys', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [] }),
  head: (segment: string): Viewer => ({ accountId: `acc-head-${segment}`, employeeId: null, role: Role.SEGMENT_HEAD, segmentIds: [seg(segment)] }),
  staff: (segment: string): Viewer => ({ accountId: `acc-staff-${segment}`, employeeId: null, role: Role.BUSINESS_STAFF, segmentIds: [seg(segment)] }),
};

/**
 * The id of a resolution on `matter` adopted by `bodyId` (a meeting of all its active members, all voting for).
 * Test scaffolding for a body that cannot meet yet: a shareholders' meeting without a represented shareholding
 * gets 金总 as the representative of the company's largest shareholding (or of an outside 100 % one, for the
 * group); a board without members gets 金总 elected director, a board of supervisors without members the system
 * administrator's employee elected supervisor; a board too empty for a quorum of its seat limit meets under a limit
 * lowered to its members for the meeting, restored after it.
 */
export async function adoptedResolution(t: OrgTestApp, bodyId: string, matter: string): Promise<string> {
  const exec = viewers.executive();
  const BODY = `query($id: ID!) { governingBody(id: $id) { type version seatLimit company { id shareholders { id percentage } governingBodies { id type } } members(status: ACTIVE) { person { id } shareholding { id } } } }`;
  const NOMINATE = `mutation($i: NominateBodyMemberInput!) { nominateBodyMember(input: $i) { id version } }`;
  const DECIDE = `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { id } }`;
  const SEAT_LIMIT = `mutation($i: SetSeatLimitInput!) { setGoverningBodySeatLimit(input: $i) { version } }`;
  let body = (await ok(t, exec, BODY, { id: bodyId })).governingBody;
  const shm = body.type === 'SHAREHOLDERS_MEETING';
  if (shm && !body.members.some((x: any) => x.shareholding)) {
    const largest = [...body.company.shareholders].sort((a: any, b: any) => b.percentage - a.percentage)[0];
    const holding =
      largest ??
      (
        await ok(t, exec, `mutation($i: RecordShareholdingInput!) { recordShareholding(input: $i) { id } }`, {
          i: { companyId: body.company.id, holderName: '测试股东', percentage: 100 },
        })
      ).recordShareholding;
    const rep = (await ok(t, exec, NOMINATE, { i: { bodyId, employeeId: stableId('employee', 'executive'), role: 'SHAREHOLDER', shareholdingId: holding.id } })).nominateBodyMember;
    await ok(t, exec, DECIDE, { i: { membershipId: rep.id, expectedVersion: rep.version, approve: true } });
    body = (await ok(t, exec, BODY, { id: bodyId })).governingBody;
  }
  const scaffold: Record<string, [string, string]> = {
    BOARD_OF_DIRECTORS: [stableId('employee', 'executive'), 'DIRECTOR'],
    BOARD_OF_SUPERVISORS: [stableId('employee', 'sysadmin'), 'SUPERVISOR'],
  };
  if (scaffold[body.type] && body.members.length === 0) {
    const [employeeId, role] = scaffold[body.type];
    const member = (await ok(t, exec, NOMINATE, { i: { bodyId, employeeId, role } })).nominateBodyMember;
    const shareholders = body.company.governingBodies.find((b: any) => b.type === 'SHAREHOLDERS_MEETING').id;
    const resolutionId = await adoptedResolution(t, shareholders, 'ELECT_DIRECTORS_AND_SUPERVISORS');
    await ok(t, exec, DECIDE, { i: { membershipId: member.id, expectedVersion: member.version, approve: true, resolutionId } });
    body = (await ok(t, exec, BODY, { id: bodyId })).governingBody;
  }
  const attendees = body.members.filter((x: any) => !shm || x.shareholding).map((x: any) => x.person.id);
  const lowered = !shm && body.seatLimit !== null && attendees.length * 2 <= body.seatLimit;
  if (lowered) body.version = (await ok(t, exec, SEAT_LIMIT, { i: { bodyId, expectedVersion: body.version, seatLimit: attendees.length } })).setGoverningBodySeatLimit.version;
  const s = (
    await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
      i: { bodyId, kind: shm ? 'EXTRAORDINARY' : 'IRREGULAR', title: '临时会议', scheduledFor: '2026-06-01T02:00:00Z' },
    })
  ).scheduleMeeting;
  const held = (
    await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { presentCount votingRightsPresent } }`, {
      i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: attendees },
    })
  ).holdMeeting;
  if (lowered) await ok(t, exec, SEAT_LIMIT, { i: { bodyId, expectedVersion: body.version, seatLimit: body.seatLimit } });
  const votesFor = shm ? held.votingRightsPresent : held.presentCount;
  const r = await ok(t, exec, `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id outcome } }`, {
    i: { meetingId: s.id, matter, text: '同意', votesFor, votesAgainst: 0, abstentions: 0 },
  });
  if (r.recordResolution.outcome !== 'PASSED') throw new Error(`resolution on ${matter} not adopted`);
  return r.recordResolution.id;
}

/** The id of a resolution on `matter` (optionally for an amount, 万元) adopted by the group board at a new meeting of all its directors. */
export async function groupBoardResolution(t: OrgTestApp, matter: string, amountWan: number | null = null): Promise<string> {
  const exec = viewers.executive();
  const m = (
    await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
      i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'IRREGULAR', title: '董事局会议', scheduledFor: '2026-09-01T02:00:00Z' },
    })
  ).scheduleMeeting;
  await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`, { i: { meetingId: m.id, expectedVersion: m.version, attendeeIds: DEMO_GROUP_DIRECTORS } });
  return (
    await ok(t, exec, `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id } }`, {
      i: { meetingId: m.id, matter, amountWan, text: '同意', votesFor: 5, votesAgainst: 0 },
    })
  ).recordResolution.id as string;
}
