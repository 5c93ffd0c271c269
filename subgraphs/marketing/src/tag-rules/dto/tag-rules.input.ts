import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Aggregate, Comparison } from '../rule-expression';

export enum RuleAggregate {
  SUM = 'SUM',
  COUNT = 'COUNT',
  MAX = 'MAX',
  MIN = 'MIN',
  LATEST = 'LATEST',
}
registerEnumType(RuleAggregate, {
  name: 'RuleAggregate',
  description:
    'How the observations of an indicator in the window become one value: SUM (0 when none), COUNT, MAX, MIN, LATEST (MAX/MIN/LATEST: no observation = condition false).',
});

export enum RuleComparison {
  GT = 'GT',
  GTE = 'GTE',
  LT = 'LT',
  LTE = 'LTE',
  EQ = 'EQ',
  NEQ = 'NEQ',
}
registerEnumType(RuleComparison, { name: 'RuleComparison' });

@InputType({ description: 'AGGREGATE(indicator over the last windowDays) <op> value.' })
export class IndicatorConditionInput {
  @Field({ description: 'An indicator code of `customerIndicatorDefinitions`, e.g. COMPLAINT_COUNT.' })
  @MaxLength(64)
  indicator: string;

  @Field(() => RuleAggregate)
  aggregate: Aggregate;

  @Field(() => Int, { nullable: true, description: 'Only observations of the last N days (1..3660) before the run; null = all.' })
  @Min(1)
  @Max(3660)
  windowDays?: number | null;

  @Field(() => RuleComparison)
  op: Comparison;

  @Field(() => Float)
  value: number;
}

@InputType({ description: 'A rule expression node: set exactly one of and, or, not, condition, segmentIn. At most 6 levels and 50 nodes.' })
export class TagRuleExpressionInput {
  @Field(() => [TagRuleExpressionInput], { nullable: true })
  @ArrayMaxSize(20)
  @ValidateNested()
  and?: TagRuleExpressionInput[] | null;

  @Field(() => [TagRuleExpressionInput], { nullable: true })
  @ArrayMaxSize(20)
  @ValidateNested()
  or?: TagRuleExpressionInput[] | null;

  @Field(() => TagRuleExpressionInput, { nullable: true })
  @ValidateNested()
  not?: TagRuleExpressionInput | null;

  @Field(() => IndicatorConditionInput, { nullable: true })
  @ValidateNested()
  condition?: IndicatorConditionInput | null;

  @Field(() => [ID], { nullable: true, description: 'The customer is in one of these segments (organization ids, as projected in marketing).' })
  @ArrayMaxSize(20)
  segmentIn?: string[] | null;
}

@InputType()
export class SaveTagRuleInput {
  @Field(() => ID)
  @MaxLength(36)
  tagId: string;

  @Field(() => TagRuleExpressionInput)
  @ValidateNested()
  expression: TagRuleExpressionInput;

  @Field(() => Int, {
    nullable: true,
    description:
      'The current rule version you read (0 or omitted when the tag has no rule yet); a stale value, or an omitted one once a rule exists, is refused with CONFLICT STALE_VERSION.',
  })
  expectedVersion?: number | null;
}
