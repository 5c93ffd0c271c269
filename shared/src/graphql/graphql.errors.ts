import { badInput } from '../errors';

/** The error reasons of the shared GraphQL toolkit (pagination.ts). */
export const graphqlErrors = {
  invalidCursor: () => badInput('INVALID_CURSOR', 'The `after` cursor is not valid for this list'),
};
