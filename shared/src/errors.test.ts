import { GraphQLError } from 'graphql';
import { DomainError, formatError, isUnexpectedError, unauthenticatedError } from './errors';
import { signToken } from './auth/tokens';
import { viewerFromHeader } from './auth/context';
import { RevocationList } from './auth/revocations';
import { Role } from './auth/roles';

describe('formatError (the one error formatter)', () => {
  const formatted = { message: 'boom', path: ['x'] };

  it('maps a domain error to its kind and stable reason', () => {
    const e = new DomainError('CONFLICT', 'TAG_ALREADY_ASSIGNED', 'already', { tagId: 't1' });
    expect(formatError(formatted, e)).toEqual({
      message: 'already',
      path: ['x'],
      locations: undefined,
      extensions: { code: 'CONFLICT', reason: 'TAG_ALREADY_ASSIGNED', tagId: 't1' },
    });
  });

  it('masks unexpected errors and keeps GraphQL validation errors', () => {
    const internal = formatError({ ...formatted, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error('SELECT * FROM secret'));
    expect(internal).toEqual({ message: 'Internal server error', path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    const validation = { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(formatError(validation, new GraphQLError('Cannot query field'))).toBe(validation);
  });

  it('turns a lost database connection into a retryable UNAVAILABLE', () => {
    const lost = Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
    expect(formatError({ ...formatted, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, lost).extensions).toEqual({
      code: 'UNAVAILABLE',
      reason: 'DATABASE_UNAVAILABLE',
      retryable: true,
    });
    expect(isUnexpectedError('INTERNAL_SERVER_ERROR', lost)).toBe(false);
    expect(isUnexpectedError('INTERNAL_SERVER_ERROR', new Error('x'))).toBe(true);
  });
});

describe('client errors libraries raise without a code (issue 17 item 6)', () => {
  const http400 = { http: { status: 400 } };

  it('are classified by their 4xx status, not masked and not unexpected', () => {
    const mismatch = new GraphQLError('provided sha does not match query', { extensions: http400 });
    const formattedMismatch = { message: mismatch.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(formatError(formattedMismatch, mismatch)).toEqual({ message: mismatch.message, extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } });
    expect(isUnexpectedError('INTERNAL_SERVER_ERROR', mismatch)).toBe(false);
    const version = new GraphQLError('Unsupported persisted query version', { extensions: http400 });
    expect(formatError({ message: version.message }, version).extensions).toEqual({ code: 'PERSISTED_QUERY_VERSION_UNSUPPORTED' });
    const other = new GraphQLError('Some other bad request', { extensions: { http: { status: 422 } } });
    expect(formatError({ message: other.message }, other).extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  it('a 5xx or no status stays an internal error', () => {
    for (const e of [new GraphQLError('boom'), new GraphQLError('boom', { extensions: { http: { status: 503 } } })]) {
      expect(formatError({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, e).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(isUnexpectedError('INTERNAL_SERVER_ERROR', e)).toBe(true);
    }
  });
});

describe('a refused token (issue 17 item 7)', () => {
  it('is HTTP 401, UNAUTHENTICATED with a reason; a revoked one says REVOKED_TOKEN', async () => {
    const auth = { keys: [{ kid: 'k1', secret: 'k1-secret-'.padEnd(40, 'x') }], tokenTtlSeconds: 60 };
    const { token } = await signToken(auth, { accountId: 'a1', employeeId: null, role: Role.BUSINESS_STAFF, segmentIds: [] });
    const revoked = new RevocationList(async () => [{ accountId: 'a1', notBefore: null }]);
    await revoked.refresh();
    const refusal = await viewerFromHeader(auth, `Bearer ${token}`, revoked).catch((e: GraphQLError) => e);
    expect(refusal).toBeInstanceOf(GraphQLError);
    expect((refusal as GraphQLError).extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'REVOKED_TOKEN', http: { status: 401 } });
    expect(await viewerFromHeader(auth, undefined, revoked)).toBeNull();
    expect(unauthenticatedError(new Error('anything')).extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN', http: { status: 401 } });
  });
});
