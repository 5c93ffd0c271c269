import { badInput, conflict, DomainError, forbidden } from '@group/shared';

/**
 * The common aggregate's error reasons, and the reasons several aggregates raise (each message its
 * own factory; docs/errors.md lists them with the operations that raise them).
 */
export const commonErrors = {
  boardMissingForChange: (matter: string) =>
    conflict('BOARD_APPROVAL_REQUIRED', `This change needs a resolution on ${matter} passed by the company's board of directors`, { matter }),
  boardMissingForDuties: () => conflict('BOARD_APPROVAL_REQUIRED', "The company has no board of directors to determine a department's duties"),
  boardMissingForHeadcount: () => conflict('BOARD_APPROVAL_REQUIRED', 'The company has no board of directors to decide its headcount'),
  boardMissingToAppoint: () => conflict('DECIDING_BODY_MISSING', 'The company has no board to appoint senior management'),
  boardMissingToApproveHeadcount: () => conflict('DECIDING_BODY_MISSING', 'The company has no board to approve a headcount change'),
  calendarUnavailable: (message: string) =>
    new DomainError('UNAVAILABLE', 'CALENDAR_UNAVAILABLE', `The company working calendar could not be read from customer-service (${message})`, { retryable: true }),
  decidingBodyMissing: (holder: string, type: string) => conflict('DECIDING_BODY_MISSING', `${holder} has no ${type} to take this decision`),
  departureFinal: (name: string) => conflict('EMPLOYEE_DEPARTED', `${name} has left; a departure is final`),
  employeeDeparted: (name: string) => conflict('EMPLOYEE_DEPARTED', `${name} has left the group`),
  findingDescriptionRequired: () => badInput('DESCRIPTION_REQUIRED', 'Describe the finding'),
  matterDescriptionRequired: () => badInput('DESCRIPTION_REQUIRED', 'Describe the matter'),
  notMarketingOperator: (what: string) => forbidden('NOT_MARKETING_OPERATOR', `Only the group marketing department (or a system administrator on its behalf) may ${what}`),
  notMarketingOperatorForCircular: () => forbidden('NOT_MARKETING_OPERATOR', 'Only the group marketing department issues inactivity circulars'),
  notMarketingOperatorForPenalty: () => forbidden('NOT_MARKETING_OPERATOR', 'Only the group marketing department records economic penalties'),
  periodInvalid: () => badInput('PERIOD_INVALID', 'A period is a year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-07)'),
  planPeriodInvalid: () => badInput('PERIOD_INVALID', 'A plan period is a year (2026) or a span of years (2026-2028)'),
};
