import { badInput, conflict, notFound } from '@group/shared';

/** The subsidiary oversight aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const subsidiaryOversightErrors = {
  amountInvalid: () => badInput('AMOUNT_INVALID', 'The amount is a whole number of 万元, not negative'),
  matterDecided: (status: string) => conflict('MATTER_DECIDED', `The matter is already ${status}`),
  notASubsidiary: (name: string) => badInput('NOT_A_SUBSIDIARY', `${name} has no parent company to oversee it`),
  outcomeInvalid: (handling: string, allowed: string[]) => badInput('OUTCOME_INVALID', `A ${handling} matter ends ${allowed.join(' or ')}`),
  strategicPlanNotApplicableToMatter: (matter: string) => badInput('STRATEGIC_PLAN_NOT_APPLICABLE', `${matter} is not an investment`),
  subsidiaryOversightItemNotFound: (id: string) => notFound('SubsidiaryOversightItem', id),
};
