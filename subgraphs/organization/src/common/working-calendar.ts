import type { BusinessCalendarSpec } from '@group/shared';

/**
 * The group's standard working time (domain.md §3.5; the same weekly pattern and window as
 * customer-service's default calendar): Asia/Shanghai, Monday–Friday 09:00–18:00. Login compliance
 * (CS-R21) and account-change deadlines (CS-R30) count with it through the shared working-time
 * helpers. Holidays and make-up working days are not known here yet: company calendars live in
 * customer-service and are not read across the graph (issue 18, remaining).
 */
export const GROUP_WORKING_TIME: BusinessCalendarSpec = {
  utcOffsetMinutes: 480,
  dayStartMinute: 540,
  dayEndMinute: 1080,
  workingWeekdays: new Set([1, 2, 3, 4, 5]),
  holidays: new Set(),
  makeUpWorkdays: new Set(),
};
