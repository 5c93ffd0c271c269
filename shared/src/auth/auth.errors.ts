import type { GraphQLResolveInfo } from 'graphql';
import { forbidden, unauthenticated } from '../errors';

/**
 * The error reasons of authentication and field protection (tokens.ts, sensitive.ts). A token
 * problem with its standard message is `unauthenticated(reason)` itself (errors.ts, TOKEN_MESSAGES).
 */
export const authErrors = {
  malformedToken: () => unauthenticated('INVALID_TOKEN', 'Malformed bearer token'),
  unknownKey: () => unauthenticated('INVALID_TOKEN', 'Token signed with an unknown or retired key'),
  invalidOidcToken: () => unauthenticated('INVALID_TOKEN', 'Invalid identity-provider token'),
  oidcRoleClaimInvalid: (roleClaim: string) => unauthenticated('INVALID_TOKEN', `The identity-provider token carries no valid "${roleClaim}" claim`),
  sensitiveField: (info: GraphQLResolveInfo, kind: string) =>
    forbidden('SENSITIVE_FIELD', `${info.parentType.name}.${info.fieldName} is ${kind.toLowerCase().replace(/_/g, ' ')} data your role may not read`),
};
