import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdempotencyKeyField, Connection, OrderByInput, OrderShape, OrderDirection, PageArgs, PageInfo, sortOf, SortSpec } from '@group/shared';
import { ArrayMaxSize, MaxLength, Min, ValidateNested } from 'class-validator';
import { Audience, AudienceKind, Campaign, CampaignChannel } from '../audience.entity';
import { Customer } from '../../federated/customer';

export const AudienceConnection = Connection(Audience);
export const CampaignConnection = Connection(Campaign);

enum AudienceOrderField {
  CREATED_AT = 'createdAt',
  NAME = 'name',
}
registerEnumType(AudienceOrderField, { name: 'AudienceOrderField' });
const AudienceOrder = OrderByInput('Audience', AudienceOrderField);

enum CampaignOrderField {
  STARTS_AT = 'startsAt',
  NAME = 'name',
}
registerEnumType(CampaignOrderField, { name: 'CampaignOrderField' });
const CampaignOrder = OrderByInput('Campaign', CampaignOrderField);

@ArgsType()
export class AudiencesArgs extends PageArgs {
  @Field(() => AudienceOrder, { nullable: true, description: 'Default: newest first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'createdAt', direction: OrderDirection.DESC });
  }
}

@ArgsType()
export class AudienceMembersArgs extends PageArgs {
  @Field(() => ID)
  @MaxLength(36)
  audienceId: string;
}

@InputType()
export class CampaignFilter {
  @Field(() => ID, { nullable: true })
  audienceId?: string | null;
}

@ArgsType()
export class CampaignsArgs extends PageArgs {
  @Field(() => CampaignFilter, { nullable: true })
  @ValidateNested()
  filter?: CampaignFilter | null;

  @Field(() => CampaignOrder, { nullable: true, description: 'Default: latest start first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'startsAt', direction: OrderDirection.DESC });
  }
}

@InputType({ description: 'A tag-expression node: set exactly one of and, or, not, tagId (the customer has the tag, effective now).' })
export class AudienceExpressionInput {
  @Field(() => [AudienceExpressionInput], { nullable: true })
  @ArrayMaxSize(20)
  @ValidateNested()
  and?: AudienceExpressionInput[] | null;

  @Field(() => [AudienceExpressionInput], { nullable: true })
  @ArrayMaxSize(20)
  @ValidateNested()
  or?: AudienceExpressionInput[] | null;

  @Field(() => AudienceExpressionInput, { nullable: true })
  @ValidateNested()
  not?: AudienceExpressionInput | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  tagId?: string | null;
}

@InputType()
export class CreateAudienceInput {
  @Field()
  @MaxLength(100)
  name: string;

  @Field(() => ID)
  @MaxLength(36)
  segmentId: string;

  @Field(() => AudienceKind)
  kind: AudienceKind;

  @Field(() => AudienceExpressionInput)
  @ValidateNested()
  expression: AudienceExpressionInput;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class CreateCampaignInput {
  @Field()
  @MaxLength(100)
  name: string;

  @Field(() => ID)
  @MaxLength(36)
  audienceId: string;

  @Field(() => CampaignChannel)
  channel: CampaignChannel;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Float)
  @Min(0)
  budget: number;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class CampaignResultsInput {
  @Field(() => ID)
  @MaxLength(36)
  campaignId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => Int, { nullable: true })
  @Min(0)
  reached?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(0)
  responded?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(0)
  converted?: number | null;

  @Field(() => Float, { nullable: true })
  @Min(0)
  revenue?: number | null;
}

@ObjectType('AudienceMemberEdge')
export class AudienceMemberEdge {
  @Field()
  cursor: string;

  @Field(() => Customer)
  node: Customer;
}

@ObjectType('AudienceMemberConnection', { description: 'Members of an audience by customer id.' })
export class AudienceMemberConnection {
  @Field(() => [AudienceMemberEdge])
  edges: AudienceMemberEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
