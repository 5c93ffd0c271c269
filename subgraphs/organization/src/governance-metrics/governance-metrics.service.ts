import { DataSource } from 'typeorm';
import { Clock, systemClock, Viewer } from '@group/shared';
import { GovernanceService } from '../governance/governance.service';
import { GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { MeetingStatus } from '../meetings/meeting.entity';
import { PolicyDocumentType, PolicyVersionStatus } from '../policies/policy.entity';
import { EmployeeStatus } from '../employees/employee.entity';

/** Documents every company must maintain and publish to its employees (ORG-R07, D08 第八条). */
export const REQUIRED_DOCUMENT_TYPES = [
  PolicyDocumentType.ORG_CHART,
  PolicyDocumentType.BUSINESS_PROCESS,
  PolicyDocumentType.JOB_DESCRIPTION,
  PolicyDocumentType.PERFORMANCE_APPRAISAL_METHOD,
  PolicyDocumentType.AUTHORITY_GUIDELINE,
];

/** A shareholders' meeting is on time when held within this many hours of its scheduled start (按时; G-27 default). */
export const ON_TIME_GRACE_HOURS = 24;

export interface MeetingTimeliness {
  scheduled: number;
  held: number;
  heldOnTime: number;
  heldLate: number;
  overdue: number;
  upcoming: number;
  boardReportsHeard: number;
  supervisorReportsHeard: number;
}

export interface SpanRow {
  departmentId: string;
  parentId: string | null;
  level: number;
  directSubunits: number;
  directEmployees: number;
}

export interface DocumentAvailabilityRow {
  type: PolicyDocumentType;
  documents: number;
  current: number;
}

const num = (v: unknown) => Number(v ?? 0);
/** Datetime literal both databases compare with their stored datetimes (UTC). */
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Governance reports computed in SQL over existing data (domain.md §2.1.6): ORG-M3 meeting
 * timeliness, ORG-M8 span of control and levels, ORG-M13 document availability. Company-scoped
 * like all governance data: a company the viewer may not read answers null.
 */
export class GovernanceMetricsService {
  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {}

  private async readable(viewer: Viewer, companyId: string): Promise<boolean> {
    return (await this.governance.visibleCompanyIds(viewer, [companyId])).length > 0;
  }

  /**
   * ORG-M3 (checkpoint 1): the shareholders' meetings of a company held vs scheduled, on time (within
   * ON_TIME_GRACE_HOURS), late, overdue, and the board's and supervisors' reports heard at them.
   * Three statements (index meeting(body_id, scheduled_for); governance_report(company_id, ...)).
   */
  async meetingTimeliness(viewer: Viewer, companyId: string): Promise<MeetingTimeliness | null> {
    if (!(await this.readable(viewer, companyId))) return null;
    const now = sqlTime(this.clock());
    const grace = ON_TIME_GRACE_HOURS * 3_600_000;
    const [m] = await this.ds.query(
      `SELECT COUNT(*) AS scheduled,
              SUM(CASE WHEN mt.status = ? THEN 1 ELSE 0 END) AS held,
              SUM(CASE WHEN mt.status = ? AND mt.scheduled_for < ? THEN 1 ELSE 0 END) AS overdue,
              SUM(CASE WHEN mt.status = ? AND mt.scheduled_for >= ? THEN 1 ELSE 0 END) AS upcoming
         FROM meeting mt JOIN governing_body b ON b.id = mt.body_id
        WHERE b.company_id = ? AND b.type = ?`,
      [MeetingStatus.HELD, MeetingStatus.SCHEDULED, now, MeetingStatus.SCHEDULED, now, companyId, GoverningBodyType.SHAREHOLDERS_MEETING],
    );
    // On-time needs the two datetimes compared with an offset; done here on the few held meetings' times.
    const held: { s: unknown; h: unknown }[] = await this.ds.query(
      `SELECT mt.scheduled_for AS s, mt.held_at AS h FROM meeting mt JOIN governing_body b ON b.id = mt.body_id
        WHERE b.company_id = ? AND b.type = ? AND mt.status = ?`,
      [companyId, GoverningBodyType.SHAREHOLDERS_MEETING, MeetingStatus.HELD],
    );
    const time = (v: unknown) => (v instanceof Date ? v.getTime() : new Date(`${String(v).replace(' ', 'T')}Z`).getTime());
    const onTime = held.filter((r) => time(r.h) <= time(r.s) + grace).length;
    const [r] = await this.ds.query(
      `SELECT SUM(CASE WHEN f.type = ? THEN 1 ELSE 0 END) AS board, SUM(CASE WHEN f.type = ? THEN 1 ELSE 0 END) AS supervisors
         FROM governance_report gr JOIN governing_body f ON f.id = gr.from_body_id JOIN governing_body t ON t.id = gr.to_body_id
        WHERE gr.company_id = ? AND t.type = ? AND gr.meeting_id IS NOT NULL`,
      [GoverningBodyType.BOARD_OF_DIRECTORS, GoverningBodyType.BOARD_OF_SUPERVISORS, companyId, GoverningBodyType.SHAREHOLDERS_MEETING],
    );
    return {
      scheduled: num(m.scheduled),
      held: num(m.held),
      heldOnTime: onTime,
      heldLate: num(m.held) - onTime,
      overdue: num(m.overdue),
      upcoming: num(m.upcoming),
      boardReportsHeard: num(r?.board),
      supervisorReportsHeard: num(r?.supervisors),
    };
  }

  /**
   * ORG-M8: per department of a company, its level in the tree (1 = top), direct sub-units and
   * direct active employees (span of control). Two statements whatever the size.
   */
  async spanOfControl(viewer: Viewer, companyId: string): Promise<SpanRow[] | null> {
    if (!(await this.readable(viewer, companyId))) return null;
    const depts: { id: string; parentId: string | null }[] = await this.ds.query(
      'SELECT d.id AS id, d.parent_id AS parentId FROM department d WHERE d.company_id = ? ORDER BY d.code',
      [companyId],
    );
    const staff: { id: string; n: unknown }[] = await this.ds.query(
      'SELECT e.department_id AS id, COUNT(*) AS n FROM employee e WHERE e.company_id = ? AND e.status <> ? AND e.department_id IS NOT NULL GROUP BY e.department_id',
      [companyId, EmployeeStatus.DEPARTED],
    );
    const parentOf = new Map(depts.map((d) => [d.id, d.parentId]));
    const children = new Map<string, number>();
    for (const d of depts) if (d.parentId) children.set(d.parentId, (children.get(d.parentId) ?? 0) + 1);
    const employees = new Map(staff.map((s) => [s.id, num(s.n)]));
    const level = (id: string) => {
      let n = 1;
      for (let p = parentOf.get(id); p && n <= depts.length; p = parentOf.get(p)) n++;
      return n;
    };
    return depts.map((d) => ({ departmentId: d.id, parentId: d.parentId, level: level(d.id), directSubunits: children.get(d.id) ?? 0, directEmployees: employees.get(d.id) ?? 0 }));
  }

  /** ORG-M13: the required document types (ORG-R07) of a company: documents, and how many have a published version in force. One statement. */
  async documentAvailability(viewer: Viewer, companyId: string): Promise<DocumentAvailabilityRow[] | null> {
    if (!(await this.readable(viewer, companyId))) return null;
    const types = REQUIRED_DOCUMENT_TYPES;
    const rows: { type: PolicyDocumentType; documents: unknown; current: unknown }[] = await this.ds.query(
      `SELECT d.type AS type, COUNT(*) AS documents,
              SUM(CASE WHEN EXISTS (SELECT 1 FROM policy_version v WHERE v.document_id = d.id AND v.status = ? AND v.effective_from <= ?) THEN 1 ELSE 0 END) AS current
         FROM policy_document d
        WHERE d.company_id = ? AND d.type IN (${types.map(() => '?').join(', ')})
        GROUP BY d.type`,
      [PolicyVersionStatus.PUBLISHED, sqlTime(this.clock()), companyId, ...types],
    );
    const by = new Map(rows.map((r) => [r.type, r]));
    return types.map((type) => ({ type, documents: num(by.get(type)?.documents), current: num(by.get(type)?.current) }));
  }
}
