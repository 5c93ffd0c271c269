import { DomainError } from '@group/shared';

/** The common aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const commonErrors = {
  calendarUnavailable: (message: string) =>
    new DomainError('UNAVAILABLE', 'CALENDAR_UNAVAILABLE', `The company working calendar could not be read from customer-service (${message})`, { retryable: true }),
};
