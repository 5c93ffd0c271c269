import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Resolution } from '../meetings/meeting.entity';
import { PolicyDocument } from '../policies/policy.entity';
import { Duty } from './duty.entity';
import type { OrganizationContext } from '../context';
import { SetDutiesInput } from './dto/duty.inputs';
import { DutyCatalogueSection } from './dto/duty.outputs';

@Resolver()
export class DutyResolver {
  @Authorized()
  @Query(() => [DutyCatalogueSection], {
    nullable: true,
    description:
      "The duty catalogue a policy document lays down, holder by holder in source order (ORG-R40: the group IT management policy's 27 duties). Null: the document's company is not readable.",
  })
  dutyCatalogue(@Arg('sourceDocumentId', () => ID) sourceDocumentId: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.duties.catalogue(requireViewer(ctx), sourceDocumentId);
  }

  @Authorized()
  @Mutation(() => [Duty], {
    description:
      "Replaces the duty list of a department (needs the board's DEPARTMENT_SETUP resolution, ORG-R06) or a governing body / committee (e.g. the IT leading group, ORG-R40). GROUP_EXECUTIVE only.",
  })
  setDuties(@Arg('input') input: SetDutiesInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.duties.setDuties(requireViewer(ctx), input);
  }
}

@Resolver(() => Duty)
export class DutyFieldsResolver {
  @FieldResolver(() => PolicyDocument, { nullable: true, description: 'Source document (if visible to you).' })
  sourceDocument(@Root() d: Duty, @Ctx() ctx: OrganizationContext) {
    return d.sourceDocumentId ? ctx.loaders.policyDocumentById.load(d.sourceDocumentId) : null;
  }

  @FieldResolver(() => Resolution, { nullable: true, description: "The board resolution that determined a department's duties (ORG-R06)." })
  resolution(@Root() d: Duty, @Ctx() ctx: OrganizationContext) {
    return d.resolutionId ? ctx.loaders.resolutionById.load(d.resolutionId) : null;
  }
}

@Resolver(() => Department)
export class DepartmentDutiesResolver {
  @FieldResolver(() => [Duty], { description: 'Duties determined by the board (ORG-R06), in order.' })
  duties(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.dutiesByDepartmentId.load(d.id);
  }
}

@Resolver(() => GoverningBody)
export class GoverningBodyDutiesResolver {
  @FieldResolver(() => [Duty], { description: 'Duties of the body or committee (e.g. the IT leading group, ORG-R40), in order.' })
  duties(@Root() b: GoverningBody, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.dutiesByBodyId.load(b.id);
  }
}
