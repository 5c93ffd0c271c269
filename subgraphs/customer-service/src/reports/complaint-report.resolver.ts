import { Arg, Authorized, Ctx, Int, Query, Resolver, registerEnumType } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { ComplaintReportService, ReportDimension, ReportInterval } from './complaint-report.service';
import type { CustomerServiceContext } from '../context';
import { ComplaintSlaReportRow, ComplaintVolumeReportRow } from './dto/complaint-report.outputs';

registerEnumType(ReportDimension, { name: 'ComplaintReportDimension', description: 'What the SLA report groups by.' });
registerEnumType(ReportInterval, { name: 'ComplaintReportInterval' });

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
