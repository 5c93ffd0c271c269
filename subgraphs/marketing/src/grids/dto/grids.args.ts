import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IdempotencyKeyField, Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { Grid } from '../grid.entity';

export const GridConnection = Connection(Grid);

enum GridOrderField {
  CODE = 'code',
  NAME = 'name',
}
registerEnumType(GridOrderField, { name: 'GridOrderField' });
const GridOrder = OrderByInput('Grid', GridOrderField);

@InputType()
export class GridFilter {
  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only root grids.' })
  rootsOnly?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only grids managed by this employee.' })
  managerEmployeeId?: string | null;
}

@ArgsType()
export class GridsArgs extends PageArgs {
  @Field(() => GridFilter, { nullable: true })
  @ValidateNested()
  filter?: GridFilter | null;

  @Field(() => GridOrder, { nullable: true, description: 'Default: code ascending.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'code', direction: 'ASC' });
  }
}

@InputType()
export class CreateGridInput {
  @Field()
  @MaxLength(64)
  code: string;

  @Field()
  @MaxLength(100)
  name: string;

  @Field(() => ID)
  @MaxLength(36)
  segmentId: string;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  territory?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The grid’s customer manager (organization Employee id).' })
  @MaxLength(36)
  managerEmployeeId?: string | null;

  @Field(() => Int)
  @Min(0)
  @Max(10_000_000)
  coverageTarget: number;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateGridInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' })
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @MaxLength(64)
  code?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  territory?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  managerEmployeeId?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(0)
  @Max(10_000_000)
  coverageTarget?: number | null;
}

@ObjectType({ description: 'Coverage of a grid and the grids below it (MKT-M2/M11, G-26).' })
export class GridCoverage {
  @Field(() => Int, { description: 'Customers placed in the grid or below.' })
  customers: number;

  @Field(() => Int, { description: 'Of those, with an archive at least 80 % complete.' })
  archived: number;

  @Field(() => Int, { description: 'Of those, served by a customer manager now.' })
  managed: number;

  @Field(() => Int, { description: 'Target universe (organisations in the territory).' })
  target: number;

  @Field(() => Float, { nullable: true, description: 'archived ÷ target (null when the target is 0); the source reports ~30 % after four years (MKT-R15).' })
  coverageRate: number | null;
}
