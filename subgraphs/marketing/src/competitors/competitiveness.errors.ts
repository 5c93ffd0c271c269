import { badInput, conflict, forbidden, notFound } from '@group/shared';

export const competitivenessErrors = {
  catalogueForbidden: () =>
    forbidden('COMPETITIVENESS_CATALOGUE_FORBIDDEN', 'Only group executives and the group marketing department maintain the competitiveness indicator system'),
  codeInvalid: () => badInput('INDICATOR_CODE_INVALID', 'An indicator code is 2–40 characters of A–Z, 0–9 and _'),
  codeTaken: (code: string) => conflict('INDICATOR_CODE_TAKEN', `Indicator code ${code} is already used`, { code }),
  weightInvalid: () => badInput('INDICATOR_WEIGHT_INVALID', 'An indicator weight is a number greater than 0'),
  scaleInvalid: () => badInput('INDICATOR_SCALE_INVALID', 'An indicator scale needs scaleMin < scaleMax'),
  indicatorNotFound: (id: string) => notFound('CompetitivenessIndicator', id),
  indicatorRetired: () => badInput('INDICATOR_RETIRED', 'This indicator is retired and takes no new scores'),
  competitorNotFound: (id: string) => notFound('Competitor', id),
  scoreNotFound: (id: string) => notFound('CompetitivenessScore', id),
  scoreOutOfScale: (min: number, max: number) => badInput('SCORE_OUT_OF_SCALE', `The score must lie on the indicator's scale, ${min}–${max}`, { scaleMin: min, scaleMax: max }),
  scoreExists: () => conflict('SCORE_EXISTS', 'This competitor already has a score on this indicator for the period; update it instead'),
};
