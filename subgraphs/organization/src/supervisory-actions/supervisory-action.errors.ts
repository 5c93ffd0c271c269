import { badInput, conflict, notFound } from '@group/shared';

/** The supervisory action aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const supervisoryActionErrors = {
  actionClosed: () => conflict('ACTION_CLOSED', 'The action is closed'),
  actionStatusBackwards: () => badInput('STATUS_BACKWARDS', 'An action moves forward only (FOLLOWING_UP, CLOSED)'),
  followUpRequired: () => badInput('FOLLOW_UP_REQUIRED', 'Say what was done before closing the action'),
  notSupervisoryBoard: () => badInput('NOT_SUPERVISORY_BOARD', 'Only the board of supervisors takes supervisory actions'),
  supervisoryActionNotFound: (id: string) => notFound('SupervisoryAction', id),
  targetNotSupervised: () => badInput('TARGET_NOT_SUPERVISED', "The target must be an active director or senior manager of the supervisors' company"),
};
