import { badInput, conflict, forbidden, notFound } from '@group/shared';

/** The stable error reasons of the customer-service organisation: branches, staff, company calendars (extensions.reason). */
export const serviceBranchErrors = {
  notFound: (id: string) => notFound('ServiceBranch', id),
  adminRoleForbidden: () => forbidden('ROLE_FORBIDDEN', 'Only group executives and system administrators administer the customer-service organisation'),
  codeTaken: (code: string) => conflict('SERVICE_BRANCH_CODE_TAKEN', `A service branch with code ${code} exists already`),
  staffNotFound: (employeeId: string) => notFound('ServiceStaff', employeeId),
  calendarWeekdaysInvalid: () => badInput('CALENDAR_WEEKDAYS_INVALID', 'Working weekdays are ISO weekdays 1 (Monday) to 7 (Sunday), at least one'),
  calendarHoursInvalid: () => badInput('CALENDAR_HOURS_INVALID', 'The working window must satisfy 0 <= start < end <= 1440 minutes'),
  calendarOffsetInvalid: () => badInput('CALENDAR_OFFSET_INVALID', 'UTC offset out of range'),
  calendarDateInvalid: (date: string) => badInput('CALENDAR_DATE_INVALID', `Not a date (YYYY-MM-DD): ${date}`),
};
