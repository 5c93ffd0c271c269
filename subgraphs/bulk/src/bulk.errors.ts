import { badInput, DomainError, notFound } from '@group/shared';

/** The stable error reasons of bulk operations (extensions.reason). */
export const bulkErrors = {
  notFound: (id: string) => notFound('BulkOperation', id),
  operationLimit: (max: number) =>
    new DomainError('LIMIT_EXCEEDED', 'BULK_OPERATION_LIMIT', `At most ${max} bulk operations of an account run at once; wait for one to finish or cancel it`, {
      limit: max,
    }),
  notRunning: (id: string, status: string) =>
    new DomainError('CONFLICT', 'BULK_OPERATION_NOT_RUNNING', `Bulk operation ${id} is ${status}; only CREATED or RUNNING operations are canceled`, { status }),
  /** BAD_USER_INPUT, reason BULK_QUERY_INVALID, and `problem`: what is wrong with the query. */
  queryInvalid: (problem: string, message: string) => badInput('BULK_QUERY_INVALID', message, { problem }),
};
