import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { TagAssignment, TagAssignmentHistory } from './tag-assignment.entity';
import { AssignTagInput, RemovedTagAssignmentConnection, RemovedTagAssignmentsArgs, TagAssignmentConnection, TagAssignmentsArgs } from './dto/tag-assignments.args';
import { Tag } from '../tags/tag.entity';
import { Customer, customerRef } from '../federated/customer';
import type { MarketingContext } from '../context';

@Resolver(() => TagAssignment)
export class TagAssignmentResolver {
  @Authorized()
  @Query(() => TagAssignmentConnection, {
    description: 'Tag assignments of the customers the viewer may read (executives: all segments; system admins: none; others: own segments).',
  })
  tagAssignments(@Args() args: TagAssignmentsArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<TagAssignment>> {
    return ctx.services.tagAssignments.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => RemovedTagAssignmentConnection, { description: 'History of removed tag assignments, scoped like `tagAssignments`.' })
  removedTagAssignments(@Args() args: RemovedTagAssignmentsArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<TagAssignmentHistory>> {
    return ctx.services.tagAssignments.listRemoved(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Mutation(() => TagAssignment, {
    description:
      'Assigns a MANUAL tag to a customer of your own segment (segment heads and business staff). ' +
      'Errors: FORBIDDEN TAG_ASSIGNMENT_FORBIDDEN, NOT_FOUND CUSTOMER_NOT_FOUND / TAG_NOT_FOUND, ' +
      'BAD_USER_INPUT RULE_TAG_NOT_MANUAL / TAG_NOT_VALID / EXPIRES_AT_NOT_IN_FUTURE, CONFLICT TAG_ALREADY_ASSIGNED.',
  })
  assignTag(@Arg('input', () => AssignTagInput) input: AssignTagInput, @Ctx() ctx: MarketingContext): Promise<TagAssignment> {
    return ctx.services.tagAssignments.assign(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => TagAssignmentHistory, {
    description:
      'Removes a tag assignment, keeping it as history (see `removedTagAssignments`). Same permissions as `assignTag`; ' +
      'assignments of RULE tags are refused (RULE_TAG_NOT_MANUAL).',
  })
  removeTagAssignment(@Arg('id', () => ID) id: string, @Ctx() ctx: MarketingContext): Promise<TagAssignmentHistory> {
    return ctx.services.tagAssignments.remove(requireViewer(ctx), id);
  }

  @Authorized()
  @Mutation(() => Int, {
    description:
      'Archives (EXPIRED) up to 1000 assignments whose expiresAt has passed and returns how many; call again while it returns 1000. ' +
      'Scheduler (system admin), group executives, the group marketing department. Errors: FORBIDDEN TAG_SWEEP_FORBIDDEN.',
  })
  archiveExpiredTagAssignments(@Ctx() ctx: MarketingContext): Promise<number> {
    return ctx.services.tagAssignments.archiveExpired(requireViewer(ctx));
  }

  @FieldResolver(() => Tag)
  tag(@Root() a: TagAssignment, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.tagById.load(a.tagId);
  }

  @FieldResolver(() => Customer)
  customer(@Root() a: TagAssignment): Customer {
    return customerRef(a.customerId, a.segmentId);
  }
}

@Resolver(() => TagAssignmentHistory)
export class RemovedTagAssignmentResolver {
  @FieldResolver(() => Tag)
  tag(@Root() h: TagAssignmentHistory, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.tagById.load(h.tagId);
  }

  @FieldResolver(() => Customer)
  customer(@Root() h: TagAssignmentHistory): Customer {
    return customerRef(h.customerId, h.segmentId);
  }
}
