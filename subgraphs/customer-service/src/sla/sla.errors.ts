import { badInput, forbidden, notFound } from '@group/shared';

/** The stable error reasons of SLA policies and business calendars (extensions.reason). */
export const slaErrors = {
  roleForbidden: () => forbidden('ROLE_FORBIDDEN', 'Only group executives configure SLAs and calendars'),
  policyNotFound: (severity: string) => notFound('SlaPolicy', severity),
  calendarNotFound: (id: string) => notFound('BusinessCalendar', id),
  dateInvalid: (date: string) => badInput('CALENDAR_DATE_INVALID', `Not a date: ${date}`),
  companyCalendarMissing: () => badInput('COMPANY_CALENDAR_MISSING', 'This company has no calendar of its own; set one with setCompanyCalendar first'),
};
