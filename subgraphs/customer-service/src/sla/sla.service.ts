import { EntityManager, IsNull } from 'typeorm';
import { ComplaintSeverity } from '../complaints/complaint.entity';
import { SlaPolicy } from './sla-policy.entity';
import { BusinessCalendar, BusinessCalendarDay, CalendarDayKind, DEFAULT_CALENDAR_ID } from './business-calendar.entity';
import { addBusinessMinutes, BusinessCalendarSpec, businessMinutesBetween, withGroupDays } from '@group/shared';
import { slaErrors as errors } from './sla.errors';

/** Due times of a complaint, from its receipt and the business minutes it spent paused. */
export interface SlaDueTimes {
  firstResponseDueAt: Date;
  /** When the first response counts as at risk (warn percent of its target). */
  firstResponseWarnAt: Date;
  resolutionDueAt: Date | null;
  resolutionWarnAt: Date | null;
}

/** Reads SLA policies and calendars (inside the caller's transaction) and computes due times. */
export class SlaService {
  async policy(m: EntityManager, severity: ComplaintSeverity): Promise<SlaPolicy> {
    const p = await m.findOneBy(SlaPolicy, { severity });
    if (!p) throw errors.policyNotFound(severity);
    return p;
  }

  policies(m: EntityManager): Promise<SlaPolicy[]> {
    return m.getRepository(SlaPolicy).createQueryBuilder('p').orderBy('p.firstResponseMinutes', 'DESC').getMany();
  }

  /** The company's own calendar with the group default's days applied (withGroupDays), else the group default. */
  async calendar(m: EntityManager, companyId: string | null): Promise<BusinessCalendarSpec> {
    const spec = async (c: BusinessCalendar) => toSpec(c, await m.findBy(BusinessCalendarDay, { calendarId: c.id }));
    const group = (await m.findOneBy(BusinessCalendar, { id: DEFAULT_CALENDAR_ID })) ?? (await m.findOneBy(BusinessCalendar, { companyId: IsNull() }));
    if (!group) throw errors.calendarNotFound(DEFAULT_CALENDAR_ID);
    const own = companyId ? await m.findOneBy(BusinessCalendar, { companyId }) : null;
    return own ? withGroupDays(await spec(own), await spec(group)) : spec(group);
  }

  dueTimes(cal: BusinessCalendarSpec, policy: SlaPolicy, receivedAt: Date, pausedMinutes: number): SlaDueTimes {
    const res = policy.resolutionMinutes;
    return {
      firstResponseDueAt: addBusinessMinutes(cal, receivedAt, policy.firstResponseMinutes),
      firstResponseWarnAt: addBusinessMinutes(cal, receivedAt, Math.floor((policy.firstResponseMinutes * policy.warnPercent) / 100)),
      resolutionDueAt: res == null ? null : addBusinessMinutes(cal, receivedAt, res + pausedMinutes),
      resolutionWarnAt: res == null ? null : addBusinessMinutes(cal, receivedAt, Math.floor((res * policy.warnPercent) / 100) + pausedMinutes),
    };
  }

  pausedMinutes(cal: BusinessCalendarSpec, pausedAt: Date, resumedAt: Date): number {
    return businessMinutesBetween(cal, pausedAt, resumedAt);
  }
}

export function toSpec(cal: BusinessCalendar, days: BusinessCalendarDay[]): BusinessCalendarSpec {
  return {
    utcOffsetMinutes: cal.utcOffsetMinutes,
    dayStartMinute: cal.dayStartMinute,
    dayEndMinute: cal.dayEndMinute,
    workingWeekdays: new Set(cal.workingWeekdays.split(',').map((s) => Number(s.trim()))),
    holidays: new Set(days.filter((d) => d.kind === CalendarDayKind.HOLIDAY).map((d) => d.date)),
    makeUpWorkdays: new Set(days.filter((d) => d.kind === CalendarDayKind.MAKE_UP_WORKDAY).map((d) => d.date)),
  };
}
