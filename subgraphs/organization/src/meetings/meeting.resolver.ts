import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { ExecutionStatus, Meeting, MeetingAgendaItem, Resolution } from './meeting.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Employee } from '../employees/employee.entity';
import type { OrganizationContext } from '../context';
import { ScheduleMeetingInput, HoldMeetingInput, RecordResolutionInput, SetMeetingRulesInput } from './dto/meeting.inputs';
import { ResolutionExecutionRow } from './dto/meeting.outputs';

@Resolver(() => Meeting)
export class MeetingResolver {
  @Authorized()
  @Query(() => [ResolutionExecutionRow], { description: 'Report ORG-M4: resolution execution rate per executing body of a company (company-scoped).' })
  async resolutionExecutionReport(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext): Promise<ResolutionExecutionRow[]> {
    const rows = await ctx.services.meetings.executionReport(requireViewer(ctx), companyId);
    const byBody = new Map<string | null, ResolutionExecutionRow & { id: string | null }>();
    for (const r of rows) {
      const row = byBody.get(r.executorBodyId) ?? { id: r.executorBodyId, executorBody: null, passed: 0, executed: 0, inProgress: 0, pending: 0, notExecuted: 0, executionRate: 0 };
      row.passed += r.count;
      if (r.status === ExecutionStatus.EXECUTED) row.executed += r.count;
      if (r.status === ExecutionStatus.IN_PROGRESS) row.inProgress += r.count;
      if (r.status === ExecutionStatus.PENDING) row.pending += r.count;
      if (r.status === ExecutionStatus.NOT_EXECUTED) row.notExecuted += r.count;
      byBody.set(r.executorBodyId, row);
    }
    return Promise.all(
      [...byBody.values()].map(async ({ id, ...row }) => ({
        ...row,
        executorBody: id ? await ctx.loaders.governingBodyById.load(id) : null,
        executionRate: row.passed ? row.executed / row.passed : 0,
      })),
    );
  }

  @Authorized()
  @Query(() => Meeting, { nullable: true })
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.meetingById.load(id);
  }

  @Authorized()
  @Mutation(() => Meeting, { description: "Schedules a meeting with its agenda; the board convenes the shareholders' meeting. GROUP_EXECUTIVE only." })
  scheduleMeeting(@Arg('input') input: ScheduleMeetingInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.meetings.schedule(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Meeting, {
    description:
      "Records attendance and the quorum: seats for boards, management and committees; share capital (voting rights of the shareholdings represented) for a shareholders' meeting.",
  })
  holdMeeting(@Arg('input') input: HoldMeetingInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.meetings.hold(requireViewer(ctx), input.meetingId, input.expectedVersion, input.attendeeIds);
  }

  @Authorized()
  @Mutation(() => Resolution, { description: 'Records a resolution with its votes; only at a quorate meeting, only on a matter the body holds the power for.' })
  recordResolution(@Arg('input') input: RecordResolutionInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.meetings.recordResolution(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Resolution, { description: 'Reports the execution of a passed resolution.' })
  updateResolutionExecution(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('status', () => ExecutionStatus) status: ExecutionStatus,
    @Ctx() ctx: OrganizationContext,
  ) {
    return ctx.services.meetings.updateExecution(requireViewer(ctx), id, expectedVersion, status);
  }

  @Authorized()
  @Mutation(() => GoverningBody, { description: 'Sets the quorum and pass thresholds of a body (null = more than half).' })
  setGoverningBodyMeetingRules(@Arg('input') input: SetMeetingRulesInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.meetings.setMeetingRules(requireViewer(ctx), input.bodyId, input.expectedVersion, input.quorumPercent ?? null, input.passPercent ?? null);
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  body(@Root() m: Meeting, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(m.bodyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true, description: "The body that convened it (the board, for a shareholders' meeting)." })
  convenedBy(@Root() m: Meeting, @Ctx() ctx: OrganizationContext) {
    return m.convenedByBodyId ? ctx.loaders.governingBodyById.load(m.convenedByBodyId) : null;
  }

  @FieldResolver(() => [MeetingAgendaItem])
  agenda(@Root() m: Meeting, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.agendaByMeetingId.load(m.id);
  }

  @FieldResolver(() => [Employee], { description: 'Members present.' })
  async attendees(@Root() m: Meeting, @Ctx() ctx: OrganizationContext) {
    const rows = await ctx.loaders.attendanceByMeetingId.load(m.id);
    const people = await ctx.loaders.employeeById.loadMany(rows.map((r) => r.employeeId));
    return people.filter((p): p is Employee => !!p && !(p instanceof Error));
  }

  @FieldResolver(() => [Resolution])
  resolutions(@Root() m: Meeting, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.resolutionsByMeetingId.load(m.id);
  }
}

@Resolver(() => Resolution)
export class ResolutionResolver {
  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() r: Resolution, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.meetingById.load(r.meetingId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true, description: "The body that executes it (board for shareholders' resolutions, management for the board's)." })
  executorBody(@Root() r: Resolution, @Ctx() ctx: OrganizationContext) {
    return r.executorBodyId ? ctx.loaders.governingBodyById.load(r.executorBodyId) : null;
  }
}

@Resolver(() => GoverningBody)
export class GoverningBodyMeetingsResolver {
  @FieldResolver(() => [Meeting], { description: 'Meetings, newest first.' })
  meetings(@Root() b: GoverningBody, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.meetingsByBodyId.load(b.id);
  }
}
