import { DataSource, In, Repository } from 'typeorm';
import { Clock, workingWindowsBetween, ConnectionShape, idempotentCreate, newId, notFound, PageArgs, paginate, Role, SortSpec, Viewer } from '@group/shared';
import { Account, AccountStatus } from '../accounts/account.entity';
import { Employee } from '../employees/employee.entity';
import { Company } from '../companies/company.entity';
import { PolicyDocument, PolicyDocumentType, PolicyVersion, PolicyVersionStatus } from '../policies/policy.entity';
import type { AccountLifecycleService } from '../accounts/account-lifecycle.service';
import type { CompanyCalendars } from '../common/working-calendar';
import { ComplianceCircular, ComplianceCircularAccount, EconomicPenalty, PenaltyOffence, TravelPeriod } from './compliance.entity';
import { complianceErrors as errors } from './compliance.errors';
import { commonErrors } from '../common/common.errors';

/**
 * Two consecutive weeks without a login put an account on the circular list (CS-R27): its last
 * login is 14 or more local calendar days back (domain.md §3.5, CS-M3), counted in the group's
 * time zone (UTC+8).
 */
export const INACTIVITY_DAYS = 14;
const LOCAL_OFFSET = 8 * 3600_000;
/** Longest period one compliance report covers. */
export const MAX_REPORT_DAYS = 92;
const DAY = 86_400_000;

export interface LoginComplianceRow {
  accountId: string;
  /** Local working days of the person's company calendar outside trip weeks, after the account was opened. */
  requiredWorkingDays: number;
  /** Of those, days without a successful login within working hours (CS-R21). */
  workingDaysMissed: number;
  /** Weeks (Mon–Sun) with a business trip: two logins a week are required instead (CS-R22). */
  tripWeeks: number;
  tripWeeksUnderTwoLogins: number;
}

export interface InactiveAccountRow {
  accountId: string;
  lastLoginAt: Date | null;
}

export interface RecordPenalty {
  accountId: string;
  offence: PenaltyOffence;
  amount: number;
  ruleReference: string;
  circularId?: string | null;
  /** When the offence occurred; defaults to the circular's asOf, else now. */
  occurredAt?: Date | null;
  idempotencyKey?: string | null;
}

/** Versions that were (or are) in force: published, or published and later superseded. */
const IN_FORCE_STATUSES = [PolicyVersionStatus.PUBLISHED, PolicyVersionStatus.SUPERSEDED];

/** Datetime literal both databases compare with their stored datetimes (UTC). */
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
/** A stored datetime: a Date from mysql2, a 'YYYY-MM-DD hh:mm:ss' string (UTC) from SQLite, or null. */
const parseTime = (v: unknown): Date | null => (v instanceof Date ? v : typeof v === 'string' ? new Date(`${v.replace(' ', 'T')}Z`) : null);
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
/** Monday 00:00 UTC of the week containing d. */
const weekStart = (d: Date) => new Date(utcDay(d).getTime() - ((d.getUTCDay() + 6) % 7) * DAY);

/**
 * Login compliance (domain.md WF-CRM-6, CS-R21/R22/R27/R28): reports computed in SQL over
 * login_record (index on (account_id, at)), the OA circular of the group marketing department,
 * economic penalties per the subsidiary's rules.
 * Visibility: the marketing department operator and executives see all accounts; segment heads
 * and admins the accounts of their segments; business staff their own; others nothing.
 */
export class ComplianceService {
  private readonly circulars: Repository<ComplianceCircular>;
  private readonly penalties: Repository<EconomicPenalty>;

  constructor(
    private readonly ds: DataSource,
    private readonly lifecycle: AccountLifecycleService,
    private readonly clock: Clock,
    private readonly calendars: CompanyCalendars,
  ) {
    this.circulars = ds.getRepository(ComplianceCircular);
    this.penalties = ds.getRepository(EconomicPenalty);
  }

