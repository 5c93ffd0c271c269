import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { MaxLength, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { ServiceBranch } from '../service-branch.entity';

export const ServiceBranchConnection = Connection(ServiceBranch);

enum ServiceBranchOrderField {
  CODE = 'code',
  NAME = 'name',
}
registerEnumType(ServiceBranchOrderField, { name: 'ServiceBranchOrderField' });
const ServiceBranchOrder = OrderByInput('ServiceBranch', ServiceBranchOrderField);

@InputType()
export class ServiceBranchFilter {
  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  companyId?: string | null;
}

@ArgsType()
export class ServiceBranchesArgs extends PageArgs {
  @Field(() => ServiceBranchFilter, { nullable: true })
  @ValidateNested()
  filter?: ServiceBranchFilter | null;

  @Field(() => ServiceBranchOrder, { nullable: true, description: 'Default: by code.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'code', direction: 'ASC' });
  }
}
