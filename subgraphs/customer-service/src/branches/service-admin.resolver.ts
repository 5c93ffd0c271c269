import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { ServiceBranch, ServiceStaff } from './service-branch.entity';
import { stub } from '../federated/stub';
import type { BusinessCalendar } from '../sla/business-calendar.entity';
import { loadersOf, type CustomerServiceContext } from '../context';
import { CreateServiceBranchInput, UpdateServiceBranchInput, SetCompanyCalendarInput } from './dto/service-admin.inputs';
import { ServiceStaffMember, CalendarDay, WorkingCalendar } from './dto/service-admin.outputs';

const toStaff = (s: ServiceStaff): ServiceStaffMember => Object.assign(new ServiceStaffMember(), { employee: stub(s.employeeId)!, branch: null, branchId: s.branchId });
const toCalendar = (c: BusinessCalendar): WorkingCalendar =>
  Object.assign(new WorkingCalendar(), {
    id: c.id,
    name: c.name,
    company: stub(c.companyId),
    utcOffsetMinutes: c.utcOffsetMinutes,
    dayStartMinute: c.dayStartMinute,
    dayEndMinute: c.dayEndMinute,
    workingWeekdays: c.workingWeekdays.split(',').map(Number),
    version: c.version,
  });

/** Administration of branches, service staff and working calendars (see ServiceAdminService for who may). */
@Resolver()
export class ServiceAdminResolver {
  @Authorized()
  @Mutation(() => ServiceBranch, {
    description: 'Creates a customer-service branch under a company. Errors: FORBIDDEN ROLE_FORBIDDEN, CONFLICT SERVICE_BRANCH_CODE_TAKEN / IDEMPOTENCY_KEY_REUSED.',
  })
  createServiceBranch(@Arg('input', () => CreateServiceBranchInput) input: CreateServiceBranchInput, @Ctx() ctx: CustomerServiceContext) {
    return ctx.services.serviceAdmin.createBranch(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => ServiceBranch, { description: 'Renames a branch. Errors: CONFLICT STALE_VERSION.' })
  updateServiceBranch(@Arg('input', () => UpdateServiceBranchInput) input: UpdateServiceBranchInput, @Ctx() ctx: CustomerServiceContext) {
    return ctx.services.serviceAdmin.updateBranch(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => ServiceStaffMember, {
    description: 'Puts an employee in a branch, or in the group Customer Service Center when branchId is null; replaces their previous place.',
  })
  async assignServiceStaff(
    @Arg('employeeId', () => ID) employeeId: string,
    @Arg('branchId', () => ID, { nullable: true }) branchId: string | null,
    @Ctx() ctx: CustomerServiceContext,
  ) {
    return toStaff(await ctx.services.serviceAdmin.assignStaff(requireViewer(ctx), employeeId, branchId ?? null));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Removes an employee from customer-service staff (they keep only their segment’s view).' })
  removeServiceStaff(@Arg('employeeId', () => ID) employeeId: string, @Ctx() ctx: CustomerServiceContext) {
    return ctx.services.serviceAdmin.removeStaff(requireViewer(ctx), employeeId);
  }

  @Authorized()
  @Query(() => [ServiceStaffMember], { description: 'Staff of a branch, or of the group Customer Service Center when branchId is null (at most 500).' })
  async serviceStaff(@Arg('branchId', () => ID, { nullable: true }) branchId: string | null, @Ctx() ctx: CustomerServiceContext) {
    requireViewer(ctx);
    return (await ctx.services.serviceAdmin.staff(branchId ?? null)).map(toStaff);
  }

  @Authorized()
  @Mutation(() => WorkingCalendar, {
    description:
      "Sets a company's own working calendar (hours, weekdays, UTC offset); its SLA clocks use it from then on. Errors: FORBIDDEN ROLE_FORBIDDEN, BAD_USER_INPUT CALENDAR_*, CONFLICT STALE_VERSION.",
  })
  async setCompanyCalendar(@Arg('input', () => SetCompanyCalendarInput) input: SetCompanyCalendarInput, @Ctx() ctx: CustomerServiceContext) {
    return toCalendar(await ctx.services.serviceAdmin.setCompanyCalendar(requireViewer(ctx), input));
  }

  @Authorized()
  @Query(() => Int, {
    description:
      "The working calendars' revision: it moves with every change of any calendar or calendar day (setCompanyCalendar, setCalendarDay). A reader may cache workingCalendar answers until it moves (organization does).",
  })
  workingCalendarRevision(@Ctx() ctx: CustomerServiceContext): Promise<number> {
    requireViewer(ctx);
    return ctx.services.serviceAdmin.calendarRevision();
  }

  @Authorized()
  @Query(() => WorkingCalendar, { description: "The calendar a company's SLA clocks run on (its own, else the group default); companyId null = the group default." })
  async workingCalendar(@Arg('companyId', () => ID, { nullable: true }) companyId: string | null, @Ctx() ctx: CustomerServiceContext) {
    requireViewer(ctx);
    return toCalendar(await ctx.services.serviceAdmin.calendarOf(companyId ?? null));
  }
}

@Resolver(() => WorkingCalendar)
export class WorkingCalendarResolver {
  @FieldResolver(() => [CalendarDay], { description: 'Holidays and make-up working days between two local dates (inclusive, at most 1000).' })
  async days(
    @Root() c: WorkingCalendar,
    @Arg('from', { description: 'YYYY-MM-DD' }) from: string,
    @Arg('to', { description: 'YYYY-MM-DD' }) to: string,
    @Ctx() ctx: CustomerServiceContext,
  ): Promise<CalendarDay[]> {
    return ctx.services.serviceAdmin.days(c.id, from, to);
  }
}

@Resolver(() => ServiceStaffMember)
export class ServiceStaffMemberResolver {
  @FieldResolver(() => ServiceBranch, { nullable: true })
  branch(@Root() s: ServiceStaffMember, @Ctx() ctx: CustomerServiceContext) {
    return s.branchId ? loadersOf(ctx).serviceBranchById.load(s.branchId) : null;
  }
}
