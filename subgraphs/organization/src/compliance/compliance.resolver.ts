import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { Account } from '../accounts/account.entity';
import { Company } from '../companies/company.entity';
import { ComplianceCircular, EconomicPenalty, TravelPeriod } from './compliance.entity';
import { PolicyVersion } from '../policies/policy.entity';
import type { OrganizationContext } from '../context';
import {
  ComplianceCircularConnection,
  EconomicPenaltyConnection,
  LoginComplianceArgs,
  InactiveAccountsArgs,
  IssueCircularInput,
  RecordPenaltyInput,
  PenaltiesArgs,
  CircularsArgs,
  RecordTravelPeriodInput,
} from './dto/compliance.inputs';
import { LoginComplianceRow, InactiveAccount, CircularListing } from './dto/compliance.outputs';

@Resolver()
export class ComplianceResolver {
  @Authorized()
  @Query(() => [LoginComplianceRow], { description: 'Per account: daily logins on working days and two logins a week on trips (CS-R21, CS-R22); at most 92 days. Scoped.' })
  async loginCompliance(@Args() args: LoginComplianceArgs, @Ctx() ctx: OrganizationContext): Promise<LoginComplianceRow[]> {
    const rows = await ctx.services.compliance.loginCompliance(requireViewer(ctx), args.period.from, args.period.to, args.segmentId, args.companyId);
    const out = rows.map((r) => Object.assign(new LoginComplianceRow(), r));
    return args.onlyNonCompliant ? out.filter((r) => !r.compliant) : out;
  }

  @Authorized()
  @Query(() => [InactiveAccount], {
    description: 'Accounts whose last login is 14 or more local calendar days back (two consecutive weeks, UTC+8), candidates for the OA circular (CS-R27). Scoped.',
  })
  async inactiveAccounts(@Args() args: InactiveAccountsArgs, @Ctx() ctx: OrganizationContext): Promise<InactiveAccount[]> {
    const v = requireViewer(ctx);
    return (await ctx.services.compliance.inactiveAccounts(v, args.asOf ?? ctx.services.clock(), args.segmentId, args.companyId)).map((r) =>
      Object.assign(new InactiveAccount(), r),
    );
  }

  @Authorized()
  @Query(() => ComplianceCircularConnection, {
    complexity: pageComplexity,
    description: 'Inactivity circulars issued (newest first); listed accounts filtered to what you may see.',
  })
  complianceCirculars(@Args() args: CircularsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<ComplianceCircular>> {
    return ctx.services.compliance.listCirculars(requireViewer(ctx), args, { property: 'issuedAt', direction: 'DESC' });
  }

  @Authorized()
  @Mutation(() => ComplianceCircular, { description: 'The group marketing department issues an OA circular naming every account inactive for two weeks (CS-R27).' })
  issueComplianceCircular(@Arg('input', () => IssueCircularInput) input: IssueCircularInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.compliance.issueCircular(requireViewer(ctx), input.oaReference, input.asOf ?? null, input.idempotencyKey);
  }

  @Authorized()
  @Mutation(() => TravelPeriod, { description: "Records a business trip (OA integration as SYSTEM_ADMIN, or the employee's segment admin); changes the login duty (CS-R22)." })
  recordTravelPeriod(@Arg('input', () => RecordTravelPeriodInput) input: RecordTravelPeriodInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.compliance.recordTravelPeriod(requireViewer(ctx), input.employeeId, input.startsAt, input.endsAt, input.idempotencyKey);
  }

  @Authorized()
  @Mutation(() => EconomicPenalty, { description: "Records an economic penalty per the subsidiary's own CRM rules (CS-R28)." })
  recordEconomicPenalty(@Arg('input', () => RecordPenaltyInput) input: RecordPenaltyInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.compliance.recordPenalty(requireViewer(ctx), input);
  }

  @Authorized()
  @Query(() => EconomicPenaltyConnection, { complexity: pageComplexity, description: 'Economic penalties, newest first. Scoped like the compliance reports.' })
  economicPenalties(@Args() args: PenaltiesArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<EconomicPenalty>> {
    return ctx.services.compliance.listPenalties(requireViewer(ctx), args.filter ?? {}, args, { property: 'recordedAt', direction: 'DESC' });
  }
}

@Resolver(() => LoginComplianceRow)
export class LoginComplianceRowResolver {
  @FieldResolver(() => Account, { nullable: true })
  account(@Root() r: LoginComplianceRow, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.accountById.load(r.accountId);
  }
}

@Resolver(() => InactiveAccount)
export class InactiveAccountResolver {
  @FieldResolver(() => Account, { nullable: true })
  account(@Root() r: InactiveAccount, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.accountById.load(r.accountId);
  }
}

@Resolver(() => CircularListing)
export class CircularListingResolver {
  @FieldResolver(() => Account, { nullable: true })
  account(@Root() r: CircularListing, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.accountById.load(r.accountId);
  }
}

@Resolver(() => ComplianceCircular)
export class ComplianceCircularResolver {
  @FieldResolver(() => [CircularListing], { description: 'The accounts named (those you may see).' })
  async accounts(@Root() c: ComplianceCircular, @Ctx() ctx: OrganizationContext): Promise<CircularListing[]> {
    return (await ctx.loaders.circularAccountsByCircularId.load(c.id)).map((l) => Object.assign(new CircularListing(), { accountId: l.accountId, lastLoginAt: l.lastLoginAt }));
  }

  @FieldResolver(() => Account, { nullable: true })
  issuedBy(@Root() c: ComplianceCircular, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.accountById.load(c.issuedById);
  }
}

@Resolver(() => EconomicPenalty)
export class EconomicPenaltyResolver {
  @FieldResolver(() => Account, { nullable: true })
  account(@Root() p: EconomicPenalty, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.accountById.load(p.accountId);
  }

  @FieldResolver(() => Company, { nullable: true, description: 'The subsidiary whose rules applied.' })
  company(@Root() p: EconomicPenalty, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(p.companyId);
  }

  @FieldResolver(() => ComplianceCircular, { nullable: true })
  circular(@Root() p: EconomicPenalty, @Ctx() ctx: OrganizationContext) {
    return p.circularId ? ctx.loaders.circularById.load(p.circularId) : null;
  }

  @FieldResolver(() => PolicyVersion, {
    nullable: true,
    description:
      "The version of the CRM rules in force when the offence occurred (CS-R28): the subsidiary's own, else the group's CRM management policy. Part of the penalty record: whoever sees the penalty sees the rules applied.",
  })
  policyVersion(@Root() p: EconomicPenalty, @Ctx() ctx: OrganizationContext) {
    return p.policyVersionId ? ctx.loaders.penaltyRulesVersionById.load(p.policyVersionId) : null;
  }
}
