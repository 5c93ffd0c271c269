import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { GroupCustomer, GroupMember, ProductHolding } from './group-customer.entity';
import {
  AddGroupMemberInput,
  AddProductHoldingInput,
  CreateGroupCustomerInput,
  GroupCustomerConnection,
  GroupCustomersArgs,
  GroupMemberConnection,
  GroupMembersArgs,
  ProductHoldingConnection,
  ProductHoldingsArgs,
  UpdateGroupCustomerInput,
  UpdateGroupMemberInput,
  UpdateProductHoldingInput,
} from './dto/group-customers.args';
import { Customer, customerRef } from '../federated/customer';
import type { MarketingContext } from '../context';

@Resolver(() => GroupCustomer)
export class GroupCustomerResolver {
  @Authorized()
  @Query(() => GroupCustomerConnection, { description: 'Group customers (集团客户) of the segments you can read.' })
  groupCustomers(@Args() args: GroupCustomersArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<GroupCustomer>> {
    return ctx.services.groupCustomers.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Mutation(() => GroupCustomer, {
    description:
      'Records a customer of your segment as a group customer. Errors: FORBIDDEN, NOT_FOUND CUSTOMER_NOT_FOUND, CONFLICT GROUP_CUSTOMER_EXISTS / IDEMPOTENCY_KEY_REUSED.',
  })
  createGroupCustomer(@Arg('input', () => CreateGroupCustomerInput) input: CreateGroupCustomerInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => GroupMember, { description: 'Adds a group member (集团成员) or key person to a group customer of your segment.' })
  addGroupMember(@Arg('input', () => AddGroupMemberInput) input: AddGroupMemberInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.addMember(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => ProductHolding, { description: 'Records a product held by a group customer of your segment.' })
  addProductHolding(@Arg('input', () => AddProductHoldingInput) input: AddProductHoldingInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.addProduct(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => GroupCustomer, { description: 'Updates a group customer of your segment. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  updateGroupCustomer(@Arg('input', () => UpdateGroupCustomerInput) input: UpdateGroupCustomerInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.updateGroupCustomer(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => GroupCustomer, {
    description: 'Retires a group customer of your segment; its history stays. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION / GROUP_CUSTOMER_RETIRED.',
  })
  retireGroupCustomer(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.retireGroupCustomer(requireViewer(ctx), id, expectedVersion);
  }

  @Authorized()
  @Mutation(() => GroupMember, { description: 'Updates a group member or key person (role KEY_PERSON) of your segment. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  updateGroupMember(@Arg('input', () => UpdateGroupMemberInput) input: UpdateGroupMemberInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.updateMember(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => GroupMember, {
    description:
      'Records that a member (or key person) left the group customer; kept as history. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION / GROUP_MEMBER_ALREADY_LEFT.',
  })
  removeGroupMember(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.removeMember(requireViewer(ctx), id, expectedVersion);
  }

  @Authorized()
  @Mutation(() => ProductHolding, {
    description:
      'Updates a product holding (set `until` when the customer stops holding it). Errors: FORBIDDEN, NOT_FOUND, BAD_USER_INPUT HOLDING_PERIOD_INVALID, CONFLICT STALE_VERSION.',
  })
  updateProductHolding(@Arg('input', () => UpdateProductHoldingInput) input: UpdateProductHoldingInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.updateProduct(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes a product holding recorded by mistake. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  deleteProductHolding(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.groupCustomers.deleteProduct(requireViewer(ctx), id, expectedVersion);
  }

  @FieldResolver(() => Customer, { description: 'The customer (kind GROUP) of customer-service.' })
  customer(@Root() g: GroupCustomer) {
    return customerRef(g.customerId, g.segmentId);
  }

  @FieldResolver(() => GroupMemberConnection, { description: 'Current members (集团成员), by name; `role: KEY_PERSON` gives the key people, `includeFormer` adds those who left.' })
  members(@Root() g: GroupCustomer, @Args() args: GroupMembersArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<GroupMember>> {
    return ctx.loaders.groupMemberPagesByGroupId.load(g.id, args);
  }

  @FieldResolver(() => ProductHoldingConnection, { description: 'Products and services held, by name.' })
  products(@Root() g: GroupCustomer, @Args() args: ProductHoldingsArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<ProductHolding>> {
    return ctx.loaders.productPagesByGroupId.load(g.id, args);
  }
}

@Resolver(() => GroupMember)
export class GroupMemberResolver {
  @FieldResolver(() => Customer, { nullable: true, description: 'The member as an INDIVIDUAL customer, when known.' })
  customer(@Root() m: GroupMember) {
    return m.memberCustomerId ? customerRef(m.memberCustomerId) : null;
  }
}
