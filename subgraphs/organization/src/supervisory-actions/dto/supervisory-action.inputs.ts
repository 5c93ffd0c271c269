import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { FollowUpStatus, SupervisoryAction, SupervisoryActionType, SupervisoryFinding } from '../supervisory-action.entity';
import { IdempotentInput } from '../../common/idempotency-key';
import { StatusFilter } from '../../common/status-filter';

@InputType()
export class TakeSupervisoryActionInput extends IdempotentInput {
  @Field(() => ID, { description: 'The board of supervisors acting.' })
  bodyId: string;

  @Field(() => ID, { description: 'An active director or senior manager of the same company.' })
  targetEmployeeId: string;

  @Field(() => SupervisoryFinding)
  finding: SupervisoryFinding;

  @Field(() => SupervisoryActionType)
  action: SupervisoryActionType;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  description: string;
}

@InputType()
export class FollowUpSupervisoryActionInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => FollowUpStatus, { description: 'FOLLOWING_UP or CLOSED (closing needs the follow-up text).' })
  status: FollowUpStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  followUp?: string | null;
}

@InputType()
export class SupervisoryActionFilter extends StatusFilter {
  @Field(() => FollowUpStatus, { nullable: true })
  status?: FollowUpStatus | null;
}

@ArgsType()
export class SupervisoryActionsArgs extends PageArgs {
  @Field(() => SupervisoryActionFilter, { nullable: true })
  @ValidateNested()
  filter?: SupervisoryActionFilter | null;
}

export const SupervisoryActionConnection = Connection(SupervisoryAction);
