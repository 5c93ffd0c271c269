import { badInput, conflict, notFound } from '@group/shared';

/** The delegation aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const delegationErrors = {
  amountLimitInvalid: () => badInput('AMOUNT_LIMIT_INVALID', 'An amount limit is not negative'),
  amountRequired: (matter: string) => badInput('AMOUNT_REQUIRED', `${matter} has amount limits in this company: give the amount (amountWan)`, { matter }),
  bodyLacksPower: (reservedTo: string | undefined, matter: string, label: string, power: string | undefined, amountWan: number | null) =>
    conflict(
      'BODY_LACKS_POWER',
      reservedTo
        ? `${matter} is reserved to the ${reservedTo}; ${label} cannot pass it`
        : `${label} holds no active ${power} power for ${matter}${amountWan !== null ? ` up to ${amountWan}万元` : ''}`,
      { matter },
    ),
  delegationAlreadyRevoked: (id: string) => conflict('DELEGATION_ALREADY_REVOKED', `Delegation ${id} is already revoked`),
  delegationExceedsGrantorLimit: (limitWan: number) =>
    conflict('DELEGATION_EXCEEDS_GRANTOR_LIMIT', `The grantor may decide up to ${limitWan}万元 only`, { grantorLimitWan: limitWan }),
  delegationNotFound: (id: string) => notFound('Delegation', id),
  delegationOtherCompany: () => badInput('DELEGATION_OTHER_COMPANY', 'Delegations stay within one company'),
  delegationOutlastsGrantor: (grantorUntil: Date) =>
    conflict('DELEGATION_OUTLASTS_GRANTOR', `The grantor's own authority ends ${grantorUntil.toISOString()}`, { grantorValidTo: grantorUntil.toISOString() }),
  delegationPartiesInvalid: () => badInput('DELEGATION_PARTIES_INVALID', 'Name exactly one grantor (body or person) and one grantee (body, person or department)'),
  delegationToSelf: () => badInput('DELEGATION_PARTIES_INVALID', 'A holder cannot delegate to itself'),
  grantorLacksPower: (power: string, matter: string | null | undefined) =>
    conflict('GRANTOR_LACKS_POWER', `The grantor holds no active ${power} power${matter ? ` for ${matter}` : ''} to delegate`),
  matterNotDelegable: (matter: string, reservedTo: string | undefined) => badInput('MATTER_NOT_DELEGABLE', `${matter} is reserved to the ${reservedTo} and cannot be delegated`),
  matterPowerMismatch: (matter: string, needed: string | undefined, power: string) => badInput('MATTER_POWER_MISMATCH', `${matter} needs ${needed}, not ${power}`),
  validityEndBeforeStart: () => badInput('VALIDITY_END_BEFORE_START', 'A delegation must end after it starts'),
};
