import { badInput, conflict } from '@group/shared';

/** The departments aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const departmentErrors = {
  departmentCodeTaken: (companyCode: string, code: string) => conflict('DEPARTMENT_CODE_TAKEN', `${companyCode} already has a department ${code}`),
  departmentCycle: () => conflict('DEPARTMENT_CYCLE', 'A department cannot be moved under itself or one of its sub-departments'),
  departmentNameRequired: () => badInput('DEPARTMENT_NAME_REQUIRED', 'A department needs a code and a name'),
  parentOtherCompany: () => badInput('PARENT_OTHER_COMPANY', 'The parent department belongs to another company'),
};
