import { badInput, conflict, notFound } from '@group/shared';

/** The meeting aggregate's error reasons (meetings and their resolutions; docs/errors.md lists them with the operations that raise them). */
export const meetingErrors = {
  attendeeNotAMember: (strangers: string[]) => badInput('ATTENDEE_NOT_A_MEMBER', 'Only active members of the body attend (and count for the quorum)', { employeeIds: strangers }),
  meetingAlreadyHeld: () => conflict('MEETING_ALREADY_HELD', 'The meeting was already held'),
  meetingKindInvalid: () => badInput('MEETING_KIND_INVALID', "Only a shareholders' meeting is held as an extraordinary meeting (临时股东大会)"),
  meetingNotHeld: () => conflict('MEETING_NOT_HELD', 'Record the attendance (hold the meeting) before its resolutions'),
  meetingRuleInvalid: () => badInput('MEETING_RULE_INVALID', 'Thresholds are percentages from 0 to 99 (the share must exceed them)'),
  meetingTitleRequired: () => badInput('MEETING_TITLE_REQUIRED', 'A meeting needs a title'),
  noShareholdingsRecorded: () => conflict('NO_SHAREHOLDINGS_RECORDED', "Record the company's shareholdings first: a shareholders' meeting counts its quorum in share capital"),
  quorumNotMet: (presentCount: number | null, seatBase: number | null) => conflict('QUORUM_NOT_MET', `Only ${presentCount} of ${seatBase} attended: the meeting cannot resolve`),
  resolutionExecutionClosed: (executionStatus: string) => conflict('RESOLUTION_EXECUTION_CLOSED', `Execution is already ${executionStatus}`),
  resolutionNotFound: (id: string) => notFound('Resolution', id),
  resolutionNotPassed: () => conflict('RESOLUTION_NOT_PASSED', 'Only a passed resolution is executed'),
  resolutionTextRequired: () => badInput('RESOLUTION_TEXT_REQUIRED', 'A resolution needs its text'),
  votesExceedAttendance: (byCapital: boolean, votes: number, present: number) =>
    badInput('VOTES_EXCEED_ATTENDANCE', byCapital ? `${votes} basis points of votes but only ${present} present` : `${votes} votes but only ${present} present`),
  votesInvalid: () => badInput('VOTES_INVALID', 'Votes are whole numbers, not negative'),
};