  /** SQL condition (on alias `a` = account) limiting accounts to what the viewer may see. */
  private async accountScope(viewer: Viewer): Promise<{ sql: string; params: unknown[] }> {
    if (viewer.role === Role.GROUP_EXECUTIVE || (await this.lifecycle.isMarketingOperator(viewer))) return { sql: '1 = 1', params: [] };
    if (viewer.role === Role.SEGMENT_HEAD || viewer.role === Role.SEGMENT_ADMIN) {
      if (!viewer.segmentIds.length) return { sql: '1 = 0', params: [] };
      return { sql: `a.id IN (SELECT s.account_id FROM account_segment s WHERE s.segment_id IN (${viewer.segmentIds.map(() => '?').join(', ')}))`, params: [...viewer.segmentIds] };
    }
    if (viewer.role === Role.BUSINESS_STAFF) return { sql: 'a.id = ?', params: [viewer.accountId] };
    throw errors.complianceReportForbidden();
  }

  private async accountFilter(viewer: Viewer, segmentId?: string | null, companyId?: string | null) {
    const scope = await this.accountScope(viewer);
    const parts = [`a.status = '${AccountStatus.ACTIVE}'`, `a.role <> '${Role.SYSTEM_ADMIN}'`, scope.sql];
    const params = [...scope.params];
    if (segmentId) {
      parts.push('a.id IN (SELECT f.account_id FROM account_segment f WHERE f.segment_id = ?)');
      params.push(segmentId);
    }
    if (companyId) {
      parts.push('a.employee_id IN (SELECT e.id FROM employee e WHERE e.company_id = ?)');
      params.push(companyId);
    }
    return { sql: parts.join(' AND '), params };
  }

