import { DataSource, In } from 'typeorm';
import { Clock, inTransaction, isUniqueViolation, newId, Role, systemClock, Viewer, scopeTo, updateKeyedWithVersion } from '@group/shared';
import { AssessmentPeriod, BranchAssessmentResult } from './assessment-result.entity';
import { GROUP_UTC_OFFSET_MINUTES } from '../reports/complaint-report.service';
import { Complaint, ComplaintStatus } from '../complaints/complaint.entity';
import { byComplaintVisibility } from '../scope';
import { ServiceBranch } from '../branches/service-branch.entity';
import { AssessmentIndicator as I, AssessmentWeight } from './assessment-weight.entity';
import { assessmentErrors as errors } from './assessment.errors';
import { reportErrors } from '../reports/report.errors';

export interface IndicatorScore {
  indicator: I;
  weight: number;
  numerator: number;
  denominator: number;
  /** numerator / denominator (a rate, or the average satisfaction); null when the denominator is 0. */
  value: number | null;
  /** 0–100, higher is better; null (and left out of the total) when there is no value. */
  score: number | null;
}

export interface BranchAssessmentRow {
  branch: ServiceBranch;
  rank: number;
  totalScore: number;
  complaints: number;
  indicators: IndicatorScore[];
}

const num = (v: unknown) => Number(v ?? 0);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
/** Settled = resolved at some point and not reopened. */
const SETTLED = [ComplaintStatus.RESOLVED, ComplaintStatus.REVISITED, ComplaintStatus.CLOSED];

/**
 * Branch comprehensive assessment and ranking (domain.md WF-CS-2, G-05,
 * CS-R02, CS-M12). For complaints received in [from, to) and attributed to a
 * branch, ONE grouped statement measures per branch:
 *   SLA_COMPLIANCE        targets met / targets decided (first response and resolution)
 *   RESOLUTION_RATE       settled / complaints not rejected
 *   AVERAGE_SATISFACTION  mean revisit score (1–5), scored (avg − 1) / 4 × 100
 *   REVISIT_RATE          revisited (score given) / settled
 *   REPEAT_COMPLAINT_RATE (complaints − distinct customers) / complaints, scored (1 − rate) × 100
 *   ESCALATION_RATE       escalated above the branch / complaints, scored (1 − rate) × 100
 * The total is the weighted mean of the scores that exist (weights from
 * assessment_weight), branches are ranked by it (ties share a rank), and each
 * row carries the numerators and denominators behind each score. Computed over
 * the complaints the viewer can see, so only a viewer who sees every branch
 * (executives, the group centre) gets the whole group's ranking.
 */
