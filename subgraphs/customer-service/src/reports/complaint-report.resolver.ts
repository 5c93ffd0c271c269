import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { ComplaintReportService, ReportDimension, ReportInterval } from './complaint-report.service';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity, CustomerJourneyPhase } from '../complaints/complaint.entity';
import type { CustomerServiceContext } from '../context';

registerEnumType(ReportDimension, { name: 'ComplaintReportDimension', description: 'What the SLA report groups by.' });
registerEnumType(ReportInterval, { name: 'ComplaintReportInterval' });

@ObjectType({ description: 'SLA compliance and backlog ageing of one group (a branch, company, segment or responsible department).' })
export class ComplaintSlaReportRow {
  @Field(() => ID, { nullable: true, description: 'Id of the branch / company / segment / department; null = complaints without one.' })
  groupId: string | null;

  @Field(() => Int) total: number;
  @Field(() => Int) open: number;
  @Field(() => Int) firstResponseOnTime: number;
  @Field(() => Int) firstResponseBreached: number;
  @Field(() => Int) resolutionOnTime: number;
  @Field(() => Int) resolutionBreached: number;

  @Field(() => Float, { nullable: true, description: 'Targets met / targets decided (both targets); null when none is decided yet.' })
  complianceRate: number | null;

  @Field(() => Int, { description: 'Open complaints received less than a day ago.' }) openUnder1Day: number;
  @Field(() => Int) open1To3Days: number;
  @Field(() => Int) open3To7Days: number;
  @Field(() => Int, { description: 'Open complaints older than a week.' }) openOver7Days: number;
}

@ObjectType({ description: 'Number of complaints received in one period through one channel, with one severity, journey phase and category.' })
export class ComplaintVolumeReportRow {
  @Field({ description: 'YYYY-MM-DD or YYYY-MM (UTC).' }) period: string;
  @Field(() => ComplaintChannel) channel: string;
  @Field(() => ComplaintSeverity) severity: string;
  @Field(() => CustomerJourneyPhase) phase: string;
  @Field(() => ComplaintCategory) category: string;
  @Field(() => Int) count: number;
}

@Resolver()
export class ComplaintReportResolver {
  @Authorized()
  @Query(() => [ComplaintSlaReportRow], {
    description: 'SLA compliance and backlog ageing (CS-M11) of the complaints received in [from, to) that you can see, grouped by `by`. One row per group.',
  })
  complaintSlaReport(
    @Arg('by', () => ReportDimension) by: ReportDimension,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: CustomerServiceContext,
  ): Promise<ComplaintSlaReportRow[]> {
    return reports(ctx).sla(requireViewer(ctx), by, from, to);
  }

  @Authorized()
  @Query(() => [ComplaintVolumeReportRow], {
    description: 'Complaints by channel, category, severity and phase per local day, ISO week or month (CS-M10, CS-M15), for those you can see.',
  })
  complaintVolumeReport(
    @Arg('interval', () => ReportInterval) interval: ReportInterval,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: CustomerServiceContext,
    @Arg('utcOffsetMinutes', () => Int, { nullable: true, description: 'Local time the periods are cut in, minutes east of UTC; default 480 (China Standard Time).' })
    utcOffsetMinutes?: number | null,
  ): Promise<ComplaintVolumeReportRow[]> {
    return reports(ctx).volume(requireViewer(ctx), interval, from, to, utcOffsetMinutes ?? undefined);
  }
}

const reports = (ctx: CustomerServiceContext): ComplaintReportService => ctx.services.reports;
