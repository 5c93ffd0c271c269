import { DataSource } from 'typeorm';
import { inTransaction, Role, Viewer, updateKeyedWithVersion } from '@group/shared';
import { ComplaintSeverity } from '../complaints/complaint.entity';
import { SlaPolicy } from './sla-policy.entity';
import { BusinessCalendar, BusinessCalendarDay, CalendarDayKind, DEFAULT_CALENDAR_ID } from './business-calendar.entity';
import { bumpCalendarRevision } from './calendar-revision';
import { slaErrors as errors } from './sla.errors';

/**
 * Configuration of the SLA policies and the default calendar, by group
 * executives (the group leads the CS system, CS-R01). Stored due times are not
 * recomputed: a change applies to complaints registered (or resumed) afterwards.
 */
export class SlaAdminService {
  constructor(private readonly ds: DataSource) {}

  async setPolicy(
    viewer: Viewer,
    input: { severity: ComplaintSeverity; expectedVersion: number; firstResponseMinutes: number; resolutionMinutes?: number | null; warnPercent: number },
  ): Promise<SlaPolicy> {
    assertExecutive(viewer);
    return inTransaction(this.ds, (m) =>
      updateKeyedWithVersion(
        m,
        SlaPolicy,
        { severity: input.severity },
        input.expectedVersion,
        { firstResponseMinutes: input.firstResponseMinutes, resolutionMinutes: input.resolutionMinutes ?? null, warnPercent: input.warnPercent },
        'SlaPolicy',
      ),
    );
  }

  /** A holiday or make-up working day of the group default calendar, or of a company's own calendar (`companyId`). */
  async setCalendarDay(viewer: Viewer, input: { date: string; kind?: CalendarDayKind | null; name?: string | null; companyId?: string | null }): Promise<boolean> {
    assertExecutive(viewer);
    if (Number.isNaN(Date.parse(`${input.date}T00:00:00Z`))) throw errors.dateInvalid(input.date);
    return inTransaction(this.ds, async (m) => {
      let calendarId = DEFAULT_CALENDAR_ID;
      if (input.companyId) {
        const own = await m.findOneBy(BusinessCalendar, { companyId: input.companyId });
        if (!own) throw errors.companyCalendarMissing();
        calendarId = own.id;
      }
      await m.delete(BusinessCalendarDay, { calendarId, date: input.date });
      if (input.kind) await m.insert(BusinessCalendarDay, { calendarId, date: input.date, kind: input.kind, name: input.name ?? input.kind });
      await bumpCalendarRevision(m);
      return true;
    });
  }
}

function assertExecutive(viewer: Viewer): void {
  if (viewer.role !== Role.GROUP_EXECUTIVE) throw errors.roleForbidden();
}
