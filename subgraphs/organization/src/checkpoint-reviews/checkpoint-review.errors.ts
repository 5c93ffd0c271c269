import { badInput, conflict, notFound } from '@group/shared';

/** The checkpoint review aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const checkpointReviewErrors = {
  checkpointAlreadyReviewed: (checkpoint: string, period: string) => conflict('CHECKPOINT_ALREADY_REVIEWED', `${checkpoint} was already reviewed for ${period}`),
  checkpointClosed: () => conflict('CHECKPOINT_CLOSED', 'The checkpoint is closed'),
  checkpointReviewNotFound: (id: string) => notFound('CheckpointReview', id),
  correctiveAdjustmentRequired: () => badInput('CORRECTIVE_ADJUSTMENT_REQUIRED', 'State the corrective adjustment (ORG-R09)'),
  issueRequired: () => badInput('ISSUE_REQUIRED', 'Describe the problem found'),
  issueStatusBackwards: () => badInput('STATUS_BACKWARDS', 'An issue moves forward only (ADJUSTING, CLOSED)'),
  passHasNoIssue: () => badInput('PASS_HAS_NO_ISSUE', 'A passed checkpoint has no issue'),
};
