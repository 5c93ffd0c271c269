import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import { Employee } from '../employees/employee.entity';
import { ItLiaison } from './it-liaison.entity';
import type { OrganizationContext } from '../context';
import { AssignItLiaisonInput } from './dto/it-liaison.inputs';
import { ItLiaisonCoverage } from './dto/it-liaison.outputs';

@Resolver()
export class ItLiaisonResolver {
  @Authorized()
  @Mutation(() => ItLiaison, { description: "Appoints a department's IT liaison (ORG-R41), full- or part-time." })
  assignItLiaison(@Arg('input') input: AssignItLiaisonInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.itLiaisons.assignItLiaison(requireViewer(ctx), input.departmentId, input.employeeId, input.engagement, input.expectedVersion ?? null, input.idempotencyKey);
  }

  @Authorized()
  @Query(() => ItLiaisonCoverage, { nullable: true, description: "Report ORG-M11: IT liaison coverage of a company's departments (null: company not readable)." })
  async itLiaisonCoverage(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext): Promise<ItLiaisonCoverage | null> {
    const r = await ctx.services.itLiaisons.liaisonCoverage(requireViewer(ctx), companyId);
    return r ? Object.assign(new ItLiaisonCoverage(), { ...r, coverageRate: r.departments ? r.covered / r.departments : 0 }) : null;
  }
}

@Resolver(() => ItLiaisonCoverage)
export class ItLiaisonCoverageResolver {
  @FieldResolver(() => [Department], { description: 'Departments without a liaison.' })
  async uncovered(@Root() r: ItLiaisonCoverage, @Ctx() ctx: OrganizationContext) {
    return (await ctx.loaders.departmentById.loadMany(r.uncoveredIds)).filter((d): d is Department => d instanceof Department);
  }
}

@Resolver(() => Department)
export class DepartmentItLiaisonResolver {
  @FieldResolver(() => ItLiaison, { nullable: true, description: 'The IT liaison (信息化专员, ORG-R41).' })
  itLiaison(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.itLiaisonByDepartmentId.load(d.id);
  }
}

@Resolver(() => ItLiaison)
export class ItLiaisonFieldsResolver {
  @FieldResolver(() => Employee, { nullable: true })
  employee(@Root() l: ItLiaison, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(l.employeeId);
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() l: ItLiaison, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(l.departmentId);
  }
}
