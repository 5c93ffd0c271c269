import { badInput, forbidden } from '@group/shared';

/** The stable error reasons of customer indicator and segment ingestion (extensions.reason). */
export const indicatorErrors = {
  ingestionForbidden: () => forbidden('INDICATOR_INGESTION_FORBIDDEN', 'Only a system integration account may record customer indicators'),
  segmentIngestionForbidden: () => forbidden('INDICATOR_INGESTION_FORBIDDEN', 'Only a system integration account may record customer segments'),
  observationBatchTooLarge: (MAX_BATCH: number) => badInput('BATCH_TOO_LARGE', `At most ${MAX_BATCH} observations per call`),
  segmentBatchTooLarge: (MAX_BATCH: number) => badInput('BATCH_TOO_LARGE', `At most ${MAX_BATCH} customers per call`),
  unknownIndicator: (i: number, o: { code: string }) => badInput('UNKNOWN_INDICATOR', `Observation ${i}: unknown indicator ${o.code}`, { index: i, indicator: o.code }),
  valueInvalid: (i: number) => badInput('INDICATOR_VALUE_INVALID', `Observation ${i}: value must be finite`, { index: i }),
  asOfInFuture: (i: number) => badInput('INDICATOR_AS_OF_IN_FUTURE', `Observation ${i}: asOf is in the future`, { index: i }),
};
