import { badInput, conflict, notFound } from '@group/shared';

/** The plan aggregate's error reasons (plans, their targets, and the strategic framework investments sit within; docs/errors.md lists them with the operations that raise them). */
export const planErrors = {
  outsideStrategicPeriod: (years: string | number, title: string, period: string) =>
    conflict('OUTSIDE_STRATEGIC_PERIOD', `${years} is not within ${title} (${period})`, { period }),
  planNotApproved: (status: string) => conflict('PLAN_NOT_APPROVED', `Results are reported on an approved plan (it is ${status})`),
  planNotDraft: (status: string) => conflict('PLAN_NOT_DRAFT', `The plan is ${status}`),
  planNotFound: (id: string) => notFound('Plan', id),
  resultInvalid: () => badInput('RESULT_INVALID', 'Results are numbers'),
  strategicPlanExpired: (title: string, period: string, id: string) =>
    conflict('STRATEGIC_PLAN_EXPIRED', `${title} (${period}) is no longer in force`, { strategicPlanId: id, period }),
  strategicPlanInvalid: (types: string[]) =>
    badInput('STRATEGIC_PLAN_INVALID', 'Name a strategy, 3-year or 5-year plan of the company or of a company above it', { strategicPlanTypes: types }),
  strategicPlanNotAdopted: (title: string, id: string) => conflict('STRATEGIC_PLAN_NOT_ADOPTED', `${title} has not been adopted`, { strategicPlanId: id }),
  strategicPlanNotApplicableToPlan: (type: string) => badInput('STRATEGIC_PLAN_NOT_APPLICABLE', `A ${type} is not an investment or project plan`),
  strategicPlanRequired: () => badInput('STRATEGIC_PLAN_REQUIRED', 'An investment or project must sit within an adopted strategic plan (ORG-R27): name it (strategicPlanId)'),
  targetInvalid: () => badInput('TARGET_INVALID', 'Every target needs a name and a number'),
  targetNotOfPlan: (strangers: string[]) => badInput('TARGET_NOT_OF_PLAN', 'Results must be for targets of this plan', { targetIds: strangers }),
  titleRequired: () => badInput('TITLE_REQUIRED', 'A plan needs a title'),
};
