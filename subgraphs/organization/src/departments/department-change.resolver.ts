import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Department } from './department.entity';
import type { OrganizationContext } from '../context';
import { CreateDepartmentInput, RestructureDepartmentInput } from './dto/department-change.inputs';

@Resolver(() => Department)
export class DepartmentChangeResolver {
  @Authorized()
  @Mutation(() => Department, { description: 'Sets up a department, citing the board resolution (GROUP_EXECUTIVE only; logged).' })
  createDepartment(@Arg('input') input: CreateDepartmentInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.departmentChanges.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Department, { description: 'Moves / renames / re-kinds a department, citing the board resolution (GROUP_EXECUTIVE only; logged).' })
  restructureDepartment(@Arg('input') input: RestructureDepartmentInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.departmentChanges.restructure(requireViewer(ctx), input);
  }
}
