import { badInput } from '@group/shared';

/** The stable error reasons of follow-ups (extensions.reason). */
export const followUpErrors = {
  monthInvalid: () => badInput('MONTH_INVALID', 'The month is YYYY-MM'),
};