  /**
   * Per account: working days without a login (outside trip weeks) and trip weeks with fewer than
   * two logins, over [from, to). Three set-based statements (the companies in scope, days, weeks);
   * the working days of each company's calendar and the weeks of the period (at most
   * MAX_REPORT_DAYS) are passed in as derived tables.
   */
  async loginCompliance(viewer: Viewer, from: Date, to: Date, segmentId?: string | null, companyId?: string | null): Promise<LoginComplianceRow[]> {
    const start = utcDay(from);
    const end = utcDay(to);
    if (end <= start) throw errors.emptyReportPeriod();
    if ((end.getTime() - start.getTime()) / DAY > MAX_REPORT_DAYS) throw errors.periodTooLong(MAX_REPORT_DAYS);
    const days: [string, Date, Date, Date, Date][] = [];
    const weeks = new Map<number, [Date, Date]>();
    for (let d = start; d < end; d = new Date(d.getTime() + DAY)) {
      const ws = weekStart(d);
      const week: [Date, Date] = [new Date(Math.max(ws.getTime(), start.getTime())), new Date(Math.min(ws.getTime() + 7 * DAY, end.getTime()))];
      weeks.set(ws.getTime(), week);
    }
    const filter = await this.accountFilter(viewer, segmentId, companyId);
    // CS-R21: one login within the working hours of each local working day of the person's company
    // calendar (accounts without an employee: the group calendar, company '').
    const companies: { c: string }[] = await this.ds.query(
      `SELECT DISTINCT COALESCE((SELECT e.company_id FROM employee e WHERE e.id = a.employee_id), '') AS c FROM account a WHERE ${filter.sql}`,
      filter.params,
    );
    const [fromDate, toDate] = [start, end].map((d) => d.toISOString().slice(0, 10));
    const lastDate = new Date(end.getTime() - DAY).toISOString().slice(0, 10);
    for (const { c } of companies) {
      const cal = await this.calendars.of(c || null, fromDate, lastDate);
      for (const w of workingWindowsBetween(cal, fromDate, toDate)) {
        const ws = weekStart(new Date(`${w.date}T00:00:00Z`));
        days.push([c, w.start, w.end, ws, new Date(ws.getTime() + 7 * DAY)]);
      }
    }
    const rows = new Map<string, LoginComplianceRow>();
    const row = (id: string) => {
      let r = rows.get(id);
      if (!r) rows.set(id, (r = { accountId: id, requiredWorkingDays: 0, workingDaysMissed: 0, tripWeeks: 0, tripWeeksUnderTwoLogins: 0 }));
      return r;
    };
    const trip = (lo: string, hi: string) => `EXISTS (SELECT 1 FROM travel_period t WHERE t.employee_id = a.employee_id AND t.starts_at < ${hi} AND t.ends_at > ${lo})`;
    if (days.length) {
      const cal = days.map(() => 'SELECT ? AS cid, ? AS ds, ? AS de, ? AS ws, ? AS we').join(' UNION ALL ');
      const daily: { id: string; required: number | string; missed: number | string }[] = await this.ds.query(
        `SELECT a.id AS id,
                SUM(CASE WHEN NOT ${trip('d.ws', 'd.we')} THEN 1 ELSE 0 END) AS required,
                SUM(CASE WHEN NOT ${trip('d.ws', 'd.we')}
                          AND NOT EXISTS (SELECT 1 FROM login_record l WHERE l.account_id = a.id AND l.success = 1 AND l.at >= d.ds AND l.at < d.de)
                         THEN 1 ELSE 0 END) AS missed
           FROM account a CROSS JOIN (${cal}) d
          WHERE d.cid = COALESCE((SELECT e.company_id FROM employee e WHERE e.id = a.employee_id), '') AND d.de > a.created_at AND ${filter.sql}
          GROUP BY a.id`,
        [...days.flatMap(([c, ...times]) => [c, ...times.map(sqlTime)]), ...filter.params],
      );
      for (const d of daily) Object.assign(row(d.id), { requiredWorkingDays: Number(d.required), workingDaysMissed: Number(d.missed) });
    }
    const wk = [...weeks.values()];
    const cal = wk.map(() => 'SELECT ? AS ws, ? AS we').join(' UNION ALL ');
    const travel: { id: string; weeks: number | string; under: number | string }[] = await this.ds.query(
      `SELECT a.id AS id, COUNT(*) AS weeks,
              SUM(CASE WHEN (SELECT COUNT(*) FROM login_record l WHERE l.account_id = a.id AND l.success = 1 AND l.at >= w.ws AND l.at < w.we) < 2 THEN 1 ELSE 0 END) AS under
         FROM account a CROSS JOIN (${cal}) w
        WHERE w.we > a.created_at AND ${trip('w.ws', 'w.we')} AND ${filter.sql}
        GROUP BY a.id`,
      [...wk.flatMap((w) => w.map(sqlTime)), ...filter.params],
    );
    for (const t of travel) Object.assign(row(t.id), { tripWeeks: Number(t.weeks), tripWeeksUnderTwoLogins: Number(t.under) });
    return [...rows.values()].sort(
      (a, b) => b.workingDaysMissed + b.tripWeeksUnderTwoLogins - (a.workingDaysMissed + a.tripWeeksUnderTwoLogins) || a.accountId.localeCompare(b.accountId),
    );
  }

  /** Active accounts (opened at least two weeks before) with no successful login in the 14 days up to asOf (CS-R27). One statement. */
  async inactiveAccounts(viewer: Viewer, asOf: Date, segmentId?: string | null, companyId?: string | null): Promise<InactiveAccountRow[]> {
    const filter = await this.accountFilter(viewer, segmentId, companyId);
    return this.inactive(asOf, filter);
  }

