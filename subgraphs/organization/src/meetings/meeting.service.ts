import { DataSource, In, Repository } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { BodyMembership, MembershipStatus } from '../memberships/body-membership.entity';
import { ExecutionStatus, Meeting, MeetingAgendaItem, MeetingAttendance, MeetingKind, MeetingStatus, QuorumBasis, Resolution, ResolutionOutcome } from './meeting.entity';
import { Shareholding } from '../holdings/shareholding.entity';
import { GovernanceMatter } from '../governance/authority';
import { GovernanceService } from '../governance/governance.service';
import { DelegationService } from '../delegations/delegation.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { firstOrNull } from '../common/idempotency-key';
import { meetingErrors as errors } from './meeting.errors';

/**
 * Meeting rules the seed leaves to the articles (domain.md G-27): stored per
 * body (`quorumPercent`, `passPercent`); these are the defaults when a body sets
 * none — "more than half" for both.
 */
export const DEFAULT_QUORUM_PERCENT = 50;
export const DEFAULT_PASS_PERCENT = 50;

/** Who executes a passed resolution (D08 第九条): the board those of the shareholders' meeting, management the board's. */
const EXECUTOR: Partial<Record<GoverningBodyType, GoverningBodyType>> = {
  [GoverningBodyType.SHAREHOLDERS_MEETING]: GoverningBodyType.BOARD_OF_DIRECTORS,
  [GoverningBodyType.BOARD_OF_DIRECTORS]: GoverningBodyType.MANAGEMENT_LAYER,
};

export interface NewMeeting {
  bodyId: string;
  kind: MeetingKind;
  title: string;
  scheduledFor: Date;
  agenda: { title: string; matter?: GovernanceMatter | null }[];
  idempotencyKey?: string | null;
}

export interface NewResolution {
  meetingId: string;
  matter: GovernanceMatter;
  amountWan?: number | null;
  text: string;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  idempotencyKey?: string | null;
}

/**
 * Meetings of governing bodies (WF-ORG-6): schedule with agenda, hold with
 * attendance and quorum, resolve by vote. A resolution is recorded only at a
 * quorate meeting and only on a matter the body holds the power to decide.
 */
