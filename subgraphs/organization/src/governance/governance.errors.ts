import { badInput, conflict, DomainError, forbidden } from '@group/shared';

/** How a decision refuses a resolution that is unknown, or not adopted by its body on its matter (`ResolutionNeed.refusal`). */
export type ResolutionRefusal = (on: string, label: string, where: Record<string, unknown>) => DomainError;

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
  // The refusals of citeResolution: the same message, the reason each decision's clients know it by.
  resolutionNotApplicable: (on: string, label: string, where: Record<string, unknown>) =>
    conflict('RESOLUTION_NOT_APPLICABLE', `This decision needs a resolution${on} adopted by ${label}`, where),
  approvalResolutionInvalid: (on: string, label: string, where: Record<string, unknown>) =>
    conflict('APPROVAL_RESOLUTION_INVALID', `This decision needs a resolution${on} adopted by ${label}`, where),
  boardApprovalRequired: (on: string, label: string, where: Record<string, unknown>) =>
    conflict('BOARD_APPROVAL_REQUIRED', `This decision needs a resolution${on} adopted by ${label}`, where),
  boardResolutionRequired: (on: string, label: string, where: Record<string, unknown>) =>
    conflict('BOARD_RESOLUTION_REQUIRED', `This decision needs a resolution${on} adopted by ${label}`, where),
  resolutionRequired: (label: string, on: string, where: Record<string, unknown>) => badInput('RESOLUTION_REQUIRED', `This decision needs the resolution of ${label}${on}`, where),
  separationOfPowers: (isPerson: boolean, power: string, matter: string | null) =>
    conflict(
      'SEPARATION_OF_POWERS',
      `${isPerson ? 'The person' : 'The holder'} already holds ${power}${matter ? ` for ${matter}` : ''}; the same holder may not both decide and supervise a matter`,
      { heldPower: power },
    ),
};
