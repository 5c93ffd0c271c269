import { badInput, DomainError, forbidden, notFound } from '@group/shared';

/** The stable error reasons of tag assignment (extensions.reason). */
export const tagAssignmentErrors = {
  writeForbidden: () => forbidden('TAG_ASSIGNMENT_FORBIDDEN', 'Only segment heads and business staff may assign or remove tags, within their own segment'),
  tagNotFound: (id: string) => notFound('Tag', id),
  assignmentNotFound: (id: string) => new DomainError('NOT_FOUND', 'TAG_ASSIGNMENT_NOT_FOUND', `Tag assignment ${id} was not found`, { id }),
  ruleTagNotManual: (code: string) => badInput('RULE_TAG_NOT_MANUAL', `Tag ${code} is computed by a rule and cannot be assigned or removed by hand`, { tagCode: code }),
  sweepForbidden: () => forbidden('TAG_SWEEP_FORBIDDEN', 'Only the scheduler, group executives and the group marketing department archive expired assignments'),
  expiresAtNotInFuture: () => badInput('EXPIRES_AT_NOT_IN_FUTURE', 'expiresAt must be in the future'),
  alreadyAssigned: (assignmentId: string | null) =>
    new DomainError('CONFLICT', 'TAG_ALREADY_ASSIGNED', 'This tag is already assigned to the customer', assignmentId ? { assignmentId } : undefined),
};
