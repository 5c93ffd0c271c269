import { badInput, conflict, forbidden } from '@group/shared';

/** The stable error reasons of group customers (extensions.reason). */
export const groupCustomerErrors = {
  writeForbidden: () => forbidden('GROUP_CUSTOMER_WRITE_FORBIDDEN', 'Only segment heads and business staff maintain group customers, within their own segment'),
  exists: () => conflict('GROUP_CUSTOMER_EXISTS', 'This customer is already a group customer'),
  alreadyRetired: () => conflict('GROUP_CUSTOMER_RETIRED', 'This group customer is already retired'),
  retired: () => conflict('GROUP_CUSTOMER_RETIRED', 'This group customer is retired'),
  memberAlreadyLeft: () => conflict('GROUP_MEMBER_ALREADY_LEFT', 'This member has already left the group customer'),
  holdingPeriodInvalid: () => badInput('HOLDING_PERIOD_INVALID', 'until must not be before since'),
};
