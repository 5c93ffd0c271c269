import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { GeneralAction } from './general-action.entity';
import { CreateGeneralActionInput, GeneralActionConnection, GeneralActionsArgs, UpdateGeneralActionInput } from './dto/general-action.inputs';
import { CrmTargetType } from '../crm/crm-enums';
import { Customer } from '../customers/customer.entity';
import { Lead } from '../leads/lead.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { Segment } from '../federated/segment';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import { loadersOf, type CustomerServiceContext } from '../context';

@Resolver(() => GeneralAction)
export class GeneralActionResolver {
  @Authorized()
  @Query(() => GeneralActionConnection, { description: 'General actions you can read (business staff: on their records or assigned to them, G-15).' })
  generalActions(@Args() args: GeneralActionsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<GeneralAction>> {
    return ctx.services.generalActions.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => GeneralAction, { nullable: true })
  generalAction(@Arg('id', () => ID) id: string, @Ctx() ctx: CustomerServiceContext): Promise<GeneralAction | null> {
    return loadersOf(ctx).generalActionById.load(id);
  }

  @Authorized()
  @Query(() => GeneralActionConnection, { description: 'Actions assigned to you (your to-do list), newest first.' })
  myGeneralActions(@Args() args: GeneralActionsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<GeneralAction>> {
    const viewer = requireViewer(ctx);
    return ctx.services.generalActions.list(viewer, { ...(args.filter ?? {}), assigneeId: viewer.employeeId ?? '-' }, args, args.sort());
  }

  @Authorized()
  @Mutation(() => GeneralAction, { description: 'Records a follow-up or plans/assigns an action (CS-R25, CS-R38).' })
  createGeneralAction(@Arg('input', () => CreateGeneralActionInput) input: CreateGeneralActionInput, @Ctx() ctx: CustomerServiceContext): Promise<GeneralAction> {
    return ctx.services.generalActions.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => GeneralAction, { description: 'Edits, completes (DONE) or cancels an action.' })
  updateGeneralAction(@Arg('input', () => UpdateGeneralActionInput) input: UpdateGeneralActionInput, @Ctx() ctx: CustomerServiceContext): Promise<GeneralAction> {
    return ctx.services.generalActions.update(requireViewer(ctx), input);
  }

  @FieldResolver(() => Lead, { nullable: true, description: 'The lead it is about (targetType LEAD).' })
  lead(@Root() a: GeneralAction, @Ctx() ctx: CustomerServiceContext): Promise<Lead | null> | null {
    return a.targetType === CrmTargetType.LEAD ? loadersOf(ctx).leadById.load(a.targetId) : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity it is about (targetType OPPORTUNITY).' })
  opportunity(@Root() a: GeneralAction, @Ctx() ctx: CustomerServiceContext): Promise<Opportunity | null> | null {
    return a.targetType === CrmTargetType.OPPORTUNITY ? loadersOf(ctx).opportunityById.load(a.targetId) : null;
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer it is about (directly or through its lead/opportunity).' })
  customer(@Root() a: GeneralAction, @Ctx() ctx: CustomerServiceContext): Promise<Customer | null> | null {
    return a.customerId ? loadersOf(ctx).customerById.load(a.customerId) : null;
  }

  @FieldResolver(() => Segment)
  segment(@Root() a: GeneralAction): Segment {
    return { id: a.segmentId };
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Who must do it.' })
  assignee(@Root() a: GeneralAction): Employee | null {
    return stub(a.assigneeId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Who assigned it (null: recorded by the assignee).' })
  assignedBy(@Root() a: GeneralAction): Employee | null {
    return stub(a.assignedById);
  }
}
