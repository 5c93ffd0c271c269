import { badInput, conflict, notFound } from '@group/shared';

/** The stable error reasons of revisit plans (extensions.reason). */
export const revisitErrors = {
  cadenceInvalid: () => badInput('REVISIT_CADENCE_INVALID', 'The cadence is 1 to 366 days'),
  planExists: () => conflict('REVISIT_PLAN_EXISTS', 'This customer already has a revisit plan'),
  satisfactionInvalid: () => badInput('REVISIT_SATISFACTION_INVALID', 'Satisfaction is 1 to 5'),
  feedbackBlank: () => badInput('REVISIT_FEEDBACK_BLANK', 'Record what the customer said'),
  planNotFound: (id: string) => notFound('RevisitPlan', id),
};
