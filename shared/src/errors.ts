import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/**
 * Error kinds map onto the `extensions.code` clients switch on. The specific,
 * stable reason (e.g. COMPLAINT_ALREADY_CLOSED) travels in `extensions.reason`.
 */
export type ErrorKind =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'LIMIT_EXCEEDED';

/** Thrown by services: knows nothing of GraphQL, carries a kind and a stable code. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: string, id: string) =>
  new DomainError('NOT_FOUND', `${entity.toUpperCase()}_NOT_FOUND`, `${entity} ${id} was not found`, { id });

export const forbidden = (code: string, message: string) => new DomainError('FORBIDDEN', code, message);

export const badInput = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('BAD_USER_INPUT', code, message, details);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('CONFLICT', code, message, details);

export const unauthenticated = (message = 'A valid bearer token is required', reason = 'UNAUTHENTICATED') =>
  new DomainError('UNAUTHENTICATED', reason, message);

/** Driver error codes that mean "the database went away": retryable by the client. */
const RETRYABLE_DB_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'PROTOCOL_CONNECTION_LOST',
  'ETIMEDOUT',
  'SQLITE_BUSY',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
]);

/** Whether an error is a database outage the client may retry (connection lost, restart, lock timeout). */
export function isRetryableDbError(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code;
  return !!code && RETRYABLE_DB_CODES.has(code);
}

/** An error we did not anticipate: logged with the request id, and masked for the client. */
export function isUnexpectedError(formattedCode: unknown, original: unknown): boolean {
  if (original instanceof DomainError) return false;
  if (formattedCode && formattedCode !== 'INTERNAL_SERVER_ERROR') return false;
  return !isRetryableDbError(original);
}

/**
 * The single error formatter used by every server. Domain errors and GraphQL
 * validation errors pass through with their code; a lost database becomes a
 * retryable UNAVAILABLE; anything else is masked as INTERNAL_SERVER_ERROR
 * (and logged with the request id by `errorLoggingPlugin`).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.kind, reason: original.code, ...(original.details ?? {}) },
    };
  }
  if (!isUnexpectedError(formatted.extensions?.code, original)) {
    if (isRetryableDbError(original)) {
      return {
        message: 'The database is temporarily unavailable; retry the request',
        path: formatted.path,
        extensions: { code: 'UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE', retryable: true },
      };
    }
    // Apollo / graphql-js errors (parse, validation, bad variables) are safe to show.
    return formatted;
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Whether a write failed on a unique/primary key (MariaDB/MySQL ER_DUP_ENTRY, SQLite SQLITE_CONSTRAINT_*), through TypeORM or not. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = err?.driverError?.code ?? err?.code ?? '';
  return (
    code === 'ER_DUP_ENTRY' ||
    (err?.driverError?.errno ?? err?.errno) === 1062 ||
    code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') ||
    code.startsWith('SQLITE_CONSTRAINT_UNIQUE')
  );
}
