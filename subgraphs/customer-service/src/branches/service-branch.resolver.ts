import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Info, Resolver, Root } from 'type-graphql';
import type { ConnectionShape } from '@group/shared';
import { ServiceBranch } from './service-branch.entity';
import { ServiceBranchConnection, ServiceBranchesArgs } from './dto/service-branches.args';
import { Company } from '../federated/company';
import { stub } from '../federated/stub';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintConnection, ComplaintsArgs } from '../complaints/dto/complaints.args';
import { loadersOf, type CustomerServiceContext } from '../context';

@Resolver(() => ServiceBranch)
export class ServiceBranchResolver {
  @Authorized()
  @Query(() => ServiceBranchConnection, { description: 'Customer-service branches (客户服务分部), by code.' })
  serviceBranches(@Args() args: ServiceBranchesArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<ServiceBranch>> {
    return ctx.services.branches.list(args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => ServiceBranch, { nullable: true })
  serviceBranch(@Arg('id', () => ID) id: string, @Ctx() ctx: CustomerServiceContext): Promise<ServiceBranch | null> {
    return loadersOf(ctx).serviceBranchById.load(id);
  }

  @FieldResolver(() => Company)
  company(@Root() b: ServiceBranch): Company {
    return stub(b.companyId)!;
  }

  @FieldResolver(() => ComplaintConnection, { description: 'Complaints attributed to this branch that you can read.' })
  complaints(@Root() b: ServiceBranch, @Args() args: ComplaintsArgs, @Ctx() ctx: CustomerServiceContext, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Complaint>> {
    return loadersOf(ctx).complaintPagesByBranchId.load(b.id, args, info);
  }
}

/** Fields this subgraph contributes to the organization's Company. */
@Resolver(() => Company)
export class CompanyResolver {
  @FieldResolver(() => ServiceBranchConnection, {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Customer-service branches (客户服务分部) of this company.',
  })
  serviceBranches(@Root() c: Company, @Args() args: ServiceBranchesArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<ServiceBranch>> {
    return loadersOf(ctx).serviceBranchPagesByCompanyId.load(c.id, args);
  }
}
