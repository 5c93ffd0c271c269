import { badInput, conflict, notFound } from '@group/shared';

/** The oversight aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const oversightErrors = {
  actionClosed: () => conflict('ACTION_CLOSED', 'The action is closed'),
  amountInvalid: () => badInput('AMOUNT_INVALID', 'The amount is a whole number of 万元, not negative'),
  checkpointAlreadyReviewed: (checkpoint: string, period: string) => conflict('CHECKPOINT_ALREADY_REVIEWED', `${checkpoint} was already reviewed for ${period}`),
  checkpointClosed: () => conflict('CHECKPOINT_CLOSED', 'The checkpoint is closed'),
  checkpointReviewNotFound: (id: string) => notFound('CheckpointReview', id),
  correctiveAdjustmentRequired: () => badInput('CORRECTIVE_ADJUSTMENT_REQUIRED', 'State the corrective adjustment (ORG-R09)'),
  followUpRequired: () => badInput('FOLLOW_UP_REQUIRED', 'Say what was done before closing the action'),
  issueRequired: () => badInput('ISSUE_REQUIRED', 'Describe the problem found'),
  matterDecided: (status: string) => conflict('MATTER_DECIDED', `The matter is already ${status}`),
  meetingNotOfReceivingBody: () => badInput('MEETING_NOT_OF_RECEIVING_BODY', 'A report is heard at a meeting of the body it is addressed to'),
  notASubsidiary: (name: string) => badInput('NOT_A_SUBSIDIARY', `${name} has no parent company to oversee it`),
  notSupervisoryBoard: () => badInput('NOT_SUPERVISORY_BOARD', 'Only the board of supervisors takes supervisory actions'),
  outcomeInvalid: (handling: string, allowed: string[]) => badInput('OUTCOME_INVALID', `A ${handling} matter ends ${allowed.join(' or ')}`),
  outsideStrategicPeriod: (years: string | number, title: string, period: string) =>
    conflict('OUTSIDE_STRATEGIC_PERIOD', `${years} is not within ${title} (${period})`, { period }),
  passHasNoIssue: () => badInput('PASS_HAS_NO_ISSUE', 'A passed checkpoint has no issue'),
  planNotApproved: (status: string) => conflict('PLAN_NOT_APPROVED', `Results are reported on an approved plan (it is ${status})`),
  planNotDraft: (status: string) => conflict('PLAN_NOT_DRAFT', `The plan is ${status}`),
  planNotFound: (id: string) => notFound('Plan', id),
  reportRouteInvalid: () =>
    badInput('REPORT_ROUTE_INVALID', "Reports go from the board or the board of supervisors to the shareholders' meeting, and from management to the board, of the same company"),
  resultInvalid: () => badInput('RESULT_INVALID', 'Results are numbers'),
  actionStatusBackwards: () => badInput('STATUS_BACKWARDS', 'An action moves forward only (FOLLOWING_UP, CLOSED)'),
  issueStatusBackwards: () => badInput('STATUS_BACKWARDS', 'An issue moves forward only (ADJUSTING, CLOSED)'),
  strategicPlanExpired: (title: string, period: string, id: string) =>
    conflict('STRATEGIC_PLAN_EXPIRED', `${title} (${period}) is no longer in force`, { strategicPlanId: id, period }),
  strategicPlanInvalid: (types: string[]) =>
    badInput('STRATEGIC_PLAN_INVALID', 'Name a strategy, 3-year or 5-year plan of the company or of a company above it', { strategicPlanTypes: types }),
  strategicPlanNotAdopted: (title: string, id: string) => conflict('STRATEGIC_PLAN_NOT_ADOPTED', `${title} has not been adopted`, { strategicPlanId: id }),
  strategicPlanNotApplicableToPlan: (type: string) => badInput('STRATEGIC_PLAN_NOT_APPLICABLE', `A ${type} is not an investment or project plan`),
  strategicPlanNotApplicableToMatter: (matter: string) => badInput('STRATEGIC_PLAN_NOT_APPLICABLE', `${matter} is not an investment`),
  strategicPlanRequired: () => badInput('STRATEGIC_PLAN_REQUIRED', 'An investment or project must sit within an adopted strategic plan (ORG-R27): name it (strategicPlanId)'),
  subsidiaryOversightItemNotFound: (id: string) => notFound('SubsidiaryOversightItem', id),
  supervisoryActionNotFound: (id: string) => notFound('SupervisoryAction', id),
  targetInvalid: () => badInput('TARGET_INVALID', 'Every target needs a name and a number'),
  targetNotOfPlan: (strangers: string[]) => badInput('TARGET_NOT_OF_PLAN', 'Results must be for targets of this plan', { targetIds: strangers }),
  targetNotSupervised: () => badInput('TARGET_NOT_SUPERVISED', "The target must be an active director or senior manager of the supervisors' company"),
  titleRequired: () => badInput('TITLE_REQUIRED', 'A plan needs a title'),
};
