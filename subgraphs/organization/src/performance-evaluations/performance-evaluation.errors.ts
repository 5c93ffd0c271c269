import { badInput, conflict } from '@group/shared';

/** The performance evaluation aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const performanceEvaluationErrors = {
  alreadyEvaluated: (label: string) => conflict('ALREADY_EVALUATED', `${label} was already evaluated at this meeting`),
  commentRequired: () => badInput('COMMENT_REQUIRED', 'Give the evaluation in words'),
  evaluatedBodyInvalid: () => badInput('EVALUATED_BODY_INVALID', "The shareholders' meeting evaluates its company's board and board of supervisors"),
  meetingNotQuorate: () => conflict('MEETING_NOT_QUORATE', 'Only a held, quorate meeting evaluates'),
  notShareholdersMeeting: () => badInput('NOT_SHAREHOLDERS_MEETING', "Performance is evaluated by the shareholders' meeting (ORG-R18)"),
};
