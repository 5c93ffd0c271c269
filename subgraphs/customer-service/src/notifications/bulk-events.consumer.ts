import type { ConsumerSpec, EventPayloads } from '@group/shared';
import { NotificationKind } from './notification.entity';
import type { NotificationService } from './notification.service';

/**
 * Notifications from the bulk subgraph's events (`myNotifications`), addressed to employees: an account
 * without an employee (an integration) gets none.
 * - WebhookDisabled: the owner of a webhook disabled automatically, once per (webhook, version); a webhook
 *   enabled and disabled again notifies again (a newer version).
 * - BulkOperationFinished: the submitter of a bulk operation that COMPLETED or FAILED (a cancel is their own
 *   doing or an admin's, and says so where it happened), once per operation.
 * Applied once per (aggregate, version), and the notification's unique (recipient, kind, subject, key) makes a
 * replay harmless.
 */
export function bulkNotifications(notifications: NotificationService, now: () => Date = () => new Date()): ConsumerSpec {
  return {
    name: 'customer-service-webhook-notifications', // the durable consumer's name of old (renaming it would restart its position)
    types: ['WebhookDisabled', 'BulkOperationFinished'],
    async apply(m, e) {
      if (e.type === 'BulkOperationFinished') {
        const p = e.payload as EventPayloads['BulkOperationFinished'];
        if (p.status === 'CANCELED' || !p.employeeId) return;
        await notifications.notify(m, [p.employeeId], {
          kind: NotificationKind.BULK_OPERATION_FINISHED,
          subjectId: p.operationId,
          eventKey: `V${e.aggregateVersion}`,
          message:
            p.status === 'COMPLETED'
              ? `Your bulk operation ${p.operationId} completed: its file is at bulkOperation(id).url`
              : `Your bulk operation ${p.operationId} failed (${p.errorCode ?? 'unknown'}); what it wrote is at bulkOperation(id).partialDataUrl`,
          at: now(),
        });
        return;
      }
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
