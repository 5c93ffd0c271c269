import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { Opportunity, OpportunityStage, OpportunityStageChange } from './opportunity.entity';
import {
  CloseOpportunityInput,
  CreateOpportunityInput,
  MoveOpportunityStageInput,
  OpportunitiesArgs,
  OpportunityConnection,
  OpportunityStageInput,
  PipelineRow,
  UpdateOpportunityInput,
} from './dto/opportunity.inputs';
import { Customer } from '../customers/customer.entity';
import { Lead } from '../leads/lead.entity';
import { SalesOrder } from '../orders/sales-order.entity';
import { SalesOrderConnection, SalesOrdersArgs } from '../orders/dto/sales-order.inputs';
import { GeneralAction } from '../actions/general-action.entity';
import { GeneralActionConnection, GeneralActionsArgs } from '../actions/dto/general-action.inputs';
import { Segment } from '../federated/segment';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import { loadersOf, type CustomerServiceContext } from '../context';

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Authorized()
  @Query(() => OpportunityConnection, { description: 'Opportunities you can read (your segment; business staff: their own, G-15).' })
  opportunities(@Args() args: OpportunitiesArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Opportunity>> {
    return ctx.services.opportunities.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Opportunity, { nullable: true, description: 'Null when missing or not readable by you.' })
  opportunity(@Arg('id', () => ID) id: string, @Ctx() ctx: CustomerServiceContext): Promise<Opportunity | null> {
    return loadersOf(ctx).opportunityById.load(id);
  }

  @Authorized()
  @Query(() => [OpportunityStage], { description: 'The stage list of a segment you read (its own or the group default, G-09); without segmentId the group default.' })
  opportunityStages(@Arg('segmentId', () => ID, { nullable: true }) segmentId: string | null, @Ctx() ctx: CustomerServiceContext): Promise<OpportunityStage[]> {
    return ctx.services.opportunities.stages(requireViewer(ctx), segmentId ?? null);
  }

  @Authorized()
  @Query(() => [PipelineRow], { description: 'Open opportunities per segment, owner and stage: count, amount, weighted amount (CS-M7), within what you can read.' })
  opportunityPipeline(
    @Arg('segmentId', () => ID, { nullable: true }) segmentId: string | null,
    @Arg('ownerId', () => ID, { nullable: true }) ownerId: string | null,
    @Ctx() ctx: CustomerServiceContext,
  ): Promise<PipelineRow[]> {
    return ctx.services.opportunities.pipeline(requireViewer(ctx), { segmentIds: segmentId ? [segmentId] : null, ownerId });
  }

  @Authorized()
  @Mutation(() => Opportunity, { description: 'Segment heads and business staff, for a customer of their own segment; starts OPEN in the first stage.' })
  createOpportunity(@Arg('input', () => CreateOpportunityInput) input: CreateOpportunityInput, @Ctx() ctx: CustomerServiceContext): Promise<Opportunity> {
    return ctx.services.opportunities.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Opportunity)
  updateOpportunity(@Arg('input', () => UpdateOpportunityInput) input: UpdateOpportunityInput, @Ctx() ctx: CustomerServiceContext): Promise<Opportunity> {
    return ctx.services.opportunities.update(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Opportunity, { description: 'Stage promotion (阶段升迁): business staff their own opportunities; backwards only segment heads. Recorded in stageHistory.' })
  moveOpportunityStage(@Arg('input', () => MoveOpportunityStageInput) input: MoveOpportunityStageInput, @Ctx() ctx: CustomerServiceContext): Promise<Opportunity> {
    return ctx.services.opportunities.moveStage(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Opportunity, { description: 'Won (needs a sales order) or lost, with a reason. Recorded in stageHistory.' })
  closeOpportunity(@Arg('input', () => CloseOpportunityInput) input: CloseOpportunityInput, @Ctx() ctx: CustomerServiceContext): Promise<Opportunity> {
    return ctx.services.opportunities.close(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => [OpportunityStage], { description: "Configures your segment's stage list (segment administrators, G-09/G-43); an empty list returns to the group default." })
  configureOpportunityStages(
    @Arg('segmentId', () => ID) segmentId: string,
    @Arg('expectedVersion', () => Int, { description: 'Version of the list in force (0: the group default).' }) expectedVersion: number,
    @Arg('stages', () => [OpportunityStageInput]) stages: OpportunityStageInput[],
    @Ctx() ctx: CustomerServiceContext,
  ): Promise<OpportunityStage[]> {
    return ctx.services.opportunities.configureStages(requireViewer(ctx), segmentId, expectedVersion, stages);
  }

  @FieldResolver(() => Segment)
  segment(@Root() o: Opportunity): Segment {
    return { id: o.segmentId };
  }

  @FieldResolver(() => Employee, { nullable: true })
  owner(@Root() o: Opportunity): Employee | null {
    return stub(o.ownerId);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'Null only if you cannot read the customer.' })
  customer(@Root() o: Opportunity, @Ctx() ctx: CustomerServiceContext): Promise<Customer | null> {
    return loadersOf(ctx).customerById.load(o.customerId);
  }

  @FieldResolver(() => Lead, { nullable: true, description: 'The lead it was converted from.' })
  lead(@Root() o: Opportunity, @Ctx() ctx: CustomerServiceContext): Promise<Lead | null> | null {
    return o.leadId ? loadersOf(ctx).leadById.load(o.leadId) : null;
  }

  @FieldResolver(() => [OpportunityStageChange], { description: 'Every stage move, won or lost, oldest first.' })
  stageHistory(@Root() o: Opportunity, @Ctx() ctx: CustomerServiceContext): Promise<OpportunityStageChange[]> {
    return loadersOf(ctx).stageHistoryByOpportunityId.load(o.id);
  }

  @FieldResolver(() => SalesOrderConnection)
  orders(@Root() o: Opportunity, @Args() args: SalesOrdersArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<SalesOrder>> {
    return loadersOf(ctx).salesOrderPagesByOpportunityId.load(o.id, args);
  }

  @FieldResolver(() => GeneralActionConnection)
  generalActions(@Root() o: Opportunity, @Args() args: GeneralActionsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<GeneralAction>> {
    return loadersOf(ctx).generalActionPagesByTargetId.load(o.id, args);
  }
}

@Resolver(() => OpportunityStageChange)
export class OpportunityStageChangeResolver {
  @FieldResolver(() => Employee, { nullable: true, description: 'Who moved it.' })
  actor(@Root() c: OpportunityStageChange): Employee | null {
    return stub(c.actorEmployeeId);
  }
}
