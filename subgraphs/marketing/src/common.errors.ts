import { badInput, conflict, DomainError, forbidden } from '@group/shared';

/**
 * The marketing subgraph's reasons that several aggregates raise, or that its top-level code
 * (context.ts, versioned.ts) raises; one factory per message (docs/errors.md lists where each is raised).
 */
export const commonErrors = {
  parentCheckUnavailable: (typename: string) => new DomainError('UNAVAILABLE', 'PARENT_CHECK_UNAVAILABLE', `No customer-service to check the ${typename} with`),
  fieldRequired: (f: PropertyKey) => badInput('FIELD_REQUIRED', `${String(f)} cannot be cleared`, { field: String(f) }),
  audienceSegmentForbidden: () => forbidden('SEGMENT_FORBIDDEN', 'You may only create audiences of your own segment'),
  segmentForbidden: () => forbidden('SEGMENT_FORBIDDEN', 'You may only write data of your own segment'),
  campaignPeriodInvalid: () => badInput('PERIOD_INVALID', 'endsAt must be after startsAt'),
  quarterInvalid: () => badInput('PERIOD_INVALID', 'A period is a quarter, YYYY-Qn (e.g. 2026-Q1)'),
  reportPeriodInvalid: () => badInput('PERIOD_INVALID', '`to` must be after `from`'),
  tagNotValid: (code: string) => badInput('TAG_NOT_VALID', `Tag ${code} is outside its validity period`, { tagCode: code }),
  /** The customer changed segment (or the tag its category) between the pre-read and the lock: the client retries. */
  assignmentChangedMeanwhile: () => conflict('CONCURRENT_CHANGE', 'The customer or tag changed while the tag was being written; retry'),
  ruleRunTagChanged: () => conflict('CONCURRENT_CHANGE', 'The tag changed while the run started; retry'),
};
