import { badInput, conflict, notFound } from '@group/shared';

/** The employees aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const employeeErrors = {
  reportsToSelf: () => badInput('REPORTING_LINE_CYCLE', 'An employee cannot report to themselves'),
  reportingLineLoops: () => badInput('REPORTING_LINE_CYCLE', 'The reporting line would loop back to the employee'),
  statusUnchanged: (name: string, status: string) => badInput('STATUS_UNCHANGED', `${name} is already ${status}`),
  transferOtherCompany: () => badInput('TRANSFER_OTHER_COMPANY', 'Transfers between companies are a departure and a new hire'),
  companyNotFound: (id: string) => notFound('Company', id),
  departmentNotFound: (id: string) => notFound('Department', id),
  positionNotFound: (id: string) => notFound('Position', id),
  managerNotFound: (id: string) => notFound('Employee', id),
  nameRequired: () => badInput('EMPLOYEE_NAME_REQUIRED', 'An employee needs a name'),
  emailInvalid: () => badInput('EMPLOYEE_EMAIL_INVALID', 'Not an e-mail address'),
  emailTaken: () => conflict('EMPLOYEE_EMAIL_TAKEN', 'An employee with this e-mail address already exists'),
  departmentOtherCompany: () => badInput('HIRE_DEPARTMENT_OTHER_COMPANY', 'The department belongs to another company'),
  positionOtherDepartment: () => badInput('HIRE_POSITION_OTHER_DEPARTMENT', 'The position belongs to another department than the one hired into'),
  managerDeparted: (name: string) => conflict('MANAGER_DEPARTED', `${name} has left the group and cannot be a direct superior`),
};
