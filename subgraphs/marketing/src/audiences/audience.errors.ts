import { badInput, forbidden } from '@group/shared';

/** The stable error reasons of audiences and campaigns (extensions.reason). */
export const audienceErrors = {
  writeForbidden: () =>
    forbidden('AUDIENCE_WRITE_FORBIDDEN', 'Only segment heads and business staff (within their own segment) and the group marketing department create audiences and campaigns'),
  expressionInvalid: (path: string, why: string) => badInput('AUDIENCE_EXPRESSION_INVALID', `Audience expression at ${path}: ${why}`, { path }),
};
