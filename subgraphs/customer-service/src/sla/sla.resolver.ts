import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, registerEnumType, Resolver } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { requireViewer } from '@group/shared';
import { ComplaintSeverity } from '../complaints/complaint.entity';
import { SlaPolicy } from './sla-policy.entity';
import { CalendarDayKind } from './business-calendar.entity';
import type { CustomerServiceContext } from '../context';

registerEnumType(CalendarDayKind, { name: 'CalendarDayKind', description: 'HOLIDAY (节假日) or MAKE_UP_WORKDAY (调休上班).' });

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

@Resolver()
export class SlaResolver {
  @Authorized()
  @Mutation(() => SlaPolicy, {
    description: 'Changes the SLA targets of a severity (group executives). Applies to complaints registered afterwards. Errors: FORBIDDEN ROLE_FORBIDDEN, CONFLICT STALE_VERSION.',
  })
  setSlaPolicy(@Arg('input', () => SetSlaPolicyInput) input: SetSlaPolicyInput, @Ctx() ctx: CustomerServiceContext): Promise<SlaPolicy> {
    return ctx.services.slaAdmin.setPolicy(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Declares a holiday or make-up working day in the group default calendar or a company’s own calendar (group executives). Applies to due times computed afterwards.',
  })
  setCalendarDay(@Arg('input', () => SetCalendarDayInput) input: SetCalendarDayInput, @Ctx() ctx: CustomerServiceContext): Promise<boolean> {
    return ctx.services.slaAdmin.setCalendarDay(requireViewer(ctx), input);
  }
}
