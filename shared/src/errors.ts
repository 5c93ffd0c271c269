import { GraphQLError, GraphQLFormattedError } from 'graphql';

/**
 * Error kinds map onto the `extensions.code` clients switch on. The specific,
 * stable reason (e.g. COMPLAINT_ALREADY_CLOSED) travels in `extensions.reason`.
 */
export type ErrorKind = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE' | 'LIMIT_EXCEEDED';

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

export const notFound = (entity: string, id: string) => new DomainError('NOT_FOUND', `${entity.toUpperCase()}_NOT_FOUND`, `${entity} ${id} was not found`, { id });

export const forbidden = (code: string, message: string) => new DomainError('FORBIDDEN', code, message);

export const badInput = (code: string, message: string, details?: Record<string, unknown>) => new DomainError('BAD_USER_INPUT', code, message, details);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new DomainError('CONFLICT', code, message, details);

/** Why a request has no usable token: `extensions.reason` of UNAUTHENTICATED. */
export type TokenProblem = 'MISSING_TOKEN' | 'INVALID_TOKEN' | 'EXPIRED_TOKEN' | 'REVOKED_TOKEN' | 'REVOCATION_UNAVAILABLE';

export const TOKEN_MESSAGES: Record<TokenProblem, string> = {
  MISSING_TOKEN: 'A valid bearer token is required',
  INVALID_TOKEN: 'Invalid bearer token',
  EXPIRED_TOKEN: 'The bearer token has expired; sign in again',
  REVOKED_TOKEN: 'This account was frozen or cancelled, or its tokens were revoked; sign in again',
  REVOCATION_UNAVAILABLE: 'Token revocations cannot be checked right now (the revocation list is out of date); retry later',
};

export const unauthenticated = (reason: TokenProblem = 'MISSING_TOKEN', message = TOKEN_MESSAGES[reason]) => new DomainError('UNAUTHENTICATED', reason, message);

/**
 * The one answer to a request without a usable token, at the gateway's edge and in every subgraph:
 * HTTP 401, code UNAUTHENTICATED and a reason (a DomainError of another kind counts as INVALID_TOKEN).
 */
export function unauthenticatedError(e: unknown): GraphQLError {
  const refusal = e instanceof DomainError && e.kind === 'UNAUTHENTICATED' ? e : unauthenticated('INVALID_TOKEN');
  return new GraphQLError(refusal.message, { extensions: { code: 'UNAUTHENTICATED', reason: refusal.code, http: { status: 401 } } });
}

/** Driver error codes that mean "the database went away": retryable by the client. */
const RETRYABLE_DB_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'SQLITE_BUSY', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** Whether an error is a database outage the client may retry (connection lost, restart, lock timeout). */
export function isRetryableDbError(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code;
  return !!code && RETRYABLE_DB_CODES.has(code);
}

/**
 * Errors that libraries (Apollo Server's request pipeline) raise without a code for a bad request:
 * they carry an HTTP 4xx status. Known ones get a specific code; the rest BAD_REQUEST.
 */
const CLIENT_ERROR_CODES: [message: string, code: string][] = [
  ['provided sha does not match query', 'PERSISTED_QUERY_HASH_MISMATCH'],
  ['Unsupported persisted query version', 'PERSISTED_QUERY_VERSION_UNSUPPORTED'],
];

/** The code of a library's client error that came without one (see CLIENT_ERROR_CODES), or undefined. */
export function clientErrorCode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.extensions?.code) return undefined;
  const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return CLIENT_ERROR_CODES.find(([message]) => message === error.message)?.[1] ?? 'BAD_REQUEST';
}

/** What was thrown, under the GraphQLError that Apollo or graphql-js wrapped it in (in a resolver or a plugin). */
const originalOf = (error: unknown): unknown => (error instanceof GraphQLError && error.originalError ? error.originalError : error);

/**
 * An error we did not anticipate: logged with the request id, and masked for the client.
 * `error` is what Apollo hands the formatter and the plugins (a GraphQLError, maybe wrapping the original).
 */
export function isUnexpectedError(formattedCode: unknown, error: unknown): boolean {
  const original = originalOf(error);
  if (original instanceof DomainError) return false;
  if (formattedCode && formattedCode !== 'INTERNAL_SERVER_ERROR') return false;
  if (clientErrorCode(error)) return false;
  return !isRetryableDbError(original);
}

/**
 * The single error formatter used by every server. Domain errors and GraphQL
 * validation errors pass through with their code; a lost database becomes a
 * retryable UNAVAILABLE; anything else is masked as INTERNAL_SERVER_ERROR
 * (and logged with the request id by `errorLoggingPlugin`).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalOf(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.kind, reason: original.code, ...(original.details ?? {}) },
    };
  }
  const clientCode = clientErrorCode(error);
  if (clientCode) return { message: formatted.message, extensions: { code: clientCode } };
  if (!isUnexpectedError(formatted.extensions?.code, error)) {
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
    code === 'ER_DUP_ENTRY' || (err?.driverError?.errno ?? err?.errno) === 1062 || code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') || code.startsWith('SQLITE_CONSTRAINT_UNIQUE')
  );
}
