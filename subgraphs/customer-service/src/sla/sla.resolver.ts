import { Arg, Authorized, Ctx, Mutation, registerEnumType, Resolver } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { SlaPolicy } from './sla-policy.entity';
import { CalendarDayKind } from './business-calendar.entity';
import type { CustomerServiceContext } from '../context';
import { SetSlaPolicyInput, SetCalendarDayInput } from './dto/sla.inputs';

registerEnumType(CalendarDayKind, { name: 'CalendarDayKind', description: 'HOLIDAY (节假日) or MAKE_UP_WORKDAY (调休上班).' });

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
