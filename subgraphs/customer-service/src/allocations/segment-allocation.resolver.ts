import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { MovedRecords, SegmentAllocation } from './segment-allocation.entity';
import {
  AllocateToSegmentInput,
  DecideSegmentAllocationInput,
  RequestSegmentAllocationInput,
  SegmentAllocationConnection,
  SegmentAllocationsArgs,
} from './dto/segment-allocation.inputs';
import { SegmentAllocationResult } from './dto/segment-allocation.outputs';
import { Segment } from '../federated/segment';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import type { CustomerServiceContext } from '../context';

/** Cross-segment allocation (WF-CRM-7, CS-R36). */
@Resolver(() => SegmentAllocation)
export class SegmentAllocationResolver {
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
