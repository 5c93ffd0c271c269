import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { DelegatedPower, GovernanceMatter } from '../../governance/authority';
import { IdempotentInput } from '../../common/idempotency-key';

@ArgsType()
export class WhoMayDecideArgs {
  @Field(() => ID)
  companyId: string;

  @Field(() => GovernanceMatter)
  matter: GovernanceMatter;

  @Field(() => Int, { nullable: true, description: 'Amount at stake, in 万元 (10,000 CNY).' })
  @IsOptional()
  @Min(0)
  amountWan?: number | null;
}

@InputType()
export class GrantDelegationInput extends IdempotentInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => ID, { nullable: true })
  grantorBodyId?: string | null;

  @Field(() => ID, { nullable: true })
  grantorEmployeeId?: string | null;

  @Field(() => ID, { nullable: true })
  granteeBodyId?: string | null;

  @Field(() => ID, { nullable: true })
  granteeEmployeeId?: string | null;

  @Field(() => ID, { nullable: true })
  granteeDepartmentId?: string | null;

  @Field(() => DelegatedPower)
  power: DelegatedPower;

  @Field(() => GovernanceMatter, { nullable: true })
  matter?: GovernanceMatter | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  amountLimitWan?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  scopeDescription?: string | null;

  @Field(() => Date, { nullable: true })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  validTo?: Date | null;
}
