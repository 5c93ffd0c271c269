import { DataSource, Repository } from 'typeorm';
import { Clock, ConnectionShape, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, PageArgs, paginate, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { PERIOD_PATTERN } from '../common/period';
import { CheckpointResult, CheckpointReview, CheckpointStatus, GovernanceCheckpoint } from './checkpoint-review.entity';
import { checkpointReviewErrors as errors } from './checkpoint-review.errors';
import { commonErrors } from '../common/common.errors';

export interface CheckpointInput {
  companyId: string;
  period: string;
  checkpoint: GovernanceCheckpoint;
  result: CheckpointResult;
  issue?: string | null;
  idempotencyKey?: string | null;
}

/**
 * The periodic review of the eight governance checkpoints (domain.md §2.1.3, WF-ORG-5, ORG-R08/R09), with
 * the correction of an issue. Reading is company-scoped like all governance data; writing is
 * GROUP_EXECUTIVE only and logged in the governance change log, in the same transaction.
 */
export class CheckpointReviewService {
  private readonly checks: Repository<CheckpointReview>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.checks = ds.getRepository(CheckpointReview);
  }

  /** Records one checkpoint's result for a period; a PASS is closed at once, an ISSUE opens (ORG-R08/R09). */
  async recordCheckpoint(viewer: Viewer, input: CheckpointInput): Promise<CheckpointReview> {
    assertMayChangeGovernance(viewer);
    const period = input.period.trim();
    if (!PERIOD_PATTERN.test(period)) throw commonErrors.periodInvalid();
    const issue = input.issue?.trim() || null;
    if (input.result === CheckpointResult.ISSUE && !issue) throw errors.issueRequired();
    if (input.result === CheckpointResult.PASS && issue) throw errors.passHasNoIssue();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'recordCheckpointReview',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // One review per checkpoint and period: the company is locked before the check.
        if (!(await lockForUpdate(m, Company, { id: input.companyId }))) throw notFound('Company', input.companyId);
        if (await m.findOneBy(CheckpointReview, { companyId: input.companyId, period, checkpoint: input.checkpoint })) {
          throw errors.checkpointAlreadyReviewed(input.checkpoint, period);
        }
        const pass = input.result === CheckpointResult.PASS;
        const row = m.create(CheckpointReview, {
          id,
          companyId: input.companyId,
          period,
          checkpoint: input.checkpoint,
          result: input.result,
          issue,
          correctiveAdjustment: null,
          status: pass ? CheckpointStatus.CLOSED : CheckpointStatus.OPEN,
          reviewedAt: now,
          closedAt: pass ? now : null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(CheckpointReview, row);
        await recordChange(m, viewer, now, {
          companyId: input.companyId,
          entityType: 'CheckpointReview',
          entityId: row.id,
          action: `CHECKPOINT_${input.result}`,
          summary: `${period} ${input.checkpoint}: ${input.result}`,
        });
        return row;
      },
      (id) => this.governance.visibleById(viewer, CheckpointReview, id),
      newId,
    );
  }

  /** An issue is corrected per prescribed authority and procedure (ORG-R09): ADJUSTING, then CLOSED with the adjustment made. */
  async adjustCheckpoint(viewer: Viewer, id: string, expectedVersion: number, status: CheckpointStatus, correctiveAdjustment: string | null): Promise<CheckpointReview> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await m.findOneBy(CheckpointReview, { id });
      if (!row) throw errors.checkpointReviewNotFound(id);
      if (row.status === CheckpointStatus.CLOSED) throw errors.checkpointClosed();
      if (status === CheckpointStatus.OPEN) throw errors.issueStatusBackwards();
      const adjustment = correctiveAdjustment?.trim() || row.correctiveAdjustment;
      if (!adjustment) throw errors.correctiveAdjustmentRequired();
      const updated = await updateWithVersion(m, CheckpointReview, id, expectedVersion, {
        status,
        correctiveAdjustment: adjustment,
        closedAt: status === CheckpointStatus.CLOSED ? now : null,
        updatedAt: now,
      });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'CheckpointReview',
        entityId: id,
        action: `CHECKPOINT_${status}`,
        summary: `${row.period} ${row.checkpoint}: ${row.status} → ${status}`,
      });
      return updated;
    });
  }

  /** ORG-M2: the eight checkpoints of a company for a period (one statement); unreviewed ones come back as null. */
  async checkpointReport(viewer: Viewer, companyId: string, period: string): Promise<{ checkpoint: GovernanceCheckpoint; review: CheckpointReview | null }[] | null> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    const rows = await this.checks.findBy({ companyId, period });
    const by = new Map(rows.map((r) => [r.checkpoint, r]));
    return Object.values(GovernanceCheckpoint).map((checkpoint) => ({ checkpoint, review: by.get(checkpoint) ?? null }));
  }

  async listCheckpoints(viewer: Viewer, filter: { companyId?: string | null; status?: CheckpointStatus | null }, page: PageArgs): Promise<ConnectionShape<CheckpointReview>> {
    const qb = await this.governance.scope(viewer, this.checks.createQueryBuilder('c'), 'c', filter.companyId);
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    return paginate(qb, page, { property: 'reviewedAt', direction: 'DESC' });
  }
}
