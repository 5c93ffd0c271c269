import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { CustomerRevisit, RevisitPlan } from './revisit-plan.entity';
import { CreateRevisitPlanInput, CustomerRevisitConnection, CustomerRevisitsArgs, RecordRevisitInput, RevisitPlanConnection, RevisitPlansArgs } from './dto/revisit.args';
import { Customer } from '../customers/customer.entity';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import { loadersOf, type CustomerServiceContext } from '../context';

@Resolver(() => RevisitPlan)
export class RevisitPlanResolver {
  @Authorized()
  @Query(() => RevisitPlanConnection, { description: 'Key-account revisit plans of the segments you can read; next due first.' })
  revisitPlans(@Args() args: RevisitPlansArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<RevisitPlan>> {
    return ctx.services.revisits.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Mutation(() => RevisitPlan, { description: 'Makes a customer of your segment a key account with a revisit plan (one per customer).' })
  createRevisitPlan(@Arg('input', () => CreateRevisitPlanInput) input: CreateRevisitPlanInput, @Ctx() ctx: CustomerServiceContext): Promise<RevisitPlan> {
    return ctx.services.revisits.createPlan(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => RevisitPlan, { description: 'Records a revisit with the satisfaction score; moves the next due date.' })
  recordRevisit(@Arg('input', () => RecordRevisitInput) input: RecordRevisitInput, @Ctx() ctx: CustomerServiceContext): Promise<RevisitPlan> {
    return ctx.services.revisits.recordRevisit(requireViewer(ctx), input);
  }

  @FieldResolver(() => Customer)
  async customer(@Root() p: RevisitPlan, @Ctx() ctx: CustomerServiceContext): Promise<Customer> {
    const c = await loadersOf(ctx).customerById.load(p.customerId);
    if (!c) throw new Error(`revisit plan ${p.id} refers to customer ${p.customerId}, which is not readable`);
    return c;
  }

  @FieldResolver(() => Employee, { nullable: true })
  owner(@Root() p: RevisitPlan): Employee | null {
    return stub(p.ownerId);
  }

  @FieldResolver(() => CustomerRevisitConnection)
  revisits(@Root() p: RevisitPlan, @Args() args: CustomerRevisitsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<CustomerRevisit>> {
    return loadersOf(ctx).revisitPagesByPlanId.load(p.id, args);
  }
}

@Resolver(() => CustomerRevisit)
export class CustomerRevisitResolver {
  @FieldResolver(() => Employee, { nullable: true })
  visitor(@Root() r: CustomerRevisit): Employee | null {
    return stub(r.visitorId);
  }
}
