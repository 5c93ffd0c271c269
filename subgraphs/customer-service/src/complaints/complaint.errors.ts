import { badInput, conflict, notFound } from '@group/shared';

/** A refused transition's details: the complaint's status, the action and the actions allowed from there. */
const refused = (status: string, action: string, allowedActions: readonly string[]) => ({ status, action, allowedActions });

/** The stable error reasons of complaints, their risk and compensations (extensions.reason). */
export const complaintErrors = {
  notFound: (id: string) => notFound('Complaint', id),
  actionInvalid: (action: string) => badInput('COMPLAINT_ACTION_INVALID', `Unknown action ${action}`),
  noteRequired: (action: string) => badInput('COMPLAINT_NOTE_REQUIRED', `${action} needs a note`),
  handlerRequired: () => badInput('COMPLAINT_HANDLER_REQUIRED', 'ASSIGN needs a handlerId'),
  satisfactionInvalid: () => badInput('COMPLAINT_SATISFACTION_INVALID', 'REVISIT needs a satisfaction score from 1 to 5'),
  alreadyClosed: (status: string, action: string, allowedActions: readonly string[]) =>
    conflict('COMPLAINT_ALREADY_CLOSED', `${action} is not allowed from ${status}`, refused(status, action, allowedActions)),
  alreadyRejected: (status: string, action: string, allowedActions: readonly string[]) =>
    conflict('COMPLAINT_ALREADY_REJECTED', `${action} is not allowed from ${status}`, refused(status, action, allowedActions)),
  transitionNotAllowed: (status: string, action: string, allowedActions: readonly string[]) =>
    conflict('COMPLAINT_TRANSITION_NOT_ALLOWED', `${action} is not allowed from ${status}`, refused(status, action, allowedActions)),
  channelInvalid: (value: string) => badInput('COMPLAINT_CHANNEL_INVALID', `Unknown value ${value}`),
  severityInvalid: (value: string) => badInput('COMPLAINT_SEVERITY_INVALID', `Unknown value ${value}`),
  phaseInvalid: (value: string) => badInput('COMPLAINT_PHASE_INVALID', `Unknown value ${value}`),
  categoryInvalid: (value: string) => badInput('COMPLAINT_CATEGORY_INVALID', `Unknown value ${value}`),
  receivedInFuture: () => badInput('COMPLAINT_RECEIVED_IN_FUTURE', 'receivedAt cannot be in the future'),
  receivedTooEarly: (maxDays: number) => badInput('COMPLAINT_RECEIVED_TOO_EARLY', `receivedAt can be at most ${maxDays} days back`),
  titleBlank: () => badInput('COMPLAINT_TITLE_BLANK', 'The complaint title must not be blank'),
  descriptionBlank: () => badInput('COMPLAINT_DESCRIPTION_BLANK', 'The complaint description must not be blank'),
  tooManyAttachments: () => badInput('COMPLAINT_TOO_MANY_ATTACHMENTS', 'At most 10 attachments'),
  riskLevelInvalid: (level: string) => badInput('COMPLAINT_RISK_LEVEL_INVALID', `Unknown risk level ${level}`),
  legalDepartmentRequired: () => badInput('LEGAL_DEPARTMENT_REQUIRED', 'A legal case needs the legal department that takes it'),
  compensationAmountInvalid: () => badInput('COMPENSATION_AMOUNT_INVALID', 'The amount is a non-negative number of yuan with at most two decimals'),
  compensationDescriptionBlank: () => badInput('COMPENSATION_DESCRIPTION_BLANK', 'Describe the compensation'),
  compensationRejected: () => conflict('COMPLAINT_ALREADY_REJECTED', 'A rejected complaint gets no compensation'),
};
