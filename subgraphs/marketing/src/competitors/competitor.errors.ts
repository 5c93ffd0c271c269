import { badInput, conflict, forbidden } from '@group/shared';

/** The stable error reasons of competitor intelligence (extensions.reason). */
export const competitorErrors = {
  intelligenceForbidden: () =>
    forbidden('COMPETITOR_INTELLIGENCE_FORBIDDEN', 'Competitor intelligence is restricted to group executives, segment heads and the group marketing department'),
  exists: (input: { legalName?: string | null }) => conflict('COMPETITOR_EXISTS', `A competitor named ${input.legalName} exists`),
  archived: () => badInput('COMPETITOR_ARCHIVED', 'This competitor is archived'),
  marketShareInvalid: () => badInput('MARKET_SHARE_INVALID', 'marketShare is a fraction between 0 and 1'),
  opportunitySegmentMismatch: () => badInput('OPPORTUNITY_SEGMENT_MISMATCH', 'The opportunity is in another segment than the one given'),
  opportunityCompetitorExists: () => conflict('OPPORTUNITY_COMPETITOR_EXISTS', 'This competitor is already recorded against the opportunity'),
  priceInvalid: () => badInput('PRICE_INVALID', 'price must be >= 0'),
  idempotencyKeyTooLong: () => badInput('IDEMPOTENCY_KEY_TOO_LONG', 'idempotencyKey has at most 64 characters'),
};
