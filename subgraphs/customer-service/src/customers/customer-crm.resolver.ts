import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { MovedRecords } from '../allocations/segment-allocation.entity';
import { CustomerMerge } from './customer-merge.entity';
import { MergeCustomersInput } from './dto/customer-merge.input';
import { CustomerMergeResult } from './dto/customer-merge.output';
import { Customer } from './customer.entity';
import { CustomerContact } from './customer-contact.entity';
import { AddCustomerContactInput, UpdateCustomerContactInput } from './dto/customer-contact.input';
import type { CustomerServiceContext } from '../context';

/** CRM operations on customers: merge, duplicates, contacts. */
@Resolver()
export class CustomerCrmResolver {
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
}

@Resolver(() => CustomerMerge)
export class CustomerMergeResolver {
  @FieldResolver(() => MovedRecords)
  moved(@Root() m: CustomerMerge): MovedRecords {
    return JSON.parse(m.moved);
  }
}
