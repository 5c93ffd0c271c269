import { badInput, conflict, notFound } from '@group/shared';

/** The IT work assessment aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const itWorkAssessmentErrors = {
  alreadyRectified: () => conflict('ALREADY_RECTIFIED', 'The rectification was already recorded'),
  assessorNotTechnologyDepartment: (duty: string) =>
    badInput('ASSESSOR_NOT_TECHNOLOGY_DEPARTMENT', `The assessor must be a department holding the duty 「${duty}」 in the assessed department's company or a company above it`),
  findingsRequired: () => badInput('FINDINGS_REQUIRED', 'Describe what the assessment found'),
  itWorkAssessmentNotFound: (id: string) => notFound('ItWorkAssessment', id),
  rectificationDuePast: () => badInput('RECTIFICATION_DUE_PAST', 'The rectification deadline must lie in the future'),
  rectificationDueRequired: () => badInput('RECTIFICATION_DUE_REQUIRED', 'A required rectification needs its deadline'),
  rectificationDueUnexpected: () => badInput('RECTIFICATION_DUE_UNEXPECTED', 'A deadline is given only when rectification is required'),
  rectificationNotRequired: () => conflict('RECTIFICATION_NOT_REQUIRED', 'This result required no rectification'),
  rectificationTextRequired: () => badInput('RECTIFICATION_TEXT_REQUIRED', 'Say what was done to rectify'),
  scoreOutOfRange: () => badInput('SCORE_OUT_OF_RANGE', 'The score is a whole number from 0 to 100'),
};
