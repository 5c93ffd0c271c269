import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { DepartmentKind } from '../department.entity';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class CreateDepartmentInput extends IdempotentInput {
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
export class RestructureDepartmentInput {
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
