import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MeetingKind } from '../meeting.entity';
import { GovernanceMatter } from '../../governance/authority';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class AgendaItemInput {
  @Field()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @Field(() => GovernanceMatter, { nullable: true })
  matter?: GovernanceMatter | null;
}

@InputType()
export class ScheduleMeetingInput extends IdempotentInput {
  @Field(() => ID)
  bodyId: string;

  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field()
  scheduledFor: Date;

  @Field(() => [AgendaItemInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  agenda: AgendaItemInput[];
}

@InputType()
export class HoldMeetingInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => [ID], { description: 'Employees present; each must be an active member of the body.' })
  @ArrayMaxSize(500)
  attendeeIds: string[];
}

@InputType()
export class RecordResolutionInput extends IdempotentInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => GovernanceMatter)
  matter: GovernanceMatter;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  amountWan?: number | null;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  text: string;

  @Field(() => Int, {
    description:
      "Members for a seat-counted meeting; voting rights in basis points (1/100 %) for a shareholders' meeting (quorumBasis SHARE_CAPITAL). Likewise against and abstentions.",
  })
  @Min(0)
  votesFor: number;

  @Field(() => Int)
  @Min(0)
  votesAgainst: number;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  abstentions: number;
}

@InputType()
export class SetMeetingRulesInput {
  @Field(() => ID)
  bodyId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(99)
  quorumPercent?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(99)
  passPercent?: number | null;
}
