import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, PageArgs } from '@group/shared';
import { Webhook, WebhookDelivery } from '../webhook.entity';

export const WebhookConnection = Connection(Webhook);
export const WebhookDeliveryConnection = Connection(WebhookDelivery);

@InputType()
export class RegisterWebhookInput {
  @Field(() => String, { description: 'https URL (http and loopback only outside production).' }) url: string;
  @Field(() => [String], { description: 'Event types of the contract (docs/events.md) to receive.' }) eventTypes: string[];
  @Field(() => ID, { nullable: true, description: 'SEGMENT_ADMIN: the segment (default: your only one). SYSTEM_ADMIN: leave out (group-wide).' })
  segmentId?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => ID) id: string;
  @Field(() => Int) expectedVersion: number;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true }) eventTypes?: string[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType({ description: 'A webhook with its signing secret, shown only here (registration, rotation): store it now.' })
export class WebhookWithSecret {
  @Field(() => Webhook) webhook: Webhook;
  @Field(() => String) secret: string;
}

@ArgsType()
export class DeliveriesArgs extends PageArgs {
  @Field(() => ID) webhookId: string;
}
