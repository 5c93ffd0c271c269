import { badInput, forbidden } from '@group/shared';

/** The stable error reasons of customer tiers and churn (extensions.reason). */
export const tierErrors = {
  ruleForbidden: () => forbidden('TIER_RULE_FORBIDDEN', 'Only the group marketing department and group executives define tier rules'),
  ordinaryHasNoRule: () => badInput('ORDINARY_HAS_NO_RULE', 'ORDINARY is what customers matching no rule get'),
  runForbidden: () => forbidden('TIER_RUN_FORBIDDEN', 'Only the group marketing department, group executives and the scheduler run tier rules'),
  overrideForbidden: () => forbidden('TIER_OVERRIDE_FORBIDDEN', 'Only segment heads and the group marketing department override a customer’s tier'),
  churnWriteForbidden: () => forbidden('CHURN_WRITE_FORBIDDEN', 'Only segment heads and business staff record churn, within their own segment'),
  churnedAtInFuture: () => badInput('CHURNED_AT_IN_FUTURE', 'churnedAt cannot be in the future'),
};
