import { badInput, conflict, notFound } from '@group/shared';

/** The org-assessments aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const orgAssessmentErrors = {
  assessmentState: (state: string, allowed: string[]) => conflict('ASSESSMENT_STATE', `The assessment is ${state}; this step needs ${allowed.join(' or ')}`, { state }),
  boardResolutionRequired: () => conflict('BOARD_RESOLUTION_REQUIRED', 'The company has no board of directors to approve a restructuring (ORG-R11)'),
  departmentNotOfCompany: () => badInput('DEPARTMENT_NOT_OF_COMPANY', "The department must be one of the assessed company's"),
  notInStakeholderGroup: (group: string) => badInput('NOT_IN_STAKEHOLDER_GROUP', `The employee does not speak for ${group} of this company`),
  opinionRequired: () => badInput('OPINION_REQUIRED', 'Record what was said'),
  opinionsMissing: (missing: string[]) => conflict('OPINIONS_MISSING', `Hear ${missing.join(', ')} before submitting to the board (ORG-R11)`, { missingGroups: missing }),
  orgAssessmentNotFound: (id: string) => notFound('OrgAssessment', id),
  proposalInvalid: () => badInput('PROPOSAL_INVALID', 'Write the adjustment proposal, in at most 20000 characters'),
  scopeInvalid: () => badInput('SCOPE_INVALID', 'Say what is assessed, in at most 300 characters'),
};
