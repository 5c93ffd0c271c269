import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { Company, CompanyKind, Segment } from '../company.entity';

export const CompanyConnection = Connection(Company);

export const SegmentConnection = Connection(Segment);

export enum CompanyOrderField {
  CODE = 'code',
  NAME = 'name',
  CREATED_AT = 'createdAt',
}

registerEnumType(CompanyOrderField, { name: 'CompanyOrderField' });

export const CompanyOrder = OrderByInput('Company', CompanyOrderField);

@InputType()
export class CompanyFilter {
  @Field(() => CompanyKind, { nullable: true })
  kind?: CompanyKind | null;

  @Field(() => ID, { nullable: true, description: 'Only direct subsidiaries of this company.' })
  parentId?: string | null;
}

@ArgsType()
export class CompaniesArgs extends PageArgs {
  @Field(() => CompanyFilter, { nullable: true })
  @ValidateNested()
  filter?: CompanyFilter | null;

  @Field(() => CompanyOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'code', direction: 'ASC' });
  }
}

export enum SegmentOrderField {
  CODE = 'code',
  NAME = 'name',
}

registerEnumType(SegmentOrderField, { name: 'SegmentOrderField' });

export const SegmentOrder = OrderByInput('Segment', SegmentOrderField);

@ArgsType()
export class SegmentsArgs extends PageArgs {
  @Field(() => SegmentOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;
}
