import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { GovernanceChange } from '../governance-change.entity';

@InputType()
export class GovernanceChangeFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  entityType?: string | null;

  @Field(() => ID, { nullable: true })
  entityId?: string | null;
}

@ArgsType()
export class GovernanceChangesArgs extends PageArgs {
  @Field(() => GovernanceChangeFilter, { nullable: true })
  @ValidateNested()
  filter?: GovernanceChangeFilter | null;
}

export const GovernanceChangeConnection = Connection(GovernanceChange);
