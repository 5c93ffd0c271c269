import { badInput, conflict, forbidden } from '@group/shared';

/** The reasons a decision citing a resolution that does not apply may be refused with (RESOLUTION_NOT_APPLICABLE unless the decision names its own). */
export type ResolutionRefusal = 'RESOLUTION_NOT_APPLICABLE' | 'APPROVAL_RESOLUTION_INVALID' | 'BOARD_APPROVAL_REQUIRED' | 'BOARD_RESOLUTION_REQUIRED';

/** The reasons the governance aggregates share: who may change governance data, citing a resolution, separation of powers (docs/errors.md lists them with the operations that raise them). */
export const governanceErrors = {
  governanceChangeForbidden: () => forbidden('GOVERNANCE_CHANGE_FORBIDDEN', 'Only group management (GROUP_EXECUTIVE) may change governance data'),
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
  /** A cited resolution that is unknown, not the deciding body's, not adopted or on another matter: the reason is the caller's (ResolutionNeed.reason). */
  resolutionNotApplicable: (reason: ResolutionRefusal | undefined, on: string, label: string, where: Record<string, unknown>) =>
    conflict(reason ?? 'RESOLUTION_NOT_APPLICABLE', `This decision needs a resolution${on} adopted by ${label}`, where),
  resolutionRequired: (label: string, on: string, where: Record<string, unknown>) => badInput('RESOLUTION_REQUIRED', `This decision needs the resolution of ${label}${on}`, where),
  separationOfPowers: (isPerson: boolean, power: string, matter: string | null) =>
    conflict(
      'SEPARATION_OF_POWERS',
      `${isPerson ? 'The person' : 'The holder'} already holds ${power}${matter ? ` for ${matter}` : ''}; the same holder may not both decide and supervise a matter`,
      { heldPower: power },
    ),
};
