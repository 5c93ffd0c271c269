import { badInput } from '@group/shared';

/** The employees aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const employeeErrors = {
  reportsToSelf: () => badInput('REPORTING_LINE_CYCLE', 'An employee cannot report to themselves'),
  reportingLineLoops: () => badInput('REPORTING_LINE_CYCLE', 'The reporting line would loop back to the employee'),
  statusUnchanged: (name: string, status: string) => badInput('STATUS_UNCHANGED', `${name} is already ${status}`),
  transferOtherCompany: () => badInput('TRANSFER_OTHER_COMPANY', 'Transfers between companies are a departure and a new hire'),
};
