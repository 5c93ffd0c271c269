import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import { Employee } from '../employees/employee.entity';
import type { OrganizationContext } from '../context';
import { Portfolio } from './portfolio.entity';
import { AssignPortfolioInput, SetSimulatedLegalEntityInput } from './dto/portfolio.inputs';

@Resolver(() => Portfolio)
export class PortfolioResolver {
  @Authorized()
  @Mutation(() => Portfolio, {
    description:
      "分管 (ORG-R15): puts a department in a vice president's (or above) portfolio; a department has at most one responsible executive at a time. GROUP_EXECUTIVE only.",
  })
  assignPortfolio(@Arg('input') input: AssignPortfolioInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.portfolios.assign(requireViewer(ctx), input.departmentId, input.executiveId, input.idempotencyKey);
  }

  @Authorized()
  @Mutation(() => Portfolio, { description: 'Ends a portfolio entry (refused while its department runs as a simulated legal entity, ORG-R15). GROUP_EXECUTIVE only.' })
  endPortfolio(@Arg('portfolioId', () => ID) portfolioId: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.portfolios.end(requireViewer(ctx), portfolioId, expectedVersion);
  }

  @Authorized()
  @Mutation(() => Department, {
    description: '模拟法人 (ORG-R15): sets or clears whether a functional department within a portfolio runs as a simulated legal entity. GROUP_EXECUTIVE only.',
  })
  setDepartmentSimulatedLegalEntity(@Arg('input') input: SetSimulatedLegalEntityInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.portfolios.setSimulatedLegalEntity(requireViewer(ctx), input.departmentId, input.expectedVersion, input.simulatedLegalEntity);
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() p: Portfolio, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(p.departmentId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The responsible vice president or above (if visible to you).' })
  executive(@Root() p: Portfolio, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(p.executiveId);
  }
}

@Resolver(() => Department)
export class DepartmentPortfolioResolver {
  @FieldResolver(() => Employee, { nullable: true, description: '分管领导 (ORG-R15): the vice president or above in charge of the department now.' })
  async responsibleExecutive(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    const p = await ctx.loaders.activePortfolioByDepartmentId.load(d.id);
    return p ? ctx.loaders.employeeById.load(p.executiveId) : null;
  }
}

@Resolver(() => Employee)
export class EmployeePortfolioResolver {
  @FieldResolver(() => [Portfolio], { description: '分管 (ORG-R15): the departments this vice president or above is in charge of now.' })
  portfolio(@Root() e: Employee, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.activePortfoliosByExecutiveId.load(e.id);
  }
}
