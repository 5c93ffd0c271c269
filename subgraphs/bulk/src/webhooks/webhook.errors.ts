import { badInput, forbidden, notFound } from '@group/shared';

/** The stable error reasons of webhooks and their deliveries (extensions.reason). */
export const webhookErrors = {
  notFound: (id: string) => notFound('Webhook', id),
  deliveryNotFound: (id: string) => notFound('WebhookDelivery', id),
  forbidden: () => forbidden('WEBHOOK_FORBIDDEN', 'Only a SYSTEM_ADMIN (group-wide) or a SEGMENT_ADMIN (their segment) manages webhooks'),
  groupScopeOnly: () => forbidden('WEBHOOK_SCOPE_FORBIDDEN', 'A SYSTEM_ADMIN registers group-wide webhooks (no segmentId)'),
  ownSegmentsOnly: () => forbidden('WEBHOOK_SCOPE_FORBIDDEN', 'A SEGMENT_ADMIN registers webhooks of one of their own segments'),
  eventTypesInvalid: (known: readonly string[], unknown: string[]) =>
    badInput('WEBHOOK_EVENT_TYPES_INVALID', `Subscribe to at least one of ${known.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`, {
      unknown,
    }),
  urlInvalid: (message: string) => badInput('WEBHOOK_URL_INVALID', message),
};
