import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, Args } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Employee, EmployeeChange } from './employee.entity';
import type { OrganizationContext } from '../context';
import { SetEmployeeStatusArgs } from './dto/employee-change.inputs';

@Resolver(() => Employee)
export class EmployeeChangeResolver {
  @Authorized()
  @Mutation(() => Employee, { description: 'Active / on leave / departed. A departure ends positions and seats and sets the CRM account-change deadline (GROUP_EXECUTIVE only).' })
  setEmployeeStatus(@Args() a: SetEmployeeStatusArgs, @Ctx() ctx: OrganizationContext) {
    return ctx.services.employeeChanges.setStatus(requireViewer(ctx), a.employeeId, a.expectedVersion, a.status, a.reason);
  }

  @Authorized()
  @Mutation(() => Employee, { description: 'Transfers to another department of the company and/or sets the reporting line; a transfer sets the CRM account-change deadline.' })
  transferEmployee(
    @Arg('employeeId', () => ID) employeeId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('departmentId', () => ID, { nullable: true }) departmentId: string | null,
    @Arg('managerId', () => ID, { nullable: true, description: 'New direct superior; omit to keep.' }) managerId: string | null | undefined,
    @Ctx() ctx: OrganizationContext,
  ) {
    return ctx.services.employeeChanges.transfer(requireViewer(ctx), employeeId, expectedVersion, departmentId, managerId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Reporting line: the direct superior.' })
  manager(@Root() e: Employee, @Ctx() ctx: OrganizationContext) {
    return e.managerId ? ctx.loaders.employeeById.load(e.managerId) : null;
  }

  @FieldResolver(() => [EmployeeChange], { description: 'HR events, newest first (company-scoped).' })
  changes(@Root() e: Employee, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeChangesByEmployeeId.load(e.id);
  }
}
