import { badInput, conflict, forbidden, notFound } from '@group/shared';

/** The stable error reasons of opportunities and their stage lists (extensions.reason). */
export const opportunityErrors = {
  notFound: (id: string) => notFound('Opportunity', id),
  nameBlank: () => badInput('OPPORTUNITY_NAME_BLANK', 'The opportunity name must not be blank'),
  amountInvalid: () => badInput('OPPORTUNITY_AMOUNT_INVALID', 'The amount must be between 0 and 99,999,999,999,999.99 yuan'),
  ownerAssignmentForbidden: () => forbidden('OWNER_ASSIGNMENT_FORBIDDEN', 'Only a segment head can give a record to another owner'),
  stageUnknown: (stage: string | null, stages: string[]) => badInput('OPPORTUNITY_STAGE_UNKNOWN', `Unknown stage ${stage}`, { stages }),
  cannotStartWon: () => badInput('OPPORTUNITY_STAGE_WON_NEEDS_CLOSE', 'A new opportunity cannot start won: create it, enter the sales order, then close it as WON'),
  wonNeedsClose: () => badInput('OPPORTUNITY_STAGE_WON_NEEDS_CLOSE', 'Close the opportunity as WON (with its sales order) to reach the signed stage'),
  closed: (code: string, status: string) => conflict('OPPORTUNITY_CLOSED', `Opportunity ${code} is ${status}`),
  alreadyClosed: (code: string, status: string) => conflict('OPPORTUNITY_CLOSED', `Opportunity ${code} is already ${status}`),
  alreadyInStage: (code: string, stage: string) => conflict('OPPORTUNITY_ALREADY_IN_STAGE', `Opportunity ${code} is already in ${stage}`),
  stepBackForbidden: () => forbidden('STAGE_STEP_BACK_FORBIDDEN', 'Only a segment head can move an opportunity back to an earlier stage (G-09)'),
  reasonRequired: () => badInput('OPPORTUNITY_REASON_REQUIRED', 'Say why the opportunity was won or lost'),
  outcomeInvalid: () => badInput('OPPORTUNITY_OUTCOME_INVALID', 'The outcome is WON or LOST'),
  orderRequired: () => conflict('OPPORTUNITY_ORDER_REQUIRED', 'Enter the sales order of the signed contract before closing the opportunity as WON'),
  stagesRoleForbidden: () => forbidden('ROLE_FORBIDDEN', 'Only the segment administrator configures the stage list (G-43)'),
  stagesSegmentForbidden: () => forbidden('SEGMENT_FORBIDDEN', 'You can only configure your own segment'),
  stagesCountInvalid: () => badInput('STAGES_COUNT_INVALID', 'A stage list has 2 to 12 stages (or none, for the group default)'),
  stagesInvalid: () => badInput('STAGES_INVALID', 'Stage codes are unique UPPER_CASE words; every stage has a name'),
  stagesProbabilityInvalid: () => badInput('STAGES_PROBABILITY_INVALID', 'Probabilities are whole percentages that never decrease along the list'),
  lastStageNotWon: () => badInput('STAGES_PROBABILITY_INVALID', 'The last stage is the won stage, at 100 %'),
  stageInUse: (stages: string[]) => conflict('STAGE_IN_USE', `Open opportunities are in stages the new list drops: ${stages.join(', ')}`, { stages }),
};