export class BranchAssessmentService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {}

  weights(): Promise<AssessmentWeight[]> {
    return this.ds.getRepository(AssessmentWeight).find({ order: { indicator: 'ASC' } });
  }

  /** Group executives (who lead the CS system, CS-R01) change a weight. */
  async setWeight(viewer: Viewer, indicator: I, weight: number, expectedVersion: number): Promise<AssessmentWeight> {
    if (viewer.role !== Role.GROUP_EXECUTIVE) throw errors.weightsRoleForbidden();
    if (!Object.values(I).includes(indicator)) throw errors.indicatorInvalid(indicator);
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) throw errors.weightInvalid();
    return inTransaction(this.ds, (m) => updateKeyedWithVersion(m, AssessmentWeight, { indicator }, expectedVersion, { weight }, 'AssessmentWeight'));
  }

  async rank(viewer: Viewer, from: Date, to: Date): Promise<BranchAssessmentRow[]> {
    if (to.getTime() <= from.getTime()) throw reportErrors.rangeInvalid();
    const now = this.now();
    const qb = scopeTo(viewer, this.ds.getRepository(Complaint).createQueryBuilder('c'), byComplaintVisibility, 'c')
      .andWhere('c.receivedAt >= :from AND c.receivedAt < :to', { from, to }) // received in the period (CS-R03), not registered
      .andWhere('c.branchId IS NOT NULL')
      .select('c.branchId', 'branchId')
      .addSelect('COUNT(*)', 'total')
      .addSelect('COUNT(DISTINCT c.customerId)', 'customers')
      .addSelect('SUM(CASE WHEN c.status = :rejected THEN 1 ELSE 0 END)', 'rejected')
      .addSelect('SUM(CASE WHEN c.status IN (:...settled) THEN 1 ELSE 0 END)', 'settled')
      .addSelect('SUM(CASE WHEN c.satisfaction IS NOT NULL THEN 1 ELSE 0 END)', 'revisited')
      .addSelect('SUM(COALESCE(c.satisfaction, 0))', 'satisfactionSum')
      .addSelect('SUM(CASE WHEN c.escalationLevel > 1 THEN 1 ELSE 0 END)', 'escalated')
      .addSelect('SUM(CASE WHEN c.firstRespondedAt IS NOT NULL AND c.firstRespondedAt <= c.firstResponseDueAt THEN 1 ELSE 0 END)', 'frOk')
      .addSelect('SUM(CASE WHEN COALESCE(c.firstRespondedAt, :now) > c.firstResponseDueAt THEN 1 ELSE 0 END)', 'frLate')
      .addSelect('SUM(CASE WHEN c.status <> :rejected AND c.resolvedAt IS NOT NULL AND c.resolvedAt <= c.resolutionDueAt THEN 1 ELSE 0 END)', 'resOk')
      .addSelect('SUM(CASE WHEN c.status <> :rejected AND COALESCE(c.resolvedAt, c.slaPausedAt, :now) > c.resolutionDueAt THEN 1 ELSE 0 END)', 'resLate')
      .setParameters({ rejected: ComplaintStatus.REJECTED, settled: SETTLED, now })
      .groupBy('c.branchId');
    const [rows, weights] = await Promise.all([qb.getRawMany(), this.weights()]);
    if (rows.length === 0) return [];
    const branches = new Map((await this.ds.getRepository(ServiceBranch).findBy({ id: In(rows.map((r) => String(r.branchId))) })).map((b) => [b.id, b]));
    const weightOf = new Map(weights.map((w) => [w.indicator, w.weight]));

    const scored = rows
      .filter((r) => branches.has(String(r.branchId)))
      .map((r) => {
        const total = num(r.total);
        const ind = (indicator: I, numerator: number, denominator: number, toScore: (v: number) => number): IndicatorScore => {
          const value = denominator > 0 ? numerator / denominator : null;
          return {
            indicator,
            weight: weightOf.get(indicator) ?? 0,
            numerator,
            denominator,
            value: value === null ? null : round(value, 4),
            score: value === null ? null : round(Math.max(0, Math.min(100, toScore(value)))),
          };
        };
        const indicators = [
          ind(I.SLA_COMPLIANCE, num(r.frOk) + num(r.resOk), num(r.frOk) + num(r.resOk) + num(r.frLate) + num(r.resLate), (v) => v * 100),
          ind(I.RESOLUTION_RATE, num(r.settled), total - num(r.rejected), (v) => v * 100),
          ind(I.AVERAGE_SATISFACTION, num(r.satisfactionSum), num(r.revisited), (v) => ((v - 1) / 4) * 100),
          ind(I.REVISIT_RATE, num(r.revisited), num(r.settled), (v) => v * 100),
          ind(I.REPEAT_COMPLAINT_RATE, total - num(r.customers), total, (v) => (1 - v) * 100),
          ind(I.ESCALATION_RATE, num(r.escalated), total, (v) => (1 - v) * 100),
        ];
        const counted = indicators.filter((i) => i.score !== null && i.weight > 0);
        const weightSum = counted.reduce((s, i) => s + i.weight, 0);
        const totalScore = weightSum ? round(counted.reduce((s, i) => s + i.score! * i.weight, 0) / weightSum) : 0;
        return { branch: branches.get(String(r.branchId))!, rank: 0, totalScore, complaints: total, indicators };
      })
      .sort((a, b) => b.totalScore - a.totalScore || a.branch.code.localeCompare(b.branch.code));
    scored.forEach((row, i) => (row.rank = i > 0 && scored[i - 1].totalScore === row.totalScore ? scored[i - 1].rank : i + 1));
    return scored;
  }

  /**
   * Closes a month (local time) and publishes its ranking: computed over ALL
   * complaints of the month (as the group sees them), stored with the figures
   * and weights used, and from then on read from the stored rows. Group
   * executives only; a month is closed once (CONFLICT ASSESSMENT_PERIOD_CLOSED)
   * and only after it has ended.
   */
  async closePeriod(viewer: Viewer, period: string): Promise<BranchAssessmentRow[]> {
    if (viewer.role !== Role.GROUP_EXECUTIVE) throw errors.closeRoleForbidden();
    const { from, to } = monthRange(period);
    if (to.getTime() > this.now().getTime()) throw errors.periodNotOver(period);
    const rows = await this.rank(viewer, from, to);
    const closedAt = this.now();
    try {
      await inTransaction(this.ds, async (m) => {
        // The period's own row first: its primary key admits one close per month, with or
        // without results, and a concurrent close waits on it, then fails as a duplicate.
        if (await m.existsBy(AssessmentPeriod, { period })) throw errors.periodClosed(period);
        await m.insert(AssessmentPeriod, { period, branches: rows.length, closedAt, closedBy: viewer.accountId });
        const values = rows.map((r) => ({
          id: newId(),
          period,
          branchId: r.branch.id,
          rank: r.rank,
          totalScore: r.totalScore.toFixed(2),
          complaints: r.complaints,
          indicators: JSON.stringify(r.indicators),
          closedAt,
          closedBy: viewer.accountId,
        }));
        if (values.length) await m.insert(BranchAssessmentResult, values);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.periodClosed(period);
      throw e;
    }
    return rows;
  }

  /** The published ranking of a closed month (empty when the month is not closed), best first. */
  async closedPeriod(period: string): Promise<BranchAssessmentRow[]> {
    monthRange(period);
    const results = await this.ds.getRepository(BranchAssessmentResult).find({ where: { period }, order: { rank: 'ASC', branchId: 'ASC' } });
    if (!results.length) return [];
    const branches = new Map((await this.ds.getRepository(ServiceBranch).findBy({ id: In(results.map((r) => r.branchId)) })).map((b) => [b.id, b]));
    return results
      .filter((r) => branches.has(r.branchId))
      .map((r) => ({
        branch: branches.get(r.branchId)!,
        rank: r.rank,
        totalScore: Number(r.totalScore),
        complaints: r.complaints,
        indicators: JSON.parse(r.indicators) as IndicatorScore[],
      }));
  }

  /** Closed months, newest first. */
  async closedPeriods(): Promise<string[]> {
    const periods = await this.ds.getRepository(AssessmentPeriod).find({ select: { period: true }, order: { period: 'DESC' }, take: 240 });
    return periods.map((p) => p.period);
  }
}

/** 'YYYY-MM' -> the month in the group's local time, as UTC instants [from, to). */
function monthRange(period: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw errors.periodInvalid();
  const [year, month] = [Number(m[1]), Number(m[2])];
  const shift = GROUP_UTC_OFFSET_MINUTES * 60_000;
  return { from: new Date(Date.UTC(year, month - 1, 1) - shift), to: new Date(Date.UTC(year, month, 1) - shift) };
}