  private async inactive(asOf: Date, filter: { sql: string; params: unknown[] }): Promise<InactiveAccountRow[]> {
    // Recent = a login on asOf's local day or one of the 13 before it; an account opened since is not listed either.
    const localMidnight = Math.floor((asOf.getTime() + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
    const cutoff = sqlTime(new Date(localMidnight - (INACTIVITY_DAYS - 1) * DAY));
    const at = sqlTime(asOf);
    const rows: { id: string; last: unknown }[] = await this.ds.query(
      `SELECT a.id AS id, (SELECT MAX(l.at) FROM login_record l WHERE l.account_id = a.id AND l.success = 1 AND l.at <= ?) AS last
         FROM account a
        WHERE a.created_at < ?
          AND NOT EXISTS (SELECT 1 FROM login_record l WHERE l.account_id = a.id AND l.success = 1 AND l.at >= ? AND l.at <= ?)
          AND ${filter.sql}
        ORDER BY a.email`,
      [at, cutoff, cutoff, at, ...filter.params],
    );
    return rows.map((r) => ({ accountId: r.id, lastLoginAt: parseTime(r.last) }));
  }

  /** The group marketing department issues an OA circular naming every account inactive at asOf (CS-R27; operator only, §3.1.2). */
  async issueCircular(viewer: Viewer, oaReference: string, asOfInput?: Date | null, idempotencyKey?: string | null): Promise<ComplianceCircular> {
    if (!(await this.lifecycle.isMarketingOperator(viewer))) throw commonErrors.notMarketingOperatorForCircular();
    const find = async (id: string) => ((await this.mayReadAccounts(viewer)) ? this.circulars.findOneBy({ id }) : null);
    return idempotentCreate(
      this.ds,
      viewer,
      'issueComplianceCircular',
      idempotencyKey,
      { oaReference, asOf: asOfInput },
      async (m, id) => {
        const now = this.clock();
        const asOf = asOfInput ?? now;
        if (asOf.getTime() > now.getTime()) throw errors.asOfInFuture();
        const listed = await this.inactive(asOf, await this.accountFilter(viewer));
        if (!listed.length) throw errors.nothingToCirculate();
        const circular = Object.assign(new ComplianceCircular(), {
          id,
          oaReference: oaReference.trim(),
          asOf,
          issuedById: viewer.accountId,
          issuedAt: now,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(ComplianceCircular, circular);
        await m.insert(
          ComplianceCircularAccount,
          listed.map((l) => ({ circularId: circular.id, accountId: l.accountId, lastLoginAt: l.lastLoginAt })),
        );
        return circular;
      },
      find,
      newId,
    );
  }

  /** Whether the viewer may read compliance data at all (circulars are listed to exactly those). */
  private async mayReadAccounts(viewer: Viewer): Promise<boolean> {
    return this.accountScope(viewer).then(
      () => true,
      () => false,
    );
  }

  /** A penalty, if the viewer may see its account (the same scope as `listPenalties`). */
  private async penaltyVisibleTo(viewer: Viewer, id: string): Promise<EconomicPenalty | null> {
    const scope = await this.accountScope(viewer).catch(() => null);
    const row = scope && (await this.penalties.findOneBy({ id }));
    if (!scope || !row) return null;
    const seen: unknown[] = await this.ds.query(`SELECT a.id FROM account a WHERE a.id = ? AND ${scope.sql}`, [row.accountId, ...scope.params]);
    return seen.length ? row : null;
  }

  async listCirculars(viewer: Viewer, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<ComplianceCircular>> {
    await this.accountScope(viewer); // throws for roles without access; the listed accounts are filtered per viewer
    return paginate(this.circulars.createQueryBuilder('c'), page, sort);
  }

  /** Accounts listed on circulars, restricted to those the viewer may see. */
  async circularAccounts(viewer: Viewer, circularIds: readonly string[]): Promise<ComplianceCircularAccount[]> {
    const scope = await this.accountScope(viewer).catch(() => ({ sql: '1 = 0', params: [] as unknown[] }));
    if (!circularIds.length) return [];
    const rows: { circularId: string; accountId: string; lastLoginAt: unknown }[] = await this.ds.query(
      `SELECT ca.circular_id AS circularId, ca.account_id AS accountId, ca.last_login_at AS lastLoginAt
         FROM compliance_circular_account ca JOIN account a ON a.id = ca.account_id
        WHERE ca.circular_id IN (${circularIds.map(() => '?').join(', ')}) AND ${scope.sql}
        ORDER BY a.email`,
      [...circularIds, ...scope.params],
    );
    return rows.map((r) => Object.assign(new ComplianceCircularAccount(), { circularId: r.circularId, accountId: r.accountId, lastLoginAt: parseTime(r.lastLoginAt) }));
  }

  /**
   * Records an economic penalty per the subsidiary's own CRM rules (CS-R28; G-13); the group marketing
   * department records it. The penalty is linked to the version of those rules in force when the
   * offence occurred: the company's SUBSIDIARY_CRM_POLICY, else (a company without its own rules)
   * the group's CRM management policy, which applies to "the group and its subsidiaries" (§3.1.5).
   * No rules in force at that time: CONFLICT / NO_CRM_RULES_IN_FORCE, nothing written.
   */
  async recordPenalty(viewer: Viewer, input: RecordPenalty): Promise<EconomicPenalty> {
    if (!(await this.lifecycle.isMarketingOperator(viewer))) throw commonErrors.notMarketingOperatorForPenalty();
    return idempotentCreate(
      this.ds,
      viewer,
      'recordEconomicPenalty',
      input.idempotencyKey,
      input,
      async (m, id) => {
        if (!(input.amount > 0)) throw errors.amountNotPositive();
        const account = await this.ds.manager.findOneBy(Account, { id: input.accountId });
        if (!account) throw notFound('Account', input.accountId);
        const employee = account.employeeId ? await this.ds.manager.findOneBy(Employee, { id: account.employeeId }) : null;
        if (!employee) throw errors.accountWithoutEmployee();
        let circular: ComplianceCircular | null = null;
        if (input.circularId) {
          if (!(await this.ds.manager.findOneBy(ComplianceCircularAccount, { circularId: input.circularId, accountId: account.id }))) throw errors.notOnCircular();
          circular = await this.circulars.findOneBy({ id: input.circularId });
        }
        const now = this.clock();
        const occurredAt = input.occurredAt ?? circular?.asOf ?? now;
        if (occurredAt.getTime() > now.getTime()) throw errors.occurredInFuture();
        const rules = await this.crmRulesInForce(employee.companyId, occurredAt);
        if (!rules) throw errors.noCrmRulesInForce(occurredAt);
        const penalty = Object.assign(new EconomicPenalty(), {
          id,
          accountId: account.id,
          companyId: employee.companyId,
          offence: input.offence,
          amount: Math.round(input.amount * 100) / 100,
          ruleReference: input.ruleReference.trim(),
          circularId: input.circularId ?? null,
          policyVersionId: rules.id,
          occurredAt,
          recordedById: viewer.accountId,
          recordedAt: now,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(EconomicPenalty, penalty);
        return penalty;
      },
      (id) => this.penaltyVisibleTo(viewer, id),
      newId,
    );
  }

  /** Versions of the CRM rules applied by penalties; reached only through a penalty already scoped to the viewer. */
  rulesVersionsByIds(ids: readonly string[]): Promise<PolicyVersion[]> {
    return this.ds.getRepository(PolicyVersion).findBy({ id: In([...ids]) });
  }

  /** The CRM rules version in force at `at` for a company: its own, else its group's (the root of its parent chain). */
  async crmRulesInForce(companyId: string, at: Date): Promise<PolicyVersion | null> {
    const inForce = (company: string, type: PolicyDocumentType) =>
      this.ds.manager
        .createQueryBuilder(PolicyVersion, 'v')
        .innerJoin(PolicyDocument, 'd', 'd.id = v.documentId')
        .where('d.companyId = :company AND d.type = :type', { company, type })
        .andWhere('v.status IN (:...statuses) AND v.effectiveFrom <= :at', { statuses: IN_FORCE_STATUSES, at })
        .orderBy('v.effectiveFrom', 'DESC')
        .addOrderBy('v.id', 'DESC')
        .getOne();
    const own = await inForce(companyId, PolicyDocumentType.SUBSIDIARY_CRM_POLICY);
    if (own) return own;
    let root = await this.ds.manager.findOneBy(Company, { id: companyId });
    for (let hops = 0; root?.parentId && hops < 10; hops++) root = await this.ds.manager.findOneBy(Company, { id: root.parentId });
    return root ? inForce(root.id, PolicyDocumentType.CRM_MANAGEMENT_POLICY) : null;
  }

  async listPenalties(viewer: Viewer, filter: { accountId?: string | null; companyId?: string | null }, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<EconomicPenalty>> {
    const scope = await this.accountScope(viewer);
    const qb = this.penalties.createQueryBuilder('p');
    if (scope.sql !== '1 = 1') {
      // the scope is written against alias `a`; apply it to the penalised account
      const sql = scope.sql.replace(/a\.id/g, 'p.account_id');
      let i = 0;
      const named = sql.replace(/\?/g, () => `:scope${i++}`);
      qb.andWhere(named, Object.fromEntries(scope.params.map((p, k) => [`scope${k}`, p])));
    }
    if (filter.accountId) qb.andWhere('p.accountId = :accountId', { accountId: filter.accountId });
    if (filter.companyId) qb.andWhere('p.companyId = :companyId', { companyId: filter.companyId });
    return paginate(qb, page, sort);
  }

  /** Circulars by id; reached only through a penalty already scoped. */
  circularsByIds(ids: readonly string[]): Promise<ComplianceCircular[]> {
    return this.circulars.findBy({ id: In([...ids]) });
  }

  /**
   * Records a business trip (source: OA). The OA integration runs as SYSTEM_ADMIN; a segment admin
   * may record trips of employees of the companies of their segments.
   */
  async recordTravelPeriod(viewer: Viewer, employeeId: string, startsAt: Date, endsAt: Date, idempotencyKey?: string | null): Promise<TravelPeriod> {
    const employee = await this.ds.manager.findOneBy(Employee, { id: employeeId });
    if (!employee) throw notFound('Employee', employeeId);
    let allowed = viewer.role === Role.SYSTEM_ADMIN;
    if (viewer.role === Role.SEGMENT_ADMIN && viewer.segmentIds.length) {
      const hosted: unknown[] = await this.ds.query(`SELECT id FROM segment WHERE company_id = ? AND id IN (${viewer.segmentIds.map(() => '?').join(', ')})`, [
        employee.companyId,
        ...viewer.segmentIds,
      ]);
      allowed = hosted.length > 0;
    }
    if (!allowed) throw errors.travelRecordForbidden();
    if (endsAt.getTime() <= startsAt.getTime()) throw errors.emptyTrip();
    // The viewer may record this employee's trips (checked above), so the retry's re-read needs no other scope.
    const find = (id: string) => this.ds.getRepository(TravelPeriod).findOneBy({ id, employeeId });
    return idempotentCreate(
      this.ds,
      viewer,
      'recordTravelPeriod',
      idempotencyKey,
      { employeeId, startsAt, endsAt },
      async (m, id) => {
        const now = this.clock();
        const trip = Object.assign(new TravelPeriod(), {
          id,
          employeeId,
          startsAt,
          endsAt,
          source: viewer.role === Role.SYSTEM_ADMIN ? 'OA' : 'SEGMENT_ADMIN',
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(TravelPeriod, trip);
        return trip;
      },
      find,
      newId,
    );
  }

  travelPeriodsOf(employeeIds: readonly string[]): Promise<TravelPeriod[]> {
    return this.ds.getRepository(TravelPeriod).find({ where: { employeeId: In([...employeeIds]) }, order: { startsAt: 'ASC' } });
  }
}
