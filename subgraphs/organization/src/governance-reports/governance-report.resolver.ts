import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Meeting } from '../meetings/meeting.entity';
import { GovernanceReport } from './governance-report.entity';
import type { OrganizationContext } from '../context';
import { SubmitGovernanceReportInput, GovernanceReportsArgs, GovernanceReportConnection } from './dto/governance-report.inputs';

/** Reports between governing bodies (ORG-R18). */
@Resolver(() => GovernanceReport)
export class GovernanceReportResolver {
  @Authorized()
  @Query(() => GovernanceReportConnection, { complexity: pageComplexity, description: 'Reports between governing bodies, newest first (company-scoped).' })
  governanceReports(@Args() args: GovernanceReportsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<GovernanceReport>> {
    return ctx.services.governanceReports.listReports(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Mutation(() => GovernanceReport, {
    description: "Records a report: board or supervisors → shareholders' meeting, management → board (ORG-R18). GROUP_EXECUTIVE only; immutable once recorded.",
  })
  submitGovernanceReport(@Arg('input') input: SubmitGovernanceReportInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.governanceReports.submitReport(requireViewer(ctx), input);
  }

  @FieldResolver(() => Company, { nullable: true })
  company(@Root() r: GovernanceReport, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(r.companyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  fromBody(@Root() r: GovernanceReport, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(r.fromBodyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  toBody(@Root() r: GovernanceReport, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(r.toBodyId);
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'The meeting at which it was heard.' })
  meeting(@Root() r: GovernanceReport, @Ctx() ctx: OrganizationContext) {
    return r.meetingId ? ctx.loaders.meetingById.load(r.meetingId) : null;
  }
}

@Resolver(() => Meeting)
export class MeetingReportsResolver {
  @FieldResolver(() => [GovernanceReport], { description: 'Reports heard at this meeting (ORG-R18).' })
  reportsHeard(@Root() m: Meeting, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governanceReportsByMeetingId.load(m.id);
  }
}
