import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { requireViewer } from '@group/shared';
import { Department, DepartmentKind } from './department.entity';
import type { OrganizationContext } from '../context';
import { IdempotentInput } from '../common/idempotency-key';

@InputType()
class CreateDepartmentInput extends IdempotentInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field()
  @MinLength(1)
  @MaxLength(32)
  code: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  nameEn?: string | null;

  @Field(() => DepartmentKind)
  kind: DepartmentKind;

  @Field(() => ID, { description: "The board's PASSED resolution on DEPARTMENT_SETUP (ORG-R06)." })
  resolutionId: string;
}

@InputType()
class RestructureDepartmentInput {
  @Field(() => ID)
  departmentId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => ID, { nullable: true, description: 'New parent; null makes it top-level; omit to keep.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @Field(() => DepartmentKind, { nullable: true })
  kind?: DepartmentKind | null;

  @Field(() => ID, { description: "The board's PASSED resolution on ORG_RESTRUCTURING (ORG-R11)." })
  resolutionId: string;
}

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
