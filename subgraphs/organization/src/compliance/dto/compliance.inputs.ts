import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IsOptional, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { ComplianceCircular, EconomicPenalty, PenaltyOffence } from '../compliance.entity';
import { IdempotentInput } from '../../common/idempotency-key';

export const ComplianceCircularConnection = Connection(ComplianceCircular);

export const EconomicPenaltyConnection = Connection(EconomicPenalty);

@InputType()
export class PeriodInput {
  @Field()
  from: Date;

  @Field({ description: 'Exclusive.' })
  to: Date;
}

@ArgsType()
export class LoginComplianceArgs {
  @Field(() => PeriodInput)
  @ValidateNested()
  period: PeriodInput;

  @Field(() => ID, { nullable: true })
  segmentId?: string | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field({ defaultValue: false, description: 'Only accounts that broke a rule.' })
  onlyNonCompliant: boolean = false;
}

@ArgsType()
export class InactiveAccountsArgs {
  @Field(() => Date, { nullable: true, description: 'Default: now.' })
  asOf?: Date | null;

  @Field(() => ID, { nullable: true })
  segmentId?: string | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;
}

@InputType()
export class IssueCircularInput extends IdempotentInput {
  @Field({ description: 'Reference of the OA circular (通报).' })
  @MinLength(1)
  @MaxLength(100)
  oaReference: string;

  @Field(() => Date, { nullable: true, description: 'Measure inactivity at this moment (default: now).' })
  asOf?: Date | null;
}

@InputType()
export class RecordPenaltyInput extends IdempotentInput {
  @Field(() => ID)
  accountId: string;

  @Field(() => PenaltyOffence)
  offence: PenaltyOffence;

  @Field(() => Float, { description: 'CNY.' })
  @Min(0.01)
  amount: number;

  @Field({ description: "The subsidiary's CRM rule applied (reference of its CRM 管理制度 article)." })
  @MinLength(1)
  @MaxLength(200)
  ruleReference: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  circularId?: string | null;

  @Field(() => Date, { nullable: true, description: "When the offence occurred (default: the circular's asOf, else now); the CRM rules in force then apply." })
  @IsOptional()
  occurredAt?: Date | null;
}

@InputType()
export class PenaltyFilter {
  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;
}

@ArgsType()
export class PenaltiesArgs extends PageArgs {
  @Field(() => PenaltyFilter, { nullable: true })
  @ValidateNested()
  filter?: PenaltyFilter | null;
}

@ArgsType()
export class CircularsArgs extends PageArgs {}

@InputType()
export class RecordTravelPeriodInput extends IdempotentInput {
  @Field(() => ID)
  employeeId: string;

  @Field()
  startsAt: Date;

  @Field({ description: 'Exclusive.' })
  endsAt: Date;
}
