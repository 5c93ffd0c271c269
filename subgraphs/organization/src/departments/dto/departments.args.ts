import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { Department, DepartmentKind } from '../department.entity';

enum DepartmentOrderField {
  CODE = 'code',
  NAME = 'name',
  CREATED_AT = 'createdAt',
}
registerEnumType(DepartmentOrderField, { name: 'DepartmentOrderField' });
const DepartmentOrder = OrderByInput('Department', DepartmentOrderField);

@InputType()
export class DepartmentFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only direct children of this department.' })
  parentId?: string | null;

  @Field({ nullable: true, description: 'Only top-level departments.' })
  rootsOnly?: boolean;

  @Field(() => DepartmentKind, { nullable: true })
  kind?: DepartmentKind | null;
}

@ArgsType()
export class DepartmentsArgs extends PageArgs {
  @Field(() => DepartmentFilter, { nullable: true })
  @ValidateNested()
  filter?: DepartmentFilter | null;

  @Field(() => DepartmentOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'code', direction: 'ASC' });
  }
}

export const DepartmentConnection = Connection(Department);
