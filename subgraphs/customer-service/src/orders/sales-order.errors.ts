import { badInput, conflict, notFound } from '@group/shared';

/** The stable error reasons of sales orders (extensions.reason). */
export const salesOrderErrors = {
  notFound: (id: string) => notFound('SalesOrder', id),
  amountInvalid: () => badInput('SALES_ORDER_AMOUNT_INVALID', 'The amount must be between 0 and 99,999,999,999,999.99 yuan'),
  contractBlank: () => badInput('SALES_ORDER_CONTRACT_BLANK', 'The contract number must not be blank'),
  signedInFuture: () => badInput('SALES_ORDER_SIGNED_IN_FUTURE', 'The contract cannot be signed in the future'),
  opportunityMismatch: () => badInput('SALES_ORDER_OPPORTUNITY_MISMATCH', 'The opportunity belongs to another customer'),
  statusInvalid: () => badInput('SALES_ORDER_STATUS_INVALID', 'An order can only be CANCELLED'),
  contractExists: (n: string) => conflict('SALES_ORDER_CONTRACT_EXISTS', `An order for contract ${n} already exists in this segment`),
};
