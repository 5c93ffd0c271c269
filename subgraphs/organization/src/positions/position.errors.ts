import { badInput, conflict, notFound } from '@group/shared';

/** The positions aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const positionErrors = {
  assignmentEnded: () => conflict('ASSIGNMENT_ENDED', 'The assignment has already ended'),
  assignmentExists: (name: string) => conflict('ASSIGNMENT_EXISTS', `${name} already holds this position`),
  assignmentOtherCompany: () => badInput('ASSIGNMENT_OTHER_COMPANY', 'The employee works for another company'),
  dutiesRequired: () => badInput('DUTIES_REQUIRED', 'A position states its duties'),
  headcountBelowStaffing: (staffed: number, newQuota: number) =>
    conflict('HEADCOUNT_BELOW_STAFFING', `${staffed} people hold the position; end assignments before lowering the quota to ${newQuota}`),
  headcountChangeDecided: (status: string) => conflict('HEADCOUNT_CHANGE_DECIDED', `The change is already ${status}`),
  headcountChangeNotFound: (id: string) => notFound('HeadcountChange', id),
  headcountChangePending: () => conflict('HEADCOUNT_CHANGE_PENDING', 'A headcount change of this position is already awaiting the board'),
  headcountExceeded: (title: string, staffed: number, headcountQuota: number) =>
    conflict('HEADCOUNT_EXCEEDED', `${title} is fully staffed (${staffed} of ${headcountQuota}); an approved headcount change is needed first`, { headcountQuota }),
  headcountInvalid: () => badInput('HEADCOUNT_INVALID', 'A headcount quota is a whole number, not negative'),
  headcountUnchanged: () => badInput('HEADCOUNT_UNCHANGED', 'The new quota equals the current one'),
  incentivesRequired: () => badInput('INCENTIVES_REQUIRED', 'A position states its incentives (定激励)'),
  jobDescriptionInvalid: () => badInput('JOB_DESCRIPTION_INVALID', "The job description must be a JOB_DESCRIPTION document of the position's company or of the group"),
  positionAssignmentNotFound: (id: string) => notFound('PositionAssignment', id),
  positionNotFound: (id: string) => notFound('Position', id),
  positionRankGroupOnly: () => badInput('POSITION_RANK_GROUP_ONLY', 'GROUP_VP_AND_ABOVE is a rank of the group company only'),
  positionSegmentNotApplicable: (rank: string) => badInput('POSITION_SEGMENT_NOT_APPLICABLE', `A ${rank} position serves no segment`),
  positionSegmentOtherCompany: () => badInput('POSITION_SEGMENT_OTHER_COMPANY', "The segment belongs to another company than the position's"),
  positionSegmentRequired: (rank: string) => badInput('POSITION_SEGMENT_REQUIRED', `A ${rank} position names the segment it serves`),
  positionStaffed: (title: string, rank: string) => conflict('POSITION_STAFFED', `${title} is held: rank it ${rank} while vacant, then appoint to it by the board's resolution`),
  segmentNotFound: (id: string) => notFound('Segment', id),
};
