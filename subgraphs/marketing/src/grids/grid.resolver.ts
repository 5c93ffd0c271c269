import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { CustomerManagerAssignment, Grid } from './grid.entity';
import { CreateGridInput, GridConnection, GridCoverage, GridsArgs, UpdateGridInput } from './dto/grids.args';
import { Employee, employeeRef } from '../federated/employee';
import { Customer, customerRef } from '../federated/customer';
import type { MarketingContext } from '../context';

@Resolver(() => Grid)
export class GridResolver {
  @Authorized()
  @Query(() => GridConnection, { description: 'Grids of the segments you can read.' })
  grids(@Args() args: GridsArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<Grid>> {
    return ctx.services.grids.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Grid, { nullable: true })
  grid(@Arg('id', () => ID) id: string, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.gridById.load(id);
  }

  @Authorized()
  @Mutation(() => Grid, {
    description:
      'Creates a grid in your segment (segment heads). Errors: FORBIDDEN GRID_WRITE_FORBIDDEN / SEGMENT_FORBIDDEN, BAD_USER_INPUT GRID_SEGMENT_MISMATCH, CONFLICT GRID_CODE_TAKEN / IDEMPOTENCY_KEY_REUSED.',
  })
  createGrid(@Arg('input', () => CreateGridInput) input: CreateGridInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.grids.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Grid, {
    description: 'Updates a grid of your segment (segment heads). Errors: FORBIDDEN GRID_WRITE_FORBIDDEN, NOT_FOUND GRID_NOT_FOUND, CONFLICT STALE_VERSION / GRID_CODE_TAKEN.',
  })
  updateGrid(@Arg('input', () => UpdateGridInput) input: UpdateGridInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.grids.update(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes an empty grid of your segment (segment heads). Errors: FORBIDDEN, NOT_FOUND, CONFLICT GRID_NOT_EMPTY / STALE_VERSION.' })
  deleteGrid(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.grids.delete(requireViewer(ctx), id, expectedVersion);
  }

  @Authorized()
  @Mutation(() => Customer, { description: 'Places a customer of your segment in a grid of the same segment; gridId null takes it out (segment heads and staff).' })
  async placeCustomerInGrid(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('gridId', () => ID, { nullable: true }) gridId: string | null,
    @Ctx() ctx: MarketingContext,
  ): Promise<Customer> {
    const p = await ctx.services.grids.place(requireViewer(ctx), customerId, gridId ?? null);
    return customerRef(p.customerId, p.segmentId);
  }

  @Authorized()
  @Mutation(() => CustomerManagerAssignment, {
    nullable: true,
    description: 'Makes an employee the customer’s manager from now, ending the previous assignment (segment heads); null ends the current one.',
  })
  assignCustomerManager(@Arg('customerId', () => ID) customerId: string, @Arg('employeeId', () => ID, { nullable: true }) employeeId: string | null, @Ctx() ctx: MarketingContext) {
    return ctx.services.grids.assignManager(requireViewer(ctx), customerId, employeeId ?? null);
  }

  @FieldResolver(() => Grid, { nullable: true })
  parent(@Root() g: Grid, @Ctx() ctx: MarketingContext) {
    return g.parentId ? ctx.loaders.gridById.load(g.parentId) : null;
  }

  @FieldResolver(() => [Grid], { description: 'Direct sub-grids, by code.' })
  children(@Root() g: Grid, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.gridsByParentId.load(g.id);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The grid’s customer manager.' })
  manager(@Root() g: Grid) {
    return g.managerEmployeeId ? employeeRef(g.managerEmployeeId) : null;
  }

  @FieldResolver(() => GridCoverage, { description: 'Coverage of this grid and its sub-grids; one statement for all grids of a page.' })
  async coverage(@Root() g: Grid, @Ctx() ctx: MarketingContext): Promise<GridCoverage> {
    const c = await ctx.loaders.gridCoverageByGridId.load(g.id);
    const r = c ?? { customers: 0, archived: 0, managed: 0, target: g.coverageTarget };
    return Object.assign(new GridCoverage(), { ...r, coverageRate: r.target > 0 ? r.archived / r.target : null });
  }
}

@Resolver(() => CustomerManagerAssignment)
export class CustomerManagerAssignmentResolver {
  @FieldResolver(() => Employee)
  manager(@Root() a: CustomerManagerAssignment) {
    return employeeRef(a.managerEmployeeId);
  }

  @FieldResolver(() => Customer)
  customer(@Root() a: CustomerManagerAssignment) {
    return customerRef(a.customerId, a.segmentId);
  }
}

@Resolver(() => Employee)
export class EmployeeGridsResolver {
  @FieldResolver(() => [Grid], {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Grids this employee manages, in the segments you can read.',
  })
  grids(@Root() e: Employee, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.gridsByManagerId.load(e.id);
  }
}
