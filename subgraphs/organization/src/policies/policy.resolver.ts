import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { PolicyDocument, PolicyVersion, PolicyVersionStatus } from './policy.entity';
import { Company } from '../companies/company.entity';
import { Employee } from '../employees/employee.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Position } from '../positions/position.entity';
import type { OrganizationContext } from '../context';
import { IdempotentArgs } from '../common/idempotency-key';
import { PolicyDocumentConnection, PolicyVersionInput, CreatePolicyDocumentInput, EditPolicyDraftInput, PolicyDocumentsArgs } from './dto/policy.inputs';

@Resolver(() => PolicyDocument)
export class PolicyDocumentResolver {
  @Authorized()
  @Query(() => PolicyDocumentConnection, { complexity: pageComplexity, description: "Policy documents of the viewer's companies and the group's own." })
  policyDocuments(@Args() args: PolicyDocumentsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<PolicyDocument>> {
    return ctx.services.policies.list(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Query(() => PolicyDocument, { nullable: true })
  policyDocument(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.policyDocumentById.load(id);
  }

  @Authorized()
  @Mutation(() => PolicyDocument, { description: 'Creates a document with its first version as a draft (GROUP_EXECUTIVE only; logged).' })
  createPolicyDocument(@Arg('input') input: CreatePolicyDocumentInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.policies.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => PolicyVersion, { description: 'Starts the next version as a draft (one open version at a time).' })
  draftPolicyVersion(@Arg('documentId', () => ID) documentId: string, @Arg('input') input: PolicyVersionInput, @Args() k: IdempotentArgs, @Ctx() ctx: OrganizationContext) {
    return ctx.services.policies.draftVersion(requireViewer(ctx), documentId, input, k.idempotencyKey);
  }

  @Authorized()
  @Mutation(() => PolicyVersion, { description: 'Edits a draft; approved, published and superseded versions are immutable.' })
  editPolicyDraft(@Arg('input') input: EditPolicyDraftInput, @Ctx() ctx: OrganizationContext) {
    const { versionId, expectedVersion, ...fields } = input;
    return ctx.services.policies.editDraft(requireViewer(ctx), versionId, expectedVersion, fields as never);
  }

  @Authorized()
  @Mutation(() => PolicyVersion, { description: 'DRAFT → PENDING_APPROVAL.' })
  submitPolicyVersion(@Arg('versionId', () => ID) id: string, @Arg('expectedVersion', () => Int) v: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.policies.submit(requireViewer(ctx), id, v);
  }

  @Authorized()
  @Mutation(() => PolicyVersion, {
    description:
      "PENDING_APPROVAL → APPROVED, signed by the authorizer (授权人): the signed-in person, who must hold the power for the document (articles and rules of procedure: chair for the shareholders' meeting; org chart, job descriptions, authority guidelines: board chair; other rules: a holder of a decision power by delegation, e.g. the president or a VP).",
  })
  approvePolicyVersion(
    @Arg('versionId', () => ID) id: string,
    @Arg('expectedVersion', () => Int) v: number,
    @Arg('authorizerId', () => ID, { nullable: true, description: 'Deprecated: the authorizer is the signed-in person; any other id is refused (AUTHORIZER_NOT_SELF).' })
    authorizerId: string | null,
    @Ctx() ctx: OrganizationContext,
  ) {
    return ctx.services.policies.approve(requireViewer(ctx), id, v, authorizerId);
  }

  @Authorized()
  @Mutation(() => PolicyVersion, { description: 'PENDING_APPROVAL → DRAFT (sent back).' })
  rejectPolicyVersion(@Arg('versionId', () => ID) id: string, @Arg('expectedVersion', () => Int) v: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.policies.reject(requireViewer(ctx), id, v);
  }

  @Authorized()
  @Mutation(() => PolicyVersion, { description: 'APPROVED → PUBLISHED; the previously published version becomes SUPERSEDED.' })
  publishPolicyVersion(
    @Arg('versionId', () => ID) id: string,
    @Arg('expectedVersion', () => Int) v: number,
    @Arg('effectiveFrom', () => Date, { nullable: true }) effectiveFrom: Date | null,
    @Ctx() ctx: OrganizationContext,
  ) {
    return ctx.services.policies.publish(requireViewer(ctx), id, v, effectiveFrom);
  }

  @FieldResolver(() => Company)
  company(@Root() d: PolicyDocument, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(d.companyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true, description: 'The body whose charter / rules of procedure this is.' })
  ownerBody(@Root() d: PolicyDocument, @Ctx() ctx: OrganizationContext) {
    return d.ownerBodyId ? ctx.loaders.governingBodyById.load(d.ownerBodyId) : null;
  }

  @FieldResolver(() => [PolicyVersion], { description: 'Every version, newest first (the version-control table).' })
  versions(@Root() d: PolicyDocument, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.policyVersionsByDocumentId.load(d.id);
  }

  @FieldResolver(() => PolicyVersion, { nullable: true, description: 'The published version in force.' })
  async currentVersion(@Root() d: PolicyDocument, @Ctx() ctx: OrganizationContext) {
    return (await ctx.loaders.policyVersionsByDocumentId.load(d.id)).find((v) => v.status === PolicyVersionStatus.PUBLISHED) ?? null;
  }
}

@Resolver(() => PolicyVersion)
export class PolicyVersionResolver {
  @FieldResolver(() => PolicyDocument, { nullable: true })
  document(@Root() v: PolicyVersion, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.policyDocumentById.load(v.documentId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: '授权人: the approver who signed.' })
  authorizer(@Root() v: PolicyVersion, @Ctx() ctx: OrganizationContext) {
    return v.authorizerEmployeeId ? ctx.loaders.employeeById.load(v.authorizerEmployeeId) : null;
  }

  @FieldResolver(() => PolicyVersion, { nullable: true, description: 'The version this one follows.' })
  predecessor(@Root() v: PolicyVersion, @Ctx() ctx: OrganizationContext) {
    return v.predecessorId ? ctx.loaders.policyVersionById.load(v.predecessorId) : null;
  }
}

@Resolver(() => GoverningBody)
export class GoverningBodyCharterResolver {
  @FieldResolver(() => [PolicyDocument], { description: 'Charter and rules of procedure (议事规则) of the body.' })
  rulesOfProcedure(@Root() b: GoverningBody, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.policyDocumentsByOwnerBodyId.load(b.id);
  }
}

@Resolver(() => Position)
export class PositionJobDescriptionResolver {
  @FieldResolver(() => PolicyDocument, { nullable: true, description: 'The job description (职位说明书).' })
  jobDescription(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    return p.jobDescriptionId ? ctx.loaders.policyDocumentById.load(p.jobDescriptionId) : null;
  }
}
