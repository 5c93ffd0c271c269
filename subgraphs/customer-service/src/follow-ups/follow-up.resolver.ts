import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { CrmTargetType } from '../crm/crm-enums';
import { FollowUpArgs } from './dto/follow-up.args';
import { FollowUpCompliance, FollowUpComplianceRow, FollowUpItemType, FollowUpList, CompanyFollowUpCompliance } from './dto/follow-up.outputs';
import { FollowUpGrouping, FollowUpItem } from './follow-up.service';
import { Segment } from '../federated/segment';
import { Company } from '../federated/company';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import type { CustomerServiceContext } from '../context';

const toList = (r: { window: { month: string }; items: FollowUpItem[] }): FollowUpList => ({
  month: r.window.month,
  items: r.items.map((i) => ({ ...i, kind: i.kind === 'LEAD' ? CrmTargetType.LEAD : CrmTargetType.OPPORTUNITY })),
});

/** Follow-up compliance (CS-R25, CS-M4) and the lists of what to follow up. */
@Resolver()
export class FollowUpResolver {
  @Authorized()
  @Query(() => FollowUpCompliance, { description: 'Follow-up compliance per staff member or segment for a month (CS-R25, CS-M4), within what you read.' })
  async followUpCompliance(
    @Arg('by', () => FollowUpGrouping) by: FollowUpGrouping,
    @Arg('month', () => String, { nullable: true, description: 'YYYY-MM; default the current month.' }) month: string | null,
    @Ctx() ctx: CustomerServiceContext,
  ): Promise<FollowUpCompliance> {
    const r = await ctx.services.followUps.report(requireViewer(ctx), by, month);
    return { month: r.window.month, rows: r.rows.map((row) => ({ ...row, by })) };
  }

  @Authorized()
  @Query(() => FollowUpList, { description: 'Open leads and opportunities WITHOUT a general action in the month (CS-R25), never-followed-up first.' })
  async followUpViolations(@Args() args: FollowUpArgs, @Ctx() ctx: CustomerServiceContext): Promise<FollowUpList> {
    return toList(await ctx.services.followUps.missing(requireViewer(ctx), args));
  }

  @Authorized()
  @Query(() => FollowUpList, { description: 'Your own "to follow up" list: your open leads and opportunities with no general action yet this month.' })
  async myFollowUps(@Args() args: FollowUpArgs, @Ctx() ctx: CustomerServiceContext): Promise<FollowUpList> {
    return toList(await ctx.services.followUps.mine(requireViewer(ctx), args.first));
  }
}

@Resolver(() => FollowUpItemType)
export class FollowUpItemResolver {
  @FieldResolver(() => Segment)
  segment(@Root() i: FollowUpItemType): Segment {
    return { id: i.segmentId };
  }

  @FieldResolver(() => Employee, { nullable: true })
  owner(@Root() i: FollowUpItemType): Employee | null {
    return stub(i.ownerId);
  }
}

/** Lets a client roll segments up to companies in the same request: `rows { segment { company { name } } }`. */
@Resolver(() => FollowUpComplianceRow)
export class FollowUpComplianceRowResolver {
  @FieldResolver(() => Segment, { nullable: true, description: 'The segment of the row (by: SEGMENT); group by `segment.company` for a per-company report.' })
  segment(@Root() r: FollowUpComplianceRow): Segment | null {
    return r.by === FollowUpGrouping.SEGMENT ? stub(r.groupId) : null;
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The staff member of the row (by: OWNER); null for unassigned records.' })
  owner(@Root() r: FollowUpComplianceRow): Employee | null {
    return r.by === FollowUpGrouping.OWNER ? stub(r.groupId) : null;
  }
}

/** One per-segment report per request and month, shared by every Company asking (no N+1 over companies). */
const segmentReports = new WeakMap<object, Map<string, ReturnType<CustomerServiceContext['services']['followUps']['report']>>>();

/**
 * The per-company follow-up compliance report (CS-R25 "per staff member,
 * segment and company"). Customer-service does not know which segments make a
 * company; organization does, so the field `@requires` the company's
 * `segments` and the gateway fetches them from organization first. Segment
 * isolation applies as in the per-segment report: only readable segments count.
 */
@Resolver(() => Company)
export class CompanyFollowUpResolver {
  @Directive('@requires(fields: "segments { id }")')
  @FieldResolver(() => CompanyFollowUpCompliance, {
    nullable: true,
    description: 'CS-R25: follow-up compliance of this company for a month (YYYY-MM, default the current one), over the segments you can read.',
  })
  async followUpCompliance(
    @Root() c: Company,
    @Arg('month', () => String, { nullable: true }) month: string | null,
    @Ctx() ctx: CustomerServiceContext,
  ): Promise<CompanyFollowUpCompliance> {
    const viewer = requireViewer(ctx);
    let perRequest = segmentReports.get(ctx);
    if (!perRequest) segmentReports.set(ctx, (perRequest = new Map()));
    const key = month ?? '';
    if (!perRequest.has(key)) perRequest.set(key, ctx.services.followUps.report(viewer, FollowUpGrouping.SEGMENT, month));
    const r = await perRequest.get(key)!;
    const mine = new Set((c.segments ?? []).map((s) => s.id));
    const rows = r.rows.filter((row) => row.groupId !== null && mine.has(row.groupId));
    const required = rows.reduce((n, row) => n + row.required, 0);
    const compliant = rows.reduce((n, row) => n + row.compliant, 0);
    return { month: r.window.month, required, compliant, missing: required - compliant, rate: required ? Math.round((compliant / required) * 10_000) / 10_000 : null };
  }
}
