import { GraphQLError } from 'graphql';
import { DomainError, formatError, isUnexpectedError } from './errors';

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
