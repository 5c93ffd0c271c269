import { badInput, conflict, forbidden } from '@group/shared';

/** The stable error reasons of branch assessment (extensions.reason). */
export const assessmentErrors = {
  weightsRoleForbidden: () => forbidden('ROLE_FORBIDDEN', 'Only group executives change assessment weights'),
  indicatorInvalid: (indicator: string) => badInput('ASSESSMENT_INDICATOR_INVALID', `Unknown indicator ${indicator}`),
  weightInvalid: () => badInput('ASSESSMENT_WEIGHT_INVALID', 'A weight is an integer from 0 to 100'),
  closeRoleForbidden: () => forbidden('ROLE_FORBIDDEN', 'Only group executives close assessment periods'),
  periodNotOver: (period: string) => badInput('ASSESSMENT_PERIOD_NOT_OVER', `${period} has not ended yet`),
  periodClosed: (period: string) => conflict('ASSESSMENT_PERIOD_CLOSED', `${period} is closed already`),
  periodInvalid: () => badInput('ASSESSMENT_PERIOD_INVALID', 'A period is a month, YYYY-MM'),
};
