import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { ComplaintSeverity } from '../../complaints/complaint.entity';
import { CalendarDayKind } from '../business-calendar.entity';

@InputType()
export class SetSlaPolicyInput {
  @Field(() => ComplaintSeverity)
  severity: ComplaintSeverity;

  @Field(() => Int, { description: 'The version of the policy you read (SlaPolicy.version); a stale one is CONFLICT STALE_VERSION.' })
  expectedVersion: number;

  @Field(() => Int, { description: 'Business minutes to the first response.' })
  @Min(1)
  @Max(100_000)
  firstResponseMinutes: number;

  @Field(() => Int, { nullable: true, description: 'Business minutes to resolution; null = case by case.' })
  @IsOptional()
  @Min(1)
  @Max(1_000_000)
  resolutionMinutes?: number | null;

  @Field(() => Int, { description: 'At-risk threshold, percent of the resolution target.' })
  @Min(1)
  @Max(100)
  warnPercent: number;
}

@InputType()
export class SetCalendarDayInput {
  @Field({ description: 'Local date, YYYY-MM-DD.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date: string;

  @Field(() => CalendarDayKind, { nullable: true, description: 'Null removes the exception (the weekly pattern applies again).' })
  kind?: CalendarDayKind | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'The company whose own calendar this day belongs to; null = the group default calendar.' })
  @IsOptional()
  @Length(1, 36)
  companyId?: string | null;
}
