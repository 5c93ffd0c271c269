import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IdempotencyKeyField } from '@group/shared';
import { Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CustomerTier } from '../churn-event.entity';
import { TagRuleExpressionInput } from '../../tag-rules/dto/tag-rules.input';

@InputType()
export class SaveTierRuleInput {
  @Field(() => CustomerTier)
  tier: CustomerTier;

  @Field(() => Int, { description: 'Rules are tried by ascending priority; the first match gives the tier.' })
  @Min(0)
  @Max(1000)
  priority: number;

  @Field(() => TagRuleExpressionInput, { description: 'Same expression language as tag rules.' })
  @ValidateNested()
  expression: TagRuleExpressionInput;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you read (0 or omitted when the tier has no rule yet); a stale one, or an omitted one once a rule exists, is CONFLICT STALE_VERSION.',
  })
  @Min(0)
  expectedVersion?: number | null;
}

@ObjectType()
export class TierCount {
  @Field(() => CustomerTier, { nullable: true, description: 'null: customers never tiered.' })
  tier: CustomerTier | null;

  @Field(() => Int)
  customers: number;
}

@InputType()
export class RecordChurnInput {
  @Field(() => ID)
  @MaxLength(36)
  customerId: string;

  @Field()
  churnedAt: Date;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  reason?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@ArgsType()
export class ChurnReportArgs {
  @Field({ description: 'Start of the period (inclusive).' })
  from: Date;

  @Field({ description: 'End of the period (exclusive).' })
  to: Date;

  @Field(() => ID, { nullable: true, description: 'Only this segment (still within those you can read).' })
  @MaxLength(36)
  segmentId?: string | null;
}

@ObjectType({ description: 'Churn of one population over a period (MKT-M1).' })
export class ChurnRate {
  @Field({ description: 'Customers served by a customer manager at the start of the period.' })
  managed: boolean;

  @Field(() => Int, { description: 'Customers active (known, not churned) at the start.' })
  customersAtStart: number;

  @Field(() => Int, { description: 'Of those, churned during the period.' })
  churned: number;

  @Field(() => Float, { nullable: true, description: 'churned ÷ customersAtStart (null when no customer).' })
  rate: number | null;
}

@ObjectType()
export class ChurnReport {
  @Field(() => [ChurnRate], { description: 'Not managed, then managed.' })
  byManagement: ChurnRate[];

  @Field(() => ChurnRate, { description: 'All customers (managed = false here means "all").' })
  total: ChurnRate;
}