export class MeetingService {
  private readonly meetings: Repository<Meeting>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly delegations: DelegationService,
    private readonly clock: Clock = systemClock,
  ) {
    this.meetings = ds.getRepository(Meeting);
  }

  private async scoped<T extends { companyId: string }>(viewer: Viewer, rows: T[]): Promise<T[]> {
    const visible = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => visible.has(r.companyId));
  }

  async byIds(viewer: Viewer, ids: readonly string[]) {
    return this.scoped(viewer, await this.meetings.findBy({ id: In([...ids]) }));
  }

  async byBodyIds(viewer: Viewer, bodyIds: readonly string[]) {
    return this.scoped(viewer, await this.meetings.find({ where: { bodyId: In([...bodyIds]) }, order: { scheduledFor: 'DESC', id: 'ASC' } }));
  }

  /** Children of meetings the caller already resolved through a scoped loader. */
  agendaOf(meetingIds: readonly string[]) {
    return this.ds.getRepository(MeetingAgendaItem).find({ where: { meetingId: In([...meetingIds]) }, order: { ordinal: 'ASC' } });
  }

  attendanceOf(meetingIds: readonly string[]) {
    return this.ds.getRepository(MeetingAttendance).find({ where: { meetingId: In([...meetingIds]) } });
  }

  async resolutionsOf(viewer: Viewer, meetingIds: readonly string[]) {
    return this.scoped(viewer, await this.ds.getRepository(Resolution).find({ where: { meetingId: In([...meetingIds]) }, order: { createdAt: 'ASC', id: 'ASC' } }));
  }

  async resolutionsByIds(viewer: Viewer, ids: readonly string[]) {
    return this.scoped(viewer, await this.ds.getRepository(Resolution).findBy({ id: In([...ids]) }));
  }

  /** ORG-M4: passed resolutions by executing body and execution status, for one company (one statement). */
  async executionReport(viewer: Viewer, companyId: string): Promise<{ executorBodyId: string | null; status: ExecutionStatus; count: number }[]> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return [];
    const rows: { executorBodyId: string | null; status: ExecutionStatus; n: string | number }[] = await this.ds
      .getRepository(Resolution)
      .createQueryBuilder('r')
      .select('r.executorBodyId', 'executorBodyId')
      .addSelect('r.executionStatus', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('r.companyId = :companyId AND r.outcome = :passed', { companyId, passed: ResolutionOutcome.PASSED })
      .groupBy('r.executorBodyId')
      .addGroupBy('r.executionStatus')
      .getRawMany();
    return rows.map((r) => ({ executorBodyId: r.executorBodyId, status: r.status, count: Number(r.n) }));
  }

  async schedule(viewer: Viewer, input: NewMeeting): Promise<Meeting> {
    assertMayChangeGovernance(viewer);
    if (!input.title.trim()) throw errors.meetingTitleRequired();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'scheduleMeeting',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const body = await m.findOneBy(GoverningBody, { id: input.bodyId });
        if (!body) throw notFound('GoverningBody', input.bodyId);
        if (input.kind === MeetingKind.EXTRAORDINARY && body.type !== GoverningBodyType.SHAREHOLDERS_MEETING) {
          throw errors.meetingKindInvalid();
        }
        const convener =
          body.type === GoverningBodyType.SHAREHOLDERS_MEETING ? await m.findOneBy(GoverningBody, { companyId: body.companyId, type: GoverningBodyType.BOARD_OF_DIRECTORS }) : null;
        const meeting = m.create(Meeting, {
          id,
          bodyId: body.id,
          companyId: body.companyId,
          convenedByBodyId: convener?.id ?? null,
          kind: input.kind,
          title: input.title.trim(),
          scheduledFor: input.scheduledFor,
          heldAt: null,
          status: MeetingStatus.SCHEDULED,
          presentCount: null,
          seatBase: null,
          quorumMet: null,
          quorumBasis: null,
          votingRightsPresent: null,
          votingRightsTotal: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Meeting, meeting);
        if (input.agenda.length) {
          await m.insert(
            MeetingAgendaItem,
            input.agenda.map((a, i) => ({ id: newId(), meetingId: meeting.id, ordinal: i + 1, title: a.title, matter: a.matter ?? null })),
          );
        }
        await recordChange(m, viewer, now, {
          companyId: body.companyId,
          entityType: 'Meeting',
          entityId: meeting.id,
          action: 'MEETING_SCHEDULED',
          summary: `${body.label}: ${meeting.title} (${input.kind}), ${input.agenda.length} agenda items`,
        });
        return meeting;
      },
      async (id) => firstOrNull(await this.byIds(viewer, [id])),
      newId,
    );
  }

  /**
   * Records who attended and whether the quorum was met. Boards, management and committees count
   * seats: attendance must exceed quorumPercent of the seats (seat limit, else active members).
   * A shareholders' meeting counts share capital (shareholders vote by their capital contribution,
   * PRC Company Law; G-27): the voting rights of the shareholdings the attending members represent
   * must exceed quorumPercent of all the company's recorded shareholdings.
   */
  async hold(viewer: Viewer, meetingId: string, expectedVersion: number, attendeeIds: string[]): Promise<Meeting> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // Held once: concurrent attempts wait here and then see it HELD.
      const meeting = await lockForUpdate(m, Meeting, { id: meetingId });
      if (!meeting) throw notFound('Meeting', meetingId);
      if (meeting.status !== MeetingStatus.SCHEDULED) throw errors.meetingAlreadyHeld();
      const body = (await m.findOneBy(GoverningBody, { id: meeting.bodyId }))!;
      const active = await m.find(BodyMembership, { where: { bodyId: body.id, status: MembershipStatus.ACTIVE } });
      const byEmployee = new Map(active.map((a) => [a.employeeId, a]));
      const unique = [...new Set(attendeeIds)];
      const strangers = unique.filter((id) => !byEmployee.has(id));
      if (strangers.length) throw errors.attendeeNotAMember(strangers);
      const quorum = body.quorumPercent ?? DEFAULT_QUORUM_PERCENT;
      const seatBase = body.seatLimit ?? active.length;
      let counted: Pick<Meeting, 'quorumBasis' | 'quorumMet' | 'votingRightsPresent' | 'votingRightsTotal'>;
      if (body.type === GoverningBodyType.SHAREHOLDERS_MEETING) {
        const holdings = await m.findBy(Shareholding, { companyId: body.companyId });
        const total = holdings.reduce((sum, h) => sum + h.basisPoints, 0);
        if (total === 0) throw errors.noShareholdingsRecorded();
        const represented = new Set(unique.map((id) => byEmployee.get(id)!.shareholdingId).filter((h): h is string => !!h));
        const present = holdings.filter((h) => represented.has(h.id)).reduce((sum, h) => sum + h.basisPoints, 0);
        counted = { quorumBasis: QuorumBasis.SHARE_CAPITAL, votingRightsPresent: present, votingRightsTotal: total, quorumMet: present * 100 > quorum * total };
      } else {
        counted = { quorumBasis: QuorumBasis.SEATS, votingRightsPresent: null, votingRightsTotal: null, quorumMet: seatBase > 0 && unique.length * 100 > quorum * seatBase };
      }
      if (unique.length) {
        await m.insert(
          MeetingAttendance,
          unique.map((employeeId) => ({ id: newId(), meetingId, employeeId, membershipId: byEmployee.get(employeeId)!.id })),
        );
      }
      const updated = await updateWithVersion(m, Meeting, meetingId, expectedVersion, {
        status: MeetingStatus.HELD,
        heldAt: now,
        presentCount: unique.length,
        seatBase,
        ...counted,
        updatedAt: now,
      });
      const share =
        counted.quorumBasis === QuorumBasis.SHARE_CAPITAL ? `, ${counted.votingRightsPresent! / 100}% of ${counted.votingRightsTotal! / 100}% of the share capital` : '';
      await recordChange(m, viewer, now, {
        companyId: meeting.companyId,
        entityType: 'Meeting',
        entityId: meetingId,
        action: 'MEETING_HELD',
        summary: `${body.label}: ${unique.length} of ${seatBase} present${share}, quorum ${counted.quorumMet ? 'met' : 'NOT met'}`,
      });
      return updated;
    });
  }

  async recordResolution(viewer: Viewer, input: NewResolution): Promise<Resolution> {
    assertMayChangeGovernance(viewer);
    if ([input.votesFor, input.votesAgainst, input.abstentions].some((v) => !Number.isInteger(v) || v < 0)) throw errors.votesInvalid();
    if (!input.text.trim()) throw errors.resolutionTextRequired();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'recordResolution',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const meeting = await m.findOneBy(Meeting, { id: input.meetingId });
        if (!meeting) throw notFound('Meeting', input.meetingId);
        if (meeting.status !== MeetingStatus.HELD) throw errors.meetingNotHeld();
        if (!meeting.quorumMet) throw errors.quorumNotMet(meeting.presentCount, meeting.seatBase);
        // Votes are counted in what the quorum was: members, or voting rights (basis points) by share capital.
        const byCapital = meeting.quorumBasis === QuorumBasis.SHARE_CAPITAL;
        const present = byCapital ? meeting.votingRightsPresent! : meeting.presentCount!;
        const votes = input.votesFor + input.votesAgainst + input.abstentions;
        if (votes > present) throw errors.votesExceedAttendance(byCapital, votes, present);
        const body = (await m.findOneBy(GoverningBody, { id: meeting.bodyId }))!;
        await this.delegations.assertBodyMayDecide(m, body, input.matter, input.amountWan ?? null, now);
        const pass = body.passPercent ?? DEFAULT_PASS_PERCENT;
        const outcome = input.votesFor * 100 > pass * present ? ResolutionOutcome.PASSED : ResolutionOutcome.REJECTED;
        const executorType = EXECUTOR[body.type];
        const executor = executorType ? await m.findOneBy(GoverningBody, { companyId: body.companyId, type: executorType }) : null;
        const row = m.create(Resolution, {
          id,
          meetingId: meeting.id,
          bodyId: body.id,
          companyId: body.companyId,
          matter: input.matter,
          amountWan: input.amountWan ?? null,
          text: input.text.trim(),
          votesFor: input.votesFor,
          votesAgainst: input.votesAgainst,
          abstentions: input.abstentions,
          outcome,
          executorBodyId: outcome === ResolutionOutcome.PASSED ? (executor?.id ?? null) : null,
          executionStatus: outcome === ResolutionOutcome.PASSED ? ExecutionStatus.PENDING : null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Resolution, row);
        await recordChange(m, viewer, now, {
          companyId: body.companyId,
          entityType: 'Resolution',
          entityId: row.id,
          action: outcome === ResolutionOutcome.PASSED ? 'RESOLUTION_PASSED' : 'RESOLUTION_REJECTED',
          summary: `${body.label} on ${input.matter}: ${input.votesFor} for, ${input.votesAgainst} against, ${input.abstentions} abstaining`,
        });
        return row;
      },
      async (id) => firstOrNull(await this.resolutionsByIds(viewer, [id])),
      newId,
    );
  }

  /** Progress of a passed resolution's execution (ORG-M4). */
  async updateExecution(viewer: Viewer, id: string, expectedVersion: number, status: ExecutionStatus): Promise<Resolution> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await m.findOneBy(Resolution, { id });
      if (!row) throw errors.resolutionNotFound(id);
      if (row.outcome !== ResolutionOutcome.PASSED) throw errors.resolutionNotPassed();
      if (row.executionStatus === ExecutionStatus.EXECUTED || row.executionStatus === ExecutionStatus.NOT_EXECUTED) {
        throw errors.resolutionExecutionClosed(row.executionStatus);
      }
      const updated = await updateWithVersion(m, Resolution, id, expectedVersion, { executionStatus: status, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'Resolution',
        entityId: id,
        action: 'EXECUTION_UPDATED',
        summary: `Execution ${row.executionStatus} → ${status}`,
      });
      return updated;
    });
  }

  /** Sets a body's meeting rules (G-27): quorum and pass thresholds in percent; null = the defaults. */
  async setMeetingRules(viewer: Viewer, bodyId: string, expectedVersion: number, quorumPercent: number | null, passPercent: number | null): Promise<GoverningBody> {
    assertMayChangeGovernance(viewer);
    for (const v of [quorumPercent, passPercent]) if (v !== null && (v < 0 || v >= 100)) throw errors.meetingRuleInvalid();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const body = await m.findOneBy(GoverningBody, { id: bodyId });
      if (!body) throw notFound('GoverningBody', bodyId);
      const updated = await updateWithVersion(m, GoverningBody, bodyId, expectedVersion, { quorumPercent, passPercent, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: body.companyId,
        entityType: 'GoverningBody',
        entityId: bodyId,
        action: 'MEETING_RULES_SET',
        summary: `Quorum > ${quorumPercent ?? DEFAULT_QUORUM_PERCENT}%, pass > ${passPercent ?? DEFAULT_PASS_PERCENT}%`,
      });
      return updated;
    });
  }
}
