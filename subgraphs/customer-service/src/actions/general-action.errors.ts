import { badInput, conflict, forbidden, notFound } from '@group/shared';

/** The stable error reasons of general actions (extensions.reason). */
export const generalActionErrors = {
  notFound: (id: string) => notFound('GeneralAction', id),
  targetTypeInvalid: (type: string) => badInput('ACTION_TARGET_TYPE_INVALID', `Unknown target type ${type}`),
  subjectBlank: () => badInput('ACTION_SUBJECT_BLANK', 'The subject must not be blank'),
  typeInvalid: (type: string) => badInput('ACTION_TYPE_INVALID', `Unknown action type ${type}`),
  doneInFuture: () => badInput('ACTION_DONE_IN_FUTURE', 'doneAt cannot be in the future'),
  assignedNotDone: () => badInput('ACTION_ASSIGNED_NOT_DONE', 'An action assigned to someone else is planned: give dueAt, not doneAt'),
  dueRequired: () => badInput('ACTION_DUE_REQUIRED', 'An assigned action needs a due time (dueAt)'),
  dueOrDone: () => badInput('ACTION_DUE_OR_DONE', 'Give dueAt (planned) or doneAt (done), not both'),
  executivesAssignOnly: () => forbidden('ROLE_FORBIDDEN', 'Group executives assign general actions to business staff; they do not record their own'),
  assignmentForbidden: () =>
    forbidden('ACTION_ASSIGNMENT_FORBIDDEN', 'Only group executives (any segment) and segment heads (their own segment) can assign general actions to others (CS-R38)'),
  editForbidden: () => forbidden('ACTION_EDIT_FORBIDDEN', 'Only the assignee, the assigner, the record owner or the segment head can change this action'),
  editRoleForbidden: (role: string) => forbidden('ROLE_FORBIDDEN', `Role ${role} cannot change general actions`),
  notPlanned: (status: string) => conflict('ACTION_NOT_PLANNED', `The action is already ${status}`),
  statusInvalid: () => badInput('ACTION_STATUS_INVALID', 'Set the status to DONE or CANCELLED'),
};
