import { badInput } from '@group/shared';

/** The stable error reasons of notifications (extensions.reason). */
export const notificationErrors = {
  tooManyIds: () => badInput('TOO_MANY_IDS', 'At most 100 notifications at once'),
};
