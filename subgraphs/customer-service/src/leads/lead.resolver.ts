import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { Lead } from './lead.entity';
import { ConvertLeadInput, CreateLeadInput, LeadConnection, LeadsArgs, UpdateLeadInput } from './dto/lead.inputs';
import { LeadConversion } from './dto/lead-conversion.output';
import { Customer } from '../customers/customer.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { GeneralAction } from '../actions/general-action.entity';
import { GeneralActionConnection, GeneralActionsArgs } from '../actions/dto/general-action.inputs';
import { Segment } from '../federated/segment';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import { loadersOf, type CustomerServiceContext } from '../context';

@Resolver(() => Lead)
export class LeadResolver {
  @Authorized()
  @Query(() => LeadConnection, { description: 'Leads you can read (your segment; business staff: their own and the unassigned ones, G-15).' })
  leads(@Args() args: LeadsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Lead>> {
    return ctx.services.leads.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Lead, { nullable: true, description: 'Null when missing or not readable by you.' })
  lead(@Arg('id', () => ID) id: string, @Ctx() ctx: CustomerServiceContext): Promise<Lead | null> {
    return loadersOf(ctx).leadById.load(id);
  }

  @Authorized()
  @Mutation(() => Lead, { description: 'Segment heads and business staff, in their own segment.' })
  createLead(@Arg('input', () => CreateLeadInput) input: CreateLeadInput, @Ctx() ctx: CustomerServiceContext): Promise<Lead> {
    return ctx.services.leads.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Lead, { description: 'Edits an open lead (business staff: their own or an unassigned one, which becomes theirs).' })
  updateLead(@Arg('input', () => UpdateLeadInput) input: UpdateLeadInput, @Ctx() ctx: CustomerServiceContext): Promise<Lead> {
    return ctx.services.leads.update(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => LeadConversion, { description: 'Converts an open lead into a customer (existing or new) and an opportunity, in one transaction.' })
  convertLead(@Arg('input', () => ConvertLeadInput) input: ConvertLeadInput, @Ctx() ctx: CustomerServiceContext) {
    return ctx.services.leads.convert(requireViewer(ctx), input);
  }

  @FieldResolver(() => Segment)
  segment(@Root() l: Lead): Segment {
    return { id: l.segmentId };
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Business staff following it up; null: unassigned.' })
  owner(@Root() l: Lead): Employee | null {
    return stub(l.ownerId);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() l: Lead, @Ctx() ctx: CustomerServiceContext): Promise<Customer | null> | null {
    return l.customerId ? loadersOf(ctx).customerById.load(l.customerId) : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity it was converted into (null if you cannot read it).' })
  convertedOpportunity(@Root() l: Lead, @Ctx() ctx: CustomerServiceContext): Promise<Opportunity | null> | null {
    return l.convertedOpportunityId ? loadersOf(ctx).opportunityById.load(l.convertedOpportunityId) : null;
  }

  @FieldResolver(() => GeneralActionConnection, { description: 'General actions on this lead, newest first.' })
  generalActions(@Root() l: Lead, @Args() args: GeneralActionsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<GeneralAction>> {
    return loadersOf(ctx).generalActionPagesByTargetId.load(l.id, args);
  }
}
