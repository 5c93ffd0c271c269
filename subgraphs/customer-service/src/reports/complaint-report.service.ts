import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Clock, systemClock, Viewer, scopeTo } from '@group/shared';
import { Complaint, ComplaintStatus } from '../complaints/complaint.entity';
import { OPEN_STATUSES } from '../complaints/complaint-workflow';
import { byComplaintVisibility } from '../scope';
import { reportErrors as errors } from './report.errors';

export enum ReportDimension {
  BRANCH = 'BRANCH',
  COMPANY = 'COMPANY',
  SEGMENT = 'SEGMENT',
  RESPONSIBLE_DEPARTMENT = 'RESPONSIBLE_DEPARTMENT',
}

export enum ReportInterval {
  DAY = 'DAY',
  /** ISO week, Monday to Sunday, labelled YYYY-Www. */
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/** China Standard Time: the group's local time (the demo calendars' offset). */
export const GROUP_UTC_OFFSET_MINUTES = 480;

const DIMENSION_PROPERTY: Record<ReportDimension, keyof Complaint> = {
  [ReportDimension.BRANCH]: 'branchId',
  [ReportDimension.COMPANY]: 'companyId',
  [ReportDimension.SEGMENT]: 'segmentId',
  [ReportDimension.RESPONSIBLE_DEPARTMENT]: 'responsibleDepartmentId',
};

export interface SlaReportRow {
  groupId: string | null;
  total: number;
  open: number;
  firstResponseOnTime: number;
  firstResponseBreached: number;
  resolutionOnTime: number;
  resolutionBreached: number;
  /** On-time / (on-time + breached) over both targets; null when nothing was decided yet. */
  complianceRate: number | null;
  /** Open complaints by age since receipt: < 1 day, 1–3 days, 3–7 days, > 7 days (calendar time). */
  openUnder1Day: number;
  open1To3Days: number;
  open3To7Days: number;
  openOver7Days: number;
}

export interface VolumeReportRow {
  period: string;
  channel: string;
  severity: string;
  phase: string;
  category: string;
  count: number;
}

const DAY_MS = 86_400_000;
const num = (v: unknown) => Number(v ?? 0);

/**
 * Set-based complaint reports (domain.md CS-M10, CS-M11, CS-M15): one GROUP BY
 * statement each, over the complaints the viewer can see (scope.ts), so a
 * segment head's figures cover their segment and an executive's the group.
 * Breach rules are the ones of `ComplaintService.slaState`, in SQL. Periods
 * and ages count from `receivedAt`, when the customer complained (the time the
 * SLA runs from), not from `createdAt`, when the complaint was registered: a
 * hotline log of 28 November registered on 1 December is November's.
 */
export class ComplaintReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {}

  /** SLA compliance and backlog ageing per branch, company, segment or responsible department, for complaints received in [from, to). */
  async sla(viewer: Viewer, dimension: ReportDimension, from: Date, to: Date): Promise<SlaReportRow[]> {
    if (to.getTime() <= from.getTime()) throw errors.rangeInvalid();
    const now = this.now();
    const key = DIMENSION_PROPERTY[dimension];
    const qb = this.base(viewer, from, to)
      .select(`c.${key}`, 'groupId')
      .addSelect('COUNT(*)', 'total')
      .addSelect(`SUM(CASE WHEN c.status IN (:...open) THEN 1 ELSE 0 END)`, 'open')
      .addSelect('SUM(CASE WHEN c.firstRespondedAt IS NOT NULL AND c.firstRespondedAt <= c.firstResponseDueAt THEN 1 ELSE 0 END)', 'firstResponseOnTime')
      .addSelect('SUM(CASE WHEN COALESCE(c.firstRespondedAt, :now) > c.firstResponseDueAt THEN 1 ELSE 0 END)', 'firstResponseBreached')
      .addSelect(`SUM(CASE WHEN c.status <> :rejected AND c.resolvedAt IS NOT NULL AND c.resolvedAt <= c.resolutionDueAt THEN 1 ELSE 0 END)`, 'resolutionOnTime')
      .addSelect(`SUM(CASE WHEN c.status <> :rejected AND COALESCE(c.resolvedAt, c.slaPausedAt, :now) > c.resolutionDueAt THEN 1 ELSE 0 END)`, 'resolutionBreached')
      .addSelect(`SUM(CASE WHEN c.status IN (:...open) AND c.receivedAt > :d1 THEN 1 ELSE 0 END)`, 'u1')
      .addSelect(`SUM(CASE WHEN c.status IN (:...open) AND c.receivedAt <= :d1 AND c.receivedAt > :d3 THEN 1 ELSE 0 END)`, 'u3')
      .addSelect(`SUM(CASE WHEN c.status IN (:...open) AND c.receivedAt <= :d3 AND c.receivedAt > :d7 THEN 1 ELSE 0 END)`, 'u7')
      .addSelect(`SUM(CASE WHEN c.status IN (:...open) AND c.receivedAt <= :d7 THEN 1 ELSE 0 END)`, 'o7')
      .setParameters({
        open: [...OPEN_STATUSES, ComplaintStatus.WAITING_ON_CUSTOMER],
        rejected: ComplaintStatus.REJECTED,
        now,
        d1: new Date(now.getTime() - DAY_MS),
        d3: new Date(now.getTime() - 3 * DAY_MS),
        d7: new Date(now.getTime() - 7 * DAY_MS),
      })
      .groupBy(`c.${key}`)
      .orderBy(`c.${key}`, 'ASC');
    const rows = await qb.getRawMany();
    return rows.map((r) => {
      const onTime = num(r.firstResponseOnTime) + num(r.resolutionOnTime);
      const decided = onTime + num(r.firstResponseBreached) + num(r.resolutionBreached);
      return {
        groupId: r.groupId == null ? null : String(r.groupId),
        total: num(r.total),
        open: num(r.open),
        firstResponseOnTime: num(r.firstResponseOnTime),
        firstResponseBreached: num(r.firstResponseBreached),
        resolutionOnTime: num(r.resolutionOnTime),
        resolutionBreached: num(r.resolutionBreached),
        complianceRate: decided ? Math.round((onTime / decided) * 10_000) / 10_000 : null,
        openUnder1Day: num(r.u1),
        open1To3Days: num(r.u3),
        open3To7Days: num(r.u7),
        openOver7Days: num(r.o7),
      };
    });
  }

