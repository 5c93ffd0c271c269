import { badInput } from '@group/shared';

/** The stable error reasons of the complaint reports (extensions.reason). */
export const reportErrors = {
  rangeInvalid: () => badInput('REPORT_RANGE_INVALID', '`to` must be after `from`'),
  offsetInvalid: () => badInput('REPORT_OFFSET_INVALID', 'utcOffsetMinutes must be a whole number of minutes within ±14 h'),
};
