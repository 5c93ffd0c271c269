import { badInput, conflict, forbidden } from '@group/shared';

/** The compliance aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const complianceErrors = {
  accountWithoutEmployee: () => conflict('ACCOUNT_WITHOUT_EMPLOYEE', 'The account has no employee, hence no company whose rules apply'),
  amountNotPositive: () => badInput('AMOUNT_NOT_POSITIVE', 'The amount must be positive'),
  asOfInFuture: () => badInput('AS_OF_IN_FUTURE', 'asOf cannot be in the future'),
  complianceReportForbidden: () => forbidden('COMPLIANCE_REPORT_FORBIDDEN', 'You may not read login-compliance reports'),
  emptyReportPeriod: () => badInput('EMPTY_PERIOD', 'The period must end after it starts'),
  emptyTrip: () => badInput('EMPTY_PERIOD', 'A trip must end after it starts'),
  noCrmRulesInForce: (occurredAt: Date) =>
    conflict('NO_CRM_RULES_IN_FORCE', `No published CRM rules (the company's own or the group's) were in force on ${occurredAt.toISOString()}`),
  nothingToCirculate: () => conflict('NOTHING_TO_CIRCULATE', 'No account has been inactive for two weeks'),
  notOnCircular: () => badInput('NOT_ON_CIRCULAR', 'The account is not listed on that circular'),
  occurredInFuture: () => badInput('OCCURRED_IN_FUTURE', 'The offence cannot lie in the future'),
  periodTooLong: (maxDays: number) => badInput('PERIOD_TOO_LONG', `A report covers at most ${maxDays} days`),
  travelRecordForbidden: () => forbidden('TRAVEL_RECORD_FORBIDDEN', "Only the OA integration (SYSTEM_ADMIN) or the employee's segment admin records business trips"),
};
