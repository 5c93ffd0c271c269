import { DataSource, In, Repository } from 'typeorm';
import { Clock, ConnectionShape, idempotentCreate, newId, notFound, PageArgs, paginate, systemClock, Viewer } from '@group/shared';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { Meeting } from '../meetings/meeting.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { PERIOD_PATTERN } from '../common/period';
import { GovernanceReport } from './governance-report.entity';
import { governanceReportErrors as errors } from './governance-report.errors';
import { commonErrors } from '../common/common.errors';

/** Who reports to whom (ORG-R18, D08 第九条, D15 第六条): board and supervisors to the shareholders' meeting, management to the board. */
const REPORTS_TO: Partial<Record<GoverningBodyType, GoverningBodyType>> = {
  [GoverningBodyType.BOARD_OF_DIRECTORS]: GoverningBodyType.SHAREHOLDERS_MEETING,
  [GoverningBodyType.BOARD_OF_SUPERVISORS]: GoverningBodyType.SHAREHOLDERS_MEETING,
  [GoverningBodyType.MANAGEMENT_LAYER]: GoverningBodyType.BOARD_OF_DIRECTORS,
};

export interface NewGovernanceReport {
  fromBodyId: string;
  toBodyId: string;
  meetingId?: string | null;
  period: string;
  title: string;
  content: string;
  idempotencyKey?: string | null;
}

/**
 * Reports between governing bodies (domain.md §2.1.1, ORG-R18): read company-scoped like all governance
 * data; recorded by GROUP_EXECUTIVE only, logged in the governance change log in the same transaction,
 * and never changed.
 */
export class GovernanceReportService {
  private readonly reports: Repository<GovernanceReport>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.reports = ds.getRepository(GovernanceReport);
  }

  async listReports(
    viewer: Viewer,
    filter: { companyId?: string | null; toBodyId?: string | null; period?: string | null },
    page: PageArgs,
  ): Promise<ConnectionShape<GovernanceReport>> {
    const qb = await this.governance.scope(viewer, this.reports.createQueryBuilder('r'), 'r', filter.companyId);
    if (filter.toBodyId) qb.andWhere('r.toBodyId = :to', { to: filter.toBodyId });
    if (filter.period) qb.andWhere('r.period = :period', { period: filter.period });
    return paginate(qb, page, { property: 'submittedAt', direction: 'DESC' });
  }

  async reportsByMeetingIds(viewer: Viewer, meetingIds: readonly string[]): Promise<GovernanceReport[]> {
    return this.governance.visible(viewer, await this.reports.find({ where: { meetingId: In([...meetingIds]) }, order: { submittedAt: 'ASC', id: 'ASC' } }));
  }

  async submitReport(viewer: Viewer, input: NewGovernanceReport): Promise<GovernanceReport> {
    assertMayChangeGovernance(viewer);
    const period = input.period.trim();
    if (!PERIOD_PATTERN.test(period)) throw commonErrors.periodInvalid();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'submitGovernanceReport',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const from = await m.findOneBy(GoverningBody, { id: input.fromBodyId });
        if (!from) throw notFound('GoverningBody', input.fromBodyId);
        const to = await m.findOneBy(GoverningBody, { id: input.toBodyId });
        if (!to) throw notFound('GoverningBody', input.toBodyId);
        if (from.companyId !== to.companyId || REPORTS_TO[from.type] !== to.type) {
          throw errors.reportRouteInvalid();
        }
        if (input.meetingId) {
          const meeting = await m.findOneBy(Meeting, { id: input.meetingId });
          if (!meeting || meeting.bodyId !== to.id) throw errors.meetingNotOfReceivingBody();
        }
        const row = m.create(GovernanceReport, {
          id,
          companyId: from.companyId,
          fromBodyId: from.id,
          toBodyId: to.id,
          meetingId: input.meetingId ?? null,
          period,
          title: input.title.trim(),
          content: input.content.trim(),
          submittedAt: now,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(GovernanceReport, row);
        await recordChange(m, viewer, now, {
          companyId: from.companyId,
          entityType: 'GovernanceReport',
          entityId: row.id,
          action: 'REPORT_SUBMITTED',
          summary: `${from.label} → ${to.label}: ${row.title} (${period})`,
        });
        return row;
      },
      (id) => this.governance.visibleById(viewer, GovernanceReport, id),
      newId,
    );
  }
}
