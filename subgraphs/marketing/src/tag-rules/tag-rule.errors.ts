import { badInput, DomainError, forbidden, notFound } from '@group/shared';

export const tagRuleErrors = {
  authorForbidden: () => forbidden('TAG_RULE_FORBIDDEN', 'Only the group marketing department and group executives (MKT-R23) may define tag rules'),
  runForbidden: () => forbidden('TAG_RULE_RUN_FORBIDDEN', 'Only the group marketing department, group executives and the scheduler (system admin) may run tag rules'),
  tagNotFound: (id: string) => notFound('Tag', id),
  tagNotRuleBased: (code: string) => badInput('TAG_NOT_RULE_BASED', `Tag ${code} is MANUAL; only RULE tags have rules`, { tagCode: code }),
  expressionInvalid: (path: string, why: string) => badInput('RULE_EXPRESSION_INVALID', `Rule expression at ${path}: ${why}`, { path }),
  ruleNotFound: (code: string) => new DomainError('NOT_FOUND', 'TAG_RULE_NOT_FOUND', `Tag ${code} has no rule yet`, { tagCode: code }),
};
