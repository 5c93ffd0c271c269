import { badInput, conflict, forbidden, notFound } from '@group/shared';

/** The governance aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const governanceErrors = {
  amountLimitInvalid: () => badInput('AMOUNT_LIMIT_INVALID', 'An amount limit is not negative'),
  amountRequired: (matter: string) => badInput('AMOUNT_REQUIRED', `${matter} has amount limits in this company: give the amount (amountWan)`, { matter }),
  attendeeNotAMember: (strangers: string[]) => badInput('ATTENDEE_NOT_A_MEMBER', 'Only active members of the body attend (and count for the quorum)', { employeeIds: strangers }),
  bodyLacksPower: (reservedTo: string | undefined, matter: string, label: string, power: string | undefined, amountWan: number | null) =>
    conflict(
      'BODY_LACKS_POWER',
      reservedTo
        ? `${matter} is reserved to the ${reservedTo}; ${label} cannot pass it`
        : `${label} holds no active ${power} power for ${matter}${amountWan !== null ? ` up to ${amountWan}万元` : ''}`,
      { matter },
    ),
  bodyMembershipNotFound: (id: string) => notFound('BodyMembership', id),
  delegationAlreadyRevoked: (id: string) => conflict('DELEGATION_ALREADY_REVOKED', `Delegation ${id} is already revoked`),
  delegationExceedsGrantorLimit: (limitWan: number) =>
    conflict('DELEGATION_EXCEEDS_GRANTOR_LIMIT', `The grantor may decide up to ${limitWan}万元 only`, { grantorLimitWan: limitWan }),
  delegationNotFound: (id: string) => notFound('Delegation', id),
  delegationOtherCompany: () => badInput('DELEGATION_OTHER_COMPANY', 'Delegations stay within one company'),
  delegationOutlastsGrantor: (grantorUntil: Date) =>
    conflict('DELEGATION_OUTLASTS_GRANTOR', `The grantor's own authority ends ${grantorUntil.toISOString()}`, { grantorValidTo: grantorUntil.toISOString() }),
  delegationPartiesInvalid: () => badInput('DELEGATION_PARTIES_INVALID', 'Name exactly one grantor (body or person) and one grantee (body, person or department)'),
  delegationToSelf: () => badInput('DELEGATION_PARTIES_INVALID', 'A holder cannot delegate to itself'),
  dismissalReasonRequired: () => badInput('DISMISSAL_REASON_REQUIRED', 'Give the reason for the dismissal'),
  governanceChangeForbidden: () => forbidden('GOVERNANCE_CHANGE_FORBIDDEN', 'Only group management (GROUP_EXECUTIVE) may change governance data'),
  grantorLacksPower: (power: string, matter: string | null | undefined) =>
    conflict('GRANTOR_LACKS_POWER', `The grantor holds no active ${power} power${matter ? ` for ${matter}` : ''} to delegate`),
  matterNotDelegable: (matter: string, reservedTo: string | undefined) => badInput('MATTER_NOT_DELEGABLE', `${matter} is reserved to the ${reservedTo} and cannot be delegated`),
  matterPowerMismatch: (matter: string, needed: string | undefined, power: string) => badInput('MATTER_POWER_MISMATCH', `${matter} needs ${needed}, not ${power}`),
  meetingAlreadyHeld: () => conflict('MEETING_ALREADY_HELD', 'The meeting was already held'),
  meetingKindInvalid: () => badInput('MEETING_KIND_INVALID', "Only a shareholders' meeting is held as an extraordinary meeting (临时股东大会)"),
  meetingNotHeld: () => conflict('MEETING_NOT_HELD', 'Record the attendance (hold the meeting) before its resolutions'),
  meetingRuleInvalid: () => badInput('MEETING_RULE_INVALID', 'Thresholds are percentages from 0 to 99 (the share must exceed them)'),
  meetingTitleRequired: () => badInput('MEETING_TITLE_REQUIRED', 'A meeting needs a title'),
  membershipExists: (name: string) => conflict('MEMBERSHIP_EXISTS', `${name} already holds or is proposed for a seat on this body`),
  membershipNotActive: (id: string, status: string) => conflict('MEMBERSHIP_NOT_ACTIVE', `Membership ${id} is ${status}; only an active seat can be dismissed`),
  membershipNotNominated: (id: string, status: string) => conflict('MEMBERSHIP_NOT_NOMINATED', `Membership ${id} is ${status}, not awaiting a decision`),
  noShareholdingsRecorded: () => conflict('NO_SHAREHOLDINGS_RECORDED', "Record the company's shareholdings first: a shareholders' meeting counts its quorum in share capital"),
  officeAlreadyHeld: (label: string, role: string) => conflict('OFFICE_ALREADY_HELD', `${label} already has an active ${role}; dismiss or end that term first`),
  quorumNotMet: (presentCount: number | null, seatBase: number | null) => conflict('QUORUM_NOT_MET', `Only ${presentCount} of ${seatBase} attended: the meeting cannot resolve`),
  resolutionAlreadyUsed: (id: string, subjectType: string | null, subjectId: string) =>
    conflict('RESOLUTION_ALREADY_USED', `Resolution ${id} already decided ${subjectType} ${subjectId}; one resolution decides one subject, once`, {
      subjectType,
      subjectId,
    }),
  resolutionAmountTooLow: (id: string, resolutionAmountWan: number | null, amountWan: number) =>
    conflict('RESOLUTION_AMOUNT_TOO_LOW', `Resolution ${id} was adopted for ${resolutionAmountWan ?? 'no'}万元; this decision is for ${amountWan}万元`, {
      amountWan,
      resolutionAmountWan,
    }),
  resolutionExecutionClosed: (executionStatus: string) => conflict('RESOLUTION_EXECUTION_CLOSED', `Execution is already ${executionStatus}`),
  resolutionNotFound: (id: string) => notFound('Resolution', id),
  resolutionNotPassed: () => conflict('RESOLUTION_NOT_PASSED', 'Only a passed resolution is executed'),
  resolutionRequired: (label: string, on: string, where: Record<string, unknown>) => badInput('RESOLUTION_REQUIRED', `This decision needs the resolution of ${label}${on}`, where),
  resolutionTextRequired: () => badInput('RESOLUTION_TEXT_REQUIRED', 'A resolution needs its text'),
  roleNotOnBody: (role: string, type: string, allowedRoles: string[]) => badInput('ROLE_NOT_ON_BODY', `A ${role} does not sit on a ${type}`, { allowedRoles }),
  seatLimitBelowActive: (label: string, active: number, seatLimit: number) =>
    conflict('SEAT_LIMIT_BELOW_ACTIVE', `${label} has ${active} active members; dismiss some before lowering the limit to ${seatLimit}`, { activeSeats: active }),
  seatLimitInvalid: () => badInput('SEAT_LIMIT_INVALID', 'A seat limit is at least 1 (or null for none)'),
  seatLimitReached: (label: string, seatLimit: number) => conflict('SEAT_LIMIT_REACHED', `${label} has all ${seatLimit} seats filled`, { seatLimit }),
  separationOfPowers: (isPerson: boolean, power: string, matter: string | null) =>
    conflict(
      'SEPARATION_OF_POWERS',
      `${isPerson ? 'The person' : 'The holder'} already holds ${power}${matter ? ` for ${matter}` : ''}; the same holder may not both decide and supervise a matter`,
      { heldPower: power },
    ),
  shareholdingAlreadyRepresented: (holderName: string) => conflict('SHAREHOLDING_ALREADY_REPRESENTED', `${holderName} already has a representative on the shareholders' meeting`),
  shareholdingNotOfCompany: () => badInput('SHAREHOLDING_NOT_OF_COMPANY', "The shareholding must be one of the company's own"),
  shareholdingOnlyForShareholders: () => badInput('SHAREHOLDING_ONLY_FOR_SHAREHOLDERS', "Only a shareholder's seat represents a shareholding"),
  termEndBeforeStart: () => badInput('TERM_END_BEFORE_START', 'The term must end after it starts'),
  validityEndBeforeStart: () => badInput('VALIDITY_END_BEFORE_START', 'A delegation must end after it starts'),
  votesExceedAttendance: (byCapital: boolean, votes: number, present: number) =>
    badInput('VOTES_EXCEED_ATTENDANCE', byCapital ? `${votes} basis points of votes but only ${present} present` : `${votes} votes but only ${present} present`),
  votesInvalid: () => badInput('VOTES_INVALID', 'Votes are whole numbers, not negative'),
};
