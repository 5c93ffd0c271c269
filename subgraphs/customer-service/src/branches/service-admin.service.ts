import { DataSource, IsNull } from 'typeorm';
import { idempotentCreate, inTransaction, isUniqueViolation, newId, Role, updateWithVersion, upsertRows, Viewer, type Clock, systemClock, staleVersion } from '@group/shared';
import { ServiceBranch, ServiceStaff } from './service-branch.entity';
import { BusinessCalendar, BusinessCalendarDay, DEFAULT_CALENDAR_ID } from '../sla/business-calendar.entity';
import { bumpCalendarRevision, calendarRevision } from '../sla/calendar-revision';
import { serviceBranchErrors as errors } from './service-branch.errors';
import { slaErrors } from '../sla/sla.errors';

/**
 * Administration of the customer-service organisation (issue 4): branches
 * (客户服务分部) under companies, the staff who work in a branch or in the
 * group Customer Service Center, and each company's working calendar.
 * Assigning staff widens what a person reads (scope.ts), so it is reserved
 * to group executives (the group leads the CS system, CS-R01) and system
 * administrators (who set up system information on the group's behalf).
 */
const ADMINS = new Set<Role>([Role.GROUP_EXECUTIVE, Role.SYSTEM_ADMIN]);

function assertAdmin(viewer: Viewer): void {
  if (!ADMINS.has(viewer.role)) throw errors.adminRoleForbidden();
}

export interface NewServiceBranch {
  companyId: string;
  code: string;
  name: string;
  idempotencyKey?: string | null;
}
export interface ServiceBranchChange {
  id: string;
  expectedVersion: number;
  name?: string | null;
}
export interface CompanyCalendarInput {
  companyId: string;
  name: string;
  utcOffsetMinutes: number;
  dayStartMinute: number;
  dayEndMinute: number;
  workingWeekdays: number[];
  /** The version of the company's own calendar read; null when it has none yet. */
  expectedVersion?: number | null;
}

export class ServiceAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  async createBranch(viewer: Viewer, input: NewServiceBranch): Promise<ServiceBranch> {
    assertAdmin(viewer);
    const now = this.clock();
    try {
      return await idempotentCreate(
        this.ds,
        viewer,
        'createServiceBranch',
        input.idempotencyKey,
        input,
        async (m, id) => {
          const branch = m.create(ServiceBranch, {
            id,
            companyId: input.companyId,
            code: input.code.trim().toUpperCase(),
            name: input.name.trim(),
            createdAt: now,
            updatedAt: now,
          });
          return m.save(branch);
        },
        (id) => this.ds.getRepository(ServiceBranch).findOneBy({ id }),
        newId,
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.codeTaken(input.code);
      throw e;
    }
  }

  async updateBranch(viewer: Viewer, input: ServiceBranchChange): Promise<ServiceBranch> {
    assertAdmin(viewer);
    const changes: Partial<ServiceBranch> = { updatedAt: this.clock() };
    if (input.name) changes.name = input.name.trim();
    return inTransaction(this.ds, (m) => updateWithVersion(m, ServiceBranch, input.id, input.expectedVersion, changes, 'ServiceBranch'));
  }

  /** Puts an employee in a branch, or in the group Customer Service Center when `branchId` is null (one place per person). */
  async assignStaff(viewer: Viewer, employeeId: string, branchId: string | null): Promise<ServiceStaff> {
    assertAdmin(viewer);
    return inTransaction(this.ds, async (m) => {
      if (branchId && !(await m.existsBy(ServiceBranch, { id: branchId }))) throw errors.notFound(branchId);
      // One statement on the primary key (insert, or update the person's one place): concurrent
      // assignments of one person queue on that key instead of deadlocking on delete + insert.
      await upsertRows(m, ServiceStaff, [{ employeeId, branchId }], ['employeeId']);
      return m.findOneByOrFail(ServiceStaff, { employeeId });
    });
  }

  async removeStaff(viewer: Viewer, employeeId: string): Promise<boolean> {
    assertAdmin(viewer);
    const staff = await this.ds.getRepository(ServiceStaff).findOneBy({ employeeId });
    if (!staff) throw errors.staffNotFound(employeeId);
    await inTransaction(this.ds, (m) => m.remove(staff));
    return true;
  }

