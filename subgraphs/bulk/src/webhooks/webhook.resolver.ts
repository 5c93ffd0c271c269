import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, PageArgs, requireViewer } from '@group/shared';
import type { BulkContext } from '../context';
import { Webhook, WebhookAttempt, WebhookDelivery } from './webhook.entity';
import { DeliveriesArgs, RegisterWebhookInput, UpdateWebhookInput, WebhookConnection, WebhookDeliveryConnection, WebhookWithSecret } from './dto/webhook.inputs';

const ERRORS = 'Errors: FORBIDDEN WEBHOOK_FORBIDDEN (not an admin), NOT_FOUND WEBHOOK_NOT_FOUND (not yours to manage)';

@Resolver(() => Webhook)
export class WebhookResolver {
  @Authorized()
  @Mutation(() => WebhookWithSecret, {
    description: `Registers a webhook: SYSTEM_ADMIN group-wide (every event), SEGMENT_ADMIN one of their segments (its events only). The secret is returned once. ${ERRORS}, FORBIDDEN WEBHOOK_SCOPE_FORBIDDEN, BAD_USER_INPUT WEBHOOK_URL_INVALID / WEBHOOK_EVENT_TYPES_INVALID.`,
  })
  registerWebhook(@Arg('input') input: RegisterWebhookInput, @Ctx() ctx: BulkContext): Promise<WebhookWithSecret> {
    return ctx.services.webhooks.register(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Webhook, {
    description: `Changes URL, event types or description. ${ERRORS}, CONFLICT STALE_VERSION, BAD_USER_INPUT WEBHOOK_URL_INVALID / WEBHOOK_EVENT_TYPES_INVALID.`,
  })
  updateWebhook(@Arg('input') input: UpdateWebhookInput, @Ctx() ctx: BulkContext): Promise<Webhook> {
    return ctx.services.webhooks.update(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => WebhookWithSecret, {
    description: `A new secret, returned once; deliveries carry signatures with both the new and the old secret during the overlap (WEBHOOK_ROTATION_OVERLAP_SECONDS, 24 h). ${ERRORS}.`,
  })
  rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: BulkContext): Promise<WebhookWithSecret> {
    return ctx.services.webhooks.rotateSecret(requireViewer(ctx), id);
  }

  @Authorized()
  @Mutation(() => Webhook, { description: `Stops deliveries (pending ones wait). ${ERRORS}.` })
  disableWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: BulkContext): Promise<Webhook> {
    return ctx.services.webhooks.disable(requireViewer(ctx), id);
  }

  @Authorized()
  @Mutation(() => Webhook, { description: `Delivers again; you become the owner whose access deliveries are checked against. ${ERRORS}.` })
  enableWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: BulkContext): Promise<Webhook> {
    return ctx.services.webhooks.enable(requireViewer(ctx), id);
  }

  @Authorized()
  @Mutation(() => WebhookDelivery, { description: 'Sends a delivery again (due now, a new 24 h retry window). Errors: NOT_FOUND WEBHOOKDELIVERY_NOT_FOUND.' })
  redeliverWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: BulkContext): Promise<WebhookDelivery> {
    return ctx.services.webhooks.redeliver(requireViewer(ctx), id);
  }

  @Authorized()
  @Query(() => WebhookConnection, { description: `The webhooks you manage (SYSTEM_ADMIN: group-wide; SEGMENT_ADMIN: your segments'), newest first. ${ERRORS}.` })
  webhooks(@Args() page: PageArgs, @Ctx() ctx: BulkContext): Promise<ConnectionShape<Webhook>> {
    return ctx.services.webhooks.list(requireViewer(ctx), page);
  }

  @Authorized()
  @Query(() => WebhookDeliveryConnection, { description: `The delivery log of a webhook you manage, newest first. ${ERRORS}.` })
  webhookDeliveries(@Args() args: DeliveriesArgs, @Ctx() ctx: BulkContext): Promise<ConnectionShape<WebhookDelivery>> {
    return ctx.services.webhooks.deliveries(requireViewer(ctx), args.webhookId, args);
  }

  @FieldResolver(() => [String])
  eventTypes(@Root() w: Webhook): string[] {
    return JSON.parse(w.eventTypesJson) as string[];
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttempt], { description: 'Its attempts, oldest first (and notices such as an automatic disable).' })
  async attemptLog(@Root() d: WebhookDelivery, @Ctx() ctx: BulkContext): Promise<WebhookAttempt[]> {
    return ctx.services.webhooks.attemptsOf([d.id]);
  }

  @FieldResolver(() => String, { description: 'The JSON body POSTed.' })
  body(@Root() d: WebhookDelivery): string {
    return d.body;
  }
}
