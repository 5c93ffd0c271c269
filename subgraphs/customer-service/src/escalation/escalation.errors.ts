import { badInput, conflict, DomainError, forbidden } from '@group/shared';

/** The stable error reasons of complaint escalation (extensions.reason). */
export const escalationErrors = {
  roleForbidden: (role: string) => forbidden('ROLE_FORBIDDEN', `Role ${role} cannot escalate complaints`),
  jobRoleForbidden: (role: string) => forbidden('ROLE_FORBIDDEN', `Role ${role} cannot run the escalation job`),
  noteRequired: () => badInput('ESCALATION_NOTE_REQUIRED', 'Say why the complaint is escalated'),
  complaintNotOpen: (status: string) => badInput('COMPLAINT_NOT_OPEN', `A ${status} complaint cannot be escalated`),
  alreadyAtTopLevel: () => badInput('ALREADY_AT_TOP_LEVEL', 'The complaint is already with the group Customer Service Center'),
  escalatedMeanwhile: () => conflict('ESCALATED_MEANWHILE', 'The complaint reached another level meanwhile; re-read it'),
  levelTakenMeanwhile: () => conflict('ESCALATED_MEANWHILE', 'The complaint reached that level meanwhile; re-read it'),
  chainUnavailable: (why: string) =>
    new DomainError('UNAVAILABLE', 'CHAIN_OF_COMMAND_UNAVAILABLE', `The department's chain of command could not be read from organization (${why}); retry`, { retryable: true }),
};
