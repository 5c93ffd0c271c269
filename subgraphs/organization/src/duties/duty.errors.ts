import { badInput, conflict, notFound } from '@group/shared';

/** The duties aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const dutyErrors = {
  alreadyEvaluated: (label: string) => conflict('ALREADY_EVALUATED', `${label} was already evaluated at this meeting`),
  alreadyRectified: () => conflict('ALREADY_RECTIFIED', 'The rectification was already recorded'),
  assessorNotTechnologyDepartment: (duty: string) =>
    badInput('ASSESSOR_NOT_TECHNOLOGY_DEPARTMENT', `The assessor must be a department holding the duty 「${duty}」 in the assessed department's company or a company above it`),
  commentRequired: () => badInput('COMMENT_REQUIRED', 'Give the evaluation in words'),
  dutyTextRequired: () => badInput('DUTY_TEXT_REQUIRED', 'Every duty needs its text'),
  evaluatedBodyInvalid: () => badInput('EVALUATED_BODY_INVALID', "The shareholders' meeting evaluates its company's board and board of supervisors"),
  findingsRequired: () => badInput('FINDINGS_REQUIRED', 'Describe what the assessment found'),
  itWorkAssessmentNotFound: (id: string) => notFound('ItWorkAssessment', id),
  liaisonExists: (version: number) => conflict('LIAISON_EXISTS', 'The department has a liaison: send its version to replace them', { currentVersion: version }),
  liaisonNotOfCompany: () => badInput('LIAISON_NOT_OF_COMPANY', "The liaison must be an active employee of the department's company"),
  meetingNotQuorate: () => conflict('MEETING_NOT_QUORATE', 'Only a held, quorate meeting evaluates'),
  notShareholdersMeeting: () => badInput('NOT_SHAREHOLDERS_MEETING', "Performance is evaluated by the shareholders' meeting (ORG-R18)"),
  rectificationDuePast: () => badInput('RECTIFICATION_DUE_PAST', 'The rectification deadline must lie in the future'),
  rectificationDueRequired: () => badInput('RECTIFICATION_DUE_REQUIRED', 'A required rectification needs its deadline'),
  rectificationDueUnexpected: () => badInput('RECTIFICATION_DUE_UNEXPECTED', 'A deadline is given only when rectification is required'),
  rectificationNotRequired: () => conflict('RECTIFICATION_NOT_REQUIRED', 'This result required no rectification'),
  rectificationTextRequired: () => badInput('RECTIFICATION_TEXT_REQUIRED', 'Say what was done to rectify'),
  roleDutiesAreReferenceData: () => badInput('ROLE_DUTIES_ARE_REFERENCE_DATA', 'Duties of a kind of unit or role are loaded with their source catalogue, not set here'),
  scoreOutOfRange: () => badInput('SCORE_OUT_OF_RANGE', 'The score is a whole number from 0 to 100'),
  sourceDocumentInvalid: () => badInput('SOURCE_DOCUMENT_INVALID', "The source must be a document of the holder's company or of the group"),
};