  /** Staff of one branch, or of the Customer Service Center (`branchId` null); organisational data. */
  staff(branchId: string | null): Promise<ServiceStaff[]> {
    return this.ds.getRepository(ServiceStaff).find({ where: { branchId: branchId ?? IsNull() }, order: { employeeId: 'ASC' }, take: 500 });
  }

  /** Creates or replaces a company's own working calendar (its holidays stay). */
  async setCompanyCalendar(viewer: Viewer, input: CompanyCalendarInput): Promise<BusinessCalendar> {
    assertAdmin(viewer);
    const weekdays = [...new Set(input.workingWeekdays)].sort();
    if (!weekdays.length || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw errors.calendarWeekdaysInvalid();
    if (!(input.dayStartMinute >= 0 && input.dayStartMinute < input.dayEndMinute && input.dayEndMinute <= 1440)) {
      throw errors.calendarHoursInvalid();
    }
    if (Math.abs(input.utcOffsetMinutes) > 14 * 60) throw errors.calendarOffsetInvalid();
    try {
      return await inTransaction(this.ds, async (m) => {
        const existing = await m.findOneBy(BusinessCalendar, { companyId: input.companyId });
        const fields = {
          name: input.name,
          utcOffsetMinutes: input.utcOffsetMinutes,
          dayStartMinute: input.dayStartMinute,
          dayEndMinute: input.dayEndMinute,
          workingWeekdays: weekdays.join(','),
        };
        if (existing) {
          // Replacing an existing calendar needs the version read; null means "create", which is stale now.
          if (input.expectedVersion == null) throw staleCalendar(existing.version);
          const updated = await updateWithVersion(m, BusinessCalendar, existing.id, input.expectedVersion, fields, 'BusinessCalendar');
          await bumpCalendarRevision(m);
          return updated;
        }
        const created = await m.save(m.create(BusinessCalendar, { id: newId(), companyId: input.companyId, ...fields }));
        await bumpCalendarRevision(m);
        return created;
      });
    } catch (e) {
      // Two first calendars of one company at once: the unique company index refuses the second.
      if (isUniqueViolation(e)) throw staleCalendar(null);
      throw e;
    }
  }

  /** Moves with every change of any working calendar or calendar day (readers cache calendars until it does). */
  calendarRevision(): Promise<number> {
    return calendarRevision(this.ds.manager);
  }

  /** The company's calendar if it has one, else the group default. */
  async calendarOf(companyId: string | null): Promise<BusinessCalendar> {
    const repo = this.ds.getRepository(BusinessCalendar);
    const cal = (companyId ? await repo.findOneBy({ companyId }) : null) ?? (await repo.findOneBy({ id: DEFAULT_CALENDAR_ID }));
    if (!cal) throw slaErrors.calendarNotFound(companyId ?? DEFAULT_CALENDAR_ID);
    return cal;
  }

  /**
   * Holidays and make-up working days in force for a calendar between two local dates (inclusive):
   * its own, plus the group default's public holidays and make-up days on dates it does not
   * declare itself (the group's days apply to every company unless overridden; SlaService.calendar
   * counts the same way).
   */
  async days(calendarId: string, from: string, to: string): Promise<BusinessCalendarDay[]> {
    for (const d of [from, to]) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw errors.calendarDateInvalid(d);
    const read = (id: string) =>
      this.ds
        .getRepository(BusinessCalendarDay)
        .createQueryBuilder('d')
        .where('d.calendarId = :id AND d.date >= :from AND d.date <= :to', { id, from, to })
        .orderBy('d.date', 'ASC')
        .limit(1000)
        .getMany();
    const own = await read(calendarId);
    if (calendarId === DEFAULT_CALENDAR_ID) return own;
    const declared = new Set(own.map((d) => d.date));
    const group = (await read(DEFAULT_CALENDAR_ID)).filter((d) => !declared.has(d.date));
    return [...own, ...group].sort((a, b) => a.date.localeCompare(b.date)).slice(0, 1000);
  }
}

const staleCalendar = (current: number | null) =>
  staleVersion('WorkingCalendar', current, null, { message: 'This company has a calendar of its own already; read it (workingCalendar) and send its version as expectedVersion' });
