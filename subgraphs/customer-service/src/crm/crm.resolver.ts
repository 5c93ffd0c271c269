import { Arg, Args, Authorized, Ctx, Directive, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { CrmTargetType } from './crm-enums';
import { CustomerMerge, MovedRecords, SegmentAllocation } from './crm-records.entity';
import {
  AllocateToSegmentInput,
  CustomerMergeResult,
  DecideSegmentAllocationInput,
  RequestSegmentAllocationInput,
  FollowUpArgs,
  FollowUpCompliance,
  FollowUpComplianceRow,
  MergeCustomersInput,
  SegmentAllocationConnection,
  SegmentAllocationResult,
  SegmentAllocationsArgs,
} from './crm.inputs';
import { FollowUpGrouping, FollowUpItem } from './follow-up.service';
import { Customer } from '../customers/customer.entity';
import { CustomerContact } from '../customers/customer-contact.entity';
import { AddCustomerContactInput, UpdateCustomerContactInput } from '../customers/dto/customer-contact.input';
import { Lead } from '../leads/lead.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { Segment } from '../federated/segment';
import { Company } from '../federated/company';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import type { CustomerServiceContext } from '../context';

@ObjectType('FollowUpItem', { description: 'An open lead or opportunity without a general action in the month (CS-R25).' })
export class FollowUpItemType {
  @Field(() => CrmTargetType, { description: 'LEAD or OPPORTUNITY.' }) kind: CrmTargetType;
  @Field(() => Lead, { nullable: true }) lead: Lead | null;
  @Field(() => Opportunity, { nullable: true }) opportunity: Opportunity | null;
  @Field(() => Date, { nullable: true, description: 'Latest follow-up ever (null: never followed up).' }) lastActionAt: Date | null;
  segmentId: string;
  ownerId: string | null;
}

@ObjectType()
export class FollowUpList {
  @Field() month: string;
  @Field(() => [FollowUpItemType]) items: FollowUpItemType[];
}

const toList = (r: { window: { month: string }; items: FollowUpItem[] }): FollowUpList => ({
  month: r.window.month,
  items: r.items.map((i) => ({ ...i, kind: i.kind === 'LEAD' ? CrmTargetType.LEAD : CrmTargetType.OPPORTUNITY })),
});

/** CRM operations that span aggregates: allocation, merge, duplicates, contacts, follow-up compliance. */
@Resolver()
export class CrmResolver {
  @Authorized()
  @Mutation(() => SegmentAllocationResult, {
    description: 'Cross-segment allocation (跨版块分配): group marketing department only (CS-R36); moves attached records and is recorded.',
  })
  allocateToSegment(@Arg('input', () => AllocateToSegmentInput) input: AllocateToSegmentInput, @Ctx() ctx: CustomerServiceContext) {
    return ctx.services.allocations.allocate(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => SegmentAllocation, { description: 'Asks the group marketing department to move a record of your segment to another segment (WF-CRM-7); status REQUESTED.' })
  requestSegmentAllocation(
    @Arg('input', () => RequestSegmentAllocationInput) input: RequestSegmentAllocationInput,
    @Ctx() ctx: CustomerServiceContext,
  ): Promise<SegmentAllocation> {
    return ctx.services.allocations.request(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => SegmentAllocation, { description: 'Allocates (moving the record and everything attached) or rejects a request: group marketing department only (CS-R36).' })
  decideSegmentAllocation(@Arg('input', () => DecideSegmentAllocationInput) input: DecideSegmentAllocationInput, @Ctx() ctx: CustomerServiceContext): Promise<SegmentAllocation> {
    return ctx.services.allocations.decide(requireViewer(ctx), input);
  }

  @Authorized()
  @Query(() => SegmentAllocationConnection, { description: 'Allocations and requests from or to segments you read, newest first.' })
  segmentAllocations(@Args() args: SegmentAllocationsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<SegmentAllocation>> {
    return ctx.services.allocations.list(requireViewer(ctx), { status: args.status }, args);
  }

  @Authorized()
  @Mutation(() => CustomerMergeResult, {
    description: 'Merges a duplicate customer into another of the same segment, moving everything attached, in one transaction (segment heads).',
  })
  async mergeCustomers(@Arg('input', () => MergeCustomersInput) input: MergeCustomersInput, @Ctx() ctx: CustomerServiceContext): Promise<CustomerMergeResult> {
    const r = await ctx.services.customerCrm.merge(requireViewer(ctx), input);
    return { customer: r.survivor, merge: r.merge, moved: r.moved };
  }

  @Authorized()
  @Query(() => [Customer], { description: 'Likely duplicates of a customer in its segment: same normalised name, or a contact with the same phone or e-mail.' })
  customerDuplicates(@Arg('customerId', () => ID) customerId: string, @Ctx() ctx: CustomerServiceContext): Promise<Customer[]> {
    return ctx.services.customerCrm.duplicatesOf(requireViewer(ctx), customerId);
  }

  @Authorized()
  @Mutation(() => CustomerContact, { description: 'Adds a contact person to a customer of your segment.' })
  addCustomerContact(@Arg('input', () => AddCustomerContactInput) input: AddCustomerContactInput, @Ctx() ctx: CustomerServiceContext): Promise<CustomerContact> {
    return ctx.services.customerCrm.addContact(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => CustomerContact)
  updateCustomerContact(@Arg('input', () => UpdateCustomerContactInput) input: UpdateCustomerContactInput, @Ctx() ctx: CustomerServiceContext): Promise<CustomerContact> {
    return ctx.services.customerCrm.updateContact(requireViewer(ctx), input);
  }

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

@Resolver(() => SegmentAllocation)
export class SegmentAllocationResolver {
  @FieldResolver(() => Segment)
  fromSegment(@Root() a: SegmentAllocation): Segment {
    return { id: a.fromSegmentId };
  }

  @FieldResolver(() => Segment)
  toSegment(@Root() a: SegmentAllocation): Segment {
    return { id: a.toSegmentId };
  }

  @FieldResolver(() => Employee, { nullable: true })
  newOwner(@Root() a: SegmentAllocation): Employee | null {
    return stub(a.newOwnerId);
  }

  @FieldResolver(() => Employee, { nullable: true })
  requestedBy(@Root() a: SegmentAllocation): Employee | null {
    return stub(a.requestedByEmployeeId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The marketing-department operator who allocated or rejected it.' })
  decidedBy(@Root() a: SegmentAllocation): Employee | null {
    return stub(a.decidedByEmployeeId);
  }

  @FieldResolver(() => MovedRecords, { nullable: true, description: 'What moved (null until allocated).' })
  moved(@Root() a: SegmentAllocation): MovedRecords | null {
    return a.moved ? JSON.parse(a.moved) : null;
  }
}

@Resolver(() => CustomerMerge)
export class CustomerMergeResolver {
  @FieldResolver(() => MovedRecords)
  moved(@Root() m: CustomerMerge): MovedRecords {
    return JSON.parse(m.moved);
  }
}

@ObjectType({ description: 'Follow-up compliance of a company for a month (CS-R25, CS-M4): its segments you can read, added up.' })
export class CompanyFollowUpCompliance {
  @Field({ description: 'YYYY-MM (Asia/Shanghai calendar month).' }) month: string;
  @Field(() => Int, { description: 'Open leads and opportunities the rule applies to.' }) required: number;
  @Field(() => Int, { description: 'Of which with at least one DONE general action in the month.' }) compliant: number;
  @Field(() => Int) missing: number;
  @Field(() => Float, { nullable: true, description: 'compliant / required; null when nothing is required.' }) rate: number | null;
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
