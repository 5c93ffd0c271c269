import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { IdempotencyKeyField } from '@group/shared';

@InputType()
export class CreateServiceBranchInput {
  @Field(() => ID)
  @Length(1, 36)
  companyId: string;

  @Field({ description: 'Short unique code, e.g. JARE-CQ (stored upper case).' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{1,19}$/)
  code: string;

  @Field()
  @Length(1, 100)
  name: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateServiceBranchInput {
  @Field(() => ID)
  @Length(1, 36)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  name?: string | null;
}

@InputType()
export class SetCompanyCalendarInput {
  @Field(() => ID)
  @Length(1, 36)
  companyId: string;

  @Field()
  @Length(1, 100)
  name: string;

  @Field(() => Int, { description: 'Minutes east of UTC (China: 480).' })
  utcOffsetMinutes: number;

  @Field(() => Int, { description: 'Start of the working day, minutes after local midnight (e.g. 510 = 08:30).' })
  @Min(0)
  @Max(1439)
  dayStartMinute: number;

  @Field(() => Int, { description: 'End of the working day, minutes after local midnight (e.g. 1050 = 17:30).' })
  @Min(1)
  @Max(1440)
  dayEndMinute: number;

  @Field(() => [Int], { description: 'ISO weekdays worked, 1 = Monday ... 7 = Sunday.' })
  @ArrayMaxSize(7)
  workingWeekdays: number[];

  @Field(() => Int, {
    nullable: true,
    description:
      "The version of the company's own calendar you read (WorkingCalendar.version); null when the company has none yet (first calendar). Stale or missing: CONFLICT STALE_VERSION.",
  })
  expectedVersion?: number | null;
}
