import { conflict, DomainError } from '../errors';

/**
 * The error reasons of the shared data-access toolkit (mutations.ts, idempotency.ts, segment-scope.ts),
 * which every subgraph's writes and reads share (docs/errors.md lists them under shared).
 */
export const databaseErrors = {
  /** CONFLICT STALE_VERSION: `subject` (e.g. "Lead 42") is no longer at the version the client sent. */
  staleVersion: (
    subject: string,
    currentVersion: number | null | undefined,
    sentVersion: number | null,
    extra: { fieldsThatDiffer?: string[]; message?: string } = {},
  ): DomainError => {
    const now = currentVersion === null || currentVersion === undefined ? '' : ` (now version ${currentVersion}, you sent ${sentVersion ?? 'none'})`;
    return conflict('STALE_VERSION', extra.message ?? `${subject} was changed by someone else${now}; re-read it and retry`, {
      ...(currentVersion === undefined ? {} : { currentVersion }),
      sentVersion,
      ...(extra.fieldsThatDiffer ? { fieldsThatDiffer: extra.fieldsThatDiffer } : {}),
    });
  },
  idempotencyKeyReused: () =>
    conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used with a different request (or for a record you can no longer see); use a new key'),
  parentCheckUnavailable: (typename: string, id: string) =>
    new DomainError('UNAVAILABLE', 'PARENT_CHECK_UNAVAILABLE', `Could not check ${typename} ${id} with the subgraph that owns it; retry the request`, { retryable: true }),
};