  /**
   * Complaints by channel, severity, journey phase and category per local day,
   * ISO week or month of receipt, in [from, to). Periods are in local time
   * (`utcOffsetMinutes`, default China Standard Time): one GROUP BY per local
   * day in SQL, weeks and months rolled up from the days (at most a few
   * hundred rows per year and dimension combination).
   */
  async volume(viewer: Viewer, interval: ReportInterval, from: Date, to: Date, utcOffsetMinutes = GROUP_UTC_OFFSET_MINUTES): Promise<VolumeReportRow[]> {
    if (to.getTime() <= from.getTime()) throw errors.rangeInvalid();
    if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) throw errors.offsetInvalid();
    const local =
      this.ds.options.type === 'better-sqlite3'
        ? `datetime(c.receivedAt, '${utcOffsetMinutes >= 0 ? '+' : ''}${utcOffsetMinutes} minutes')`
        : `DATE_ADD(c.receivedAt, INTERVAL ${utcOffsetMinutes} MINUTE)`;
    // DATETIME renders as 'YYYY-MM-DD HH:MM:SS' on both databases: the first 10 characters are the local day.
    const day = `SUBSTR(CAST(${local} AS CHAR), 1, 10)`;
    const rows = await this.base(viewer, from, to)
      .select(day, 'day')
      .addSelect('c.channel', 'channel')
      .addSelect('c.severity', 'severity')
      .addSelect('c.phase', 'phase')
      .addSelect('c.category', 'category')
      .addSelect('COUNT(*)', 'count')
      .groupBy(day)
      .addGroupBy('c.channel')
      .addGroupBy('c.severity')
      .addGroupBy('c.phase')
      .addGroupBy('c.category')
      .getRawMany();
    const byKey = new Map<string, VolumeReportRow>();
    for (const r of rows) {
      const period = periodOf(String(r.day), interval);
      const key = [period, r.channel, r.severity, r.phase, r.category].join('|');
      const row = byKey.get(key) ?? { period, channel: r.channel, severity: r.severity, phase: r.phase, category: r.category, count: 0 };
      row.count += num(r.count);
      byKey.set(key, row);
    }
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return [...byKey.values()].sort(
      (a, b) => cmp(a.period, b.period) || cmp(a.channel, b.channel) || cmp(a.severity, b.severity) || cmp(a.phase, b.phase) || cmp(a.category ?? '', b.category ?? ''),
    );
  }

  private base(viewer: Viewer, from: Date, to: Date): SelectQueryBuilder<Complaint> {
    const qb = this.ds.getRepository(Complaint).createQueryBuilder('c').where('c.receivedAt >= :from AND c.receivedAt < :to', { from, to });
    return scopeTo(viewer, qb, byComplaintVisibility, 'c');
  }
}

/** 'YYYY-MM-DD' -> the period label of `interval`: the day, 'YYYY-Www' (ISO week) or 'YYYY-MM'. */
export function periodOf(day: string, interval: ReportInterval): string {
  if (interval === ReportInterval.DAY) return day;
  if (interval === ReportInterval.MONTH) return day.slice(0, 7);
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this ISO week decides its year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
