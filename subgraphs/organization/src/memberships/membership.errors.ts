import { badInput, conflict, notFound } from '@group/shared';

/** The membership aggregate's error reasons (seats on governing bodies and their limits; docs/errors.md lists them with the operations that raise them). */
export const membershipErrors = {
  bodyMembershipNotFound: (id: string) => notFound('BodyMembership', id),
  dismissalReasonRequired: () => badInput('DISMISSAL_REASON_REQUIRED', 'Give the reason for the dismissal'),
  membershipExists: (name: string) => conflict('MEMBERSHIP_EXISTS', `${name} already holds or is proposed for a seat on this body`),
  membershipNotActive: (id: string, status: string) => conflict('MEMBERSHIP_NOT_ACTIVE', `Membership ${id} is ${status}; only an active seat can be dismissed`),
  membershipNotNominated: (id: string, status: string) => conflict('MEMBERSHIP_NOT_NOMINATED', `Membership ${id} is ${status}, not awaiting a decision`),
  officeAlreadyHeld: (label: string, role: string) => conflict('OFFICE_ALREADY_HELD', `${label} already has an active ${role}; dismiss or end that term first`),
  roleNotOnBody: (role: string, type: string, allowedRoles: string[]) => badInput('ROLE_NOT_ON_BODY', `A ${role} does not sit on a ${type}`, { allowedRoles }),
  seatLimitBelowActive: (label: string, active: number, seatLimit: number) =>
    conflict('SEAT_LIMIT_BELOW_ACTIVE', `${label} has ${active} active members; dismiss some before lowering the limit to ${seatLimit}`, { activeSeats: active }),
  seatLimitInvalid: () => badInput('SEAT_LIMIT_INVALID', 'A seat limit is at least 1 (or null for none)'),
  seatLimitReached: (label: string, seatLimit: number) => conflict('SEAT_LIMIT_REACHED', `${label} has all ${seatLimit} seats filled`, { seatLimit }),
  shareholdingAlreadyRepresented: (holderName: string) => conflict('SHAREHOLDING_ALREADY_REPRESENTED', `${holderName} already has a representative on the shareholders' meeting`),
  shareholdingNotOfCompany: () => badInput('SHAREHOLDING_NOT_OF_COMPANY', "The shareholding must be one of the company's own"),
  shareholdingOnlyForShareholders: () => badInput('SHAREHOLDING_ONLY_FOR_SHAREHOLDERS', "Only a shareholder's seat represents a shareholding"),
  termEndBeforeStart: () => badInput('TERM_END_BEFORE_START', 'The term must end after it starts'),
};
