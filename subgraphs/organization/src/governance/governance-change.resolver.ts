import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { GovernanceChange } from './governance-change.entity';
import { Company } from '../companies/company.entity';
import type { OrganizationContext } from '../context';
import { GovernanceChangesArgs, GovernanceChangeConnection } from './dto/governance-change.inputs';

/** The governance change log every governance change writes (`recordChange`, governance-access.ts). */
@Resolver(() => GovernanceChange)
export class GovernanceChangeResolver {
  @Authorized()
  @Query(() => GovernanceChangeConnection, { complexity: pageComplexity, description: 'The governance change log (who, when, what), newest first, company-scoped.' })
  governanceChanges(@Args() args: GovernanceChangesArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<GovernanceChange>> {
    return ctx.services.governance.listChanges(requireViewer(ctx), args.filter ?? {}, args);
  }

  @FieldResolver(() => Company)
  company(@Root() c: GovernanceChange, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(c.companyId);
  }
}
