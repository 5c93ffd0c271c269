import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
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
  @Mutation(() => GroupCustomer, { description: 'Records a customer of your segment as a group customer. Errors: FORBIDDEN, NOT_FOUND CUSTOMER_NOT_FOUND, CONFLICT GROUP_CUSTOMER_EXISTS.' })
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

  @FieldResolver(() => Customer, { description: 'The customer (kind GROUP) of customer-service.' })
  customer(@Root() g: GroupCustomer) {
    return customerRef(g.customerId, g.segmentId);
  }

  @FieldResolver(() => GroupMemberConnection, { description: 'Members (集团成员), by name; `role: KEY_PERSON` gives the key people.' })
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

