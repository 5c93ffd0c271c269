import { DataSource } from 'typeorm';
import { Clock, idempotentCreate, lockForUpdate, newId, notFound, systemClock, Viewer } from '@group/shared';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { Meeting, MeetingStatus } from '../meetings/meeting.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { PERIOD_PATTERN } from '../common/period';
import { PerformanceEvaluation, PerformanceRating } from './performance-evaluation.entity';
import { performanceEvaluationErrors as errors } from './performance-evaluation.errors';
import { commonErrors } from '../common/common.errors';

export interface NewEvaluation {
  meetingId: string;
  evaluatedBodyId: string;
  period: string;
  rating: PerformanceRating;
  comment: string;
  idempotencyKey?: string | null;
}

/**
 * The shareholders' meeting's performance evaluations of the board and the supervisors (ORG-R18,
 * report ORG-M12). Immutable once recorded. Writes GROUP_EXECUTIVE only, logged.
 */
export class PerformanceEvaluationService {
  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The shareholders' meeting evaluates the board's or the supervisors' performance, at a held, quorate meeting (ORG-R18). */
  async evaluate(viewer: Viewer, input: NewEvaluation): Promise<PerformanceEvaluation> {
    assertMayChangeGovernance(viewer);
    const period = input.period.trim();
    if (!PERIOD_PATTERN.test(period)) throw commonErrors.periodInvalid();
    if (!input.comment.trim()) throw errors.commentRequired();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'evaluateBodyPerformance',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // One evaluation of a body per meeting: the meeting is locked before the check.
        const meeting = await lockForUpdate(m, Meeting, { id: input.meetingId });
        if (!meeting) throw notFound('Meeting', input.meetingId);
        const shm = await m.findOneBy(GoverningBody, { id: meeting.bodyId });
        if (shm?.type !== GoverningBodyType.SHAREHOLDERS_MEETING) throw errors.notShareholdersMeeting();
        if (meeting.status !== MeetingStatus.HELD || !meeting.quorumMet) throw errors.meetingNotQuorate();
        const body = await m.findOneBy(GoverningBody, { id: input.evaluatedBodyId });
        if (!body || body.companyId !== shm.companyId || ![GoverningBodyType.BOARD_OF_DIRECTORS, GoverningBodyType.BOARD_OF_SUPERVISORS].includes(body.type)) {
          throw errors.evaluatedBodyInvalid();
        }
        if (await m.findOneBy(PerformanceEvaluation, { meetingId: meeting.id, evaluatedBodyId: body.id })) throw errors.alreadyEvaluated(body.label);
        const row = m.create(PerformanceEvaluation, {
          id,
          companyId: shm.companyId,
          meetingId: meeting.id,
          evaluatedBodyId: body.id,
          period,
          rating: input.rating,
          comment: input.comment.trim(),
          recordedAt: now,
        });
        await m.insert(PerformanceEvaluation, row);
        await recordChange(m, viewer, now, {
          companyId: shm.companyId,
          entityType: 'PerformanceEvaluation',
          entityId: row.id,
          action: 'PERFORMANCE_EVALUATED',
          summary: `${body.label} ${period}: ${input.rating}`,
        });
        return row;
      },
      (id) => this.governance.visibleById(viewer, PerformanceEvaluation, id),
      newId,
    );
  }

  /** ORG-M12: evaluations recorded by a company's shareholders' meeting, latest period first. */
  async evaluations(viewer: Viewer, companyId: string): Promise<PerformanceEvaluation[] | null> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    return this.ds.getRepository(PerformanceEvaluation).find({ where: { companyId }, order: { period: 'DESC', recordedAt: 'DESC', id: 'ASC' } });
  }
}
