import type { ConsumerSpec, EventPayloads } from '@group/shared';
import { NotificationKind } from './notification.entity';
import type { NotificationService } from './notification.service';

/**
 * The owner of a webhook the bulk subgraph disabled automatically (WebhookDisabled) gets an in-app
 * notification (`myNotifications`). Notifications are addressed to employees: an owner account
 * without an employee (an integration) gets none (the notice stays on the webhook). Applied once per
 * (webhook, version), and the notification's unique (recipient, kind, webhook, version) key makes a
 * replay harmless; a webhook enabled and disabled again notifies again (a newer version).
 */
export function webhookOwnerNotifications(notifications: NotificationService, now: () => Date = () => new Date()): ConsumerSpec {
  return {
    name: 'customer-service-webhook-notifications',
    types: ['WebhookDisabled'],
    async apply(m, e) {
      const p = e.payload as EventPayloads['WebhookDisabled'];
      await notifications.notify(m, [p.ownerEmployeeId], {
        kind: NotificationKind.WEBHOOK_DISABLED,
        subjectId: p.webhookId,
        eventKey: `V${e.aggregateVersion}`,
        message: p.notice || `Webhook ${p.webhookId} was disabled (${p.reason})`,
        at: now(),
      });
    },
  };
}
