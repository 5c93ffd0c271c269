import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import type { OrganizationContext } from '../context';
import { MeetingTimelinessReport, SpanOfControlRow, SpanOfControlReport, DocumentAvailabilityRow } from './dto/governance-metrics.outputs';

/** Reports ORG-M3, ORG-M8 and ORG-M13. */
@Resolver()
export class GovernanceMetricsResolver {
  @Authorized()
  @Query(() => MeetingTimelinessReport, {
    nullable: true,
    description: "Report ORG-M3: the company's shareholders' meetings held on time vs scheduled (null: company not readable).",
  })
  shareholdersMeetingTimeliness(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.governanceMetrics.meetingTimeliness(requireViewer(ctx), companyId);
  }

  @Authorized()
  @Query(() => SpanOfControlReport, { nullable: true, description: 'Report ORG-M8: management levels and span of control per department (null: company not readable).' })
  async spanOfControlReport(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext): Promise<SpanOfControlReport | null> {
    const rows = await ctx.services.governanceMetrics.spanOfControl(requireViewer(ctx), companyId);
    if (!rows) return null;
    return { levels: rows.reduce((max, r) => Math.max(max, r.level), 0), departments: rows.length, rows: rows.map((r) => Object.assign(new SpanOfControlRow(), r)) };
  }

  @Authorized()
  @Query(() => [DocumentAvailabilityRow], {
    nullable: true,
    description:
      'Report ORG-M13: required documents (org chart, processes, job descriptions, appraisal methods, authority guidelines) present and current (null: company not readable).',
  })
  async documentAvailabilityReport(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext): Promise<DocumentAvailabilityRow[] | null> {
    const rows = await ctx.services.governanceMetrics.documentAvailability(requireViewer(ctx), companyId);
    return rows?.map((r) => ({ ...r, available: r.current > 0 })) ?? null;
  }
}

@Resolver(() => SpanOfControlRow)
export class SpanOfControlRowResolver {
  @FieldResolver(() => Department, { nullable: true })
  department(@Root() r: SpanOfControlRow, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(r.departmentId);
  }
}
