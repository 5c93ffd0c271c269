import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * A working-time calendar (domain.md §3.5): working weekdays and one working
 * window in a fixed UTC offset. `companyId` null is the group default; a
 * company may have its own (setCompanyCalendar, setCalendarDay with companyId).
 */
@Entity('business_calendar')
export class BusinessCalendar {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('uq_business_calendar_company', { unique: true })
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true })
  companyId: string | null;

  @Column({ name: 'utc_offset_minutes', type: 'integer' })
  utcOffsetMinutes: number;

  @Column({ name: 'day_start_minute', type: 'integer' })
  dayStartMinute: number;

  @Column({ name: 'day_end_minute', type: 'integer' })
  dayEndMinute: number;

  /** ISO weekdays, comma-separated ("1,2,3,4,5"). */
  @Column({ name: 'working_weekdays', type: 'varchar', length: 20 })
  workingWeekdays: string;

  /** Optimistic-lock version (setCompanyCalendar's expectedVersion). */
  @VersionColumn()
  version: number;
}

export enum CalendarDayKind {
  HOLIDAY = 'HOLIDAY',
  /** 调休: a weekend day that is worked. */
  MAKE_UP_WORKDAY = 'MAKE_UP_WORKDAY',
}

/** An exception to a calendar's weekly pattern on one local date. */
@Entity('business_calendar_day')
export class BusinessCalendarDay {
  @PrimaryColumn({ name: 'calendar_id', type: 'varchar', length: 36 })
  calendarId: string;

  /** Local date, YYYY-MM-DD. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CalendarDayKind;

  @Column({ type: 'varchar', length: 100 })
  name: string;
}

export const DEFAULT_CALENDAR_ID = 'default';

/**
 * One counter for all working calendars: every change of a calendar or a calendar day raises it,
 * in the change's transaction (`bumpCalendarRevision`). Readers elsewhere (organization counts
 * working days with these calendars) cache what they read until `workingCalendarRevision` moves.
 */
@Entity('calendar_revision')
export class CalendarRevision {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'integer' })
  revision: number;
}

export const CALENDAR_REVISION = 'calendars';
