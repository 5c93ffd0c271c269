import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Connection, IdempotencyKeyField, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { CustomerRevisit, RevisitPlan } from '../revisit-plan.entity';

export const RevisitPlanConnection = Connection(RevisitPlan);
export const CustomerRevisitConnection = Connection(CustomerRevisit);

enum RevisitPlanOrderField {
  NEXT_DUE_AT = 'nextDueAt',
}
registerEnumType(RevisitPlanOrderField, { name: 'RevisitPlanOrderField' });
const RevisitPlanOrder = OrderByInput('RevisitPlan', RevisitPlanOrderField);

enum CustomerRevisitOrderField {
  VISITED_AT = 'visitedAt',
}
registerEnumType(CustomerRevisitOrderField, { name: 'CustomerRevisitOrderField' });
const CustomerRevisitOrder = OrderByInput('CustomerRevisit', CustomerRevisitOrderField);

@InputType()
export class RevisitPlanFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only plans whose next visit is due.' })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(36)
  customerId?: string | null;
}

@ArgsType()
export class RevisitPlansArgs extends PageArgs {
  @Field(() => RevisitPlanFilter, { nullable: true })
  @ValidateNested()
  filter?: RevisitPlanFilter | null;

  @Field(() => RevisitPlanOrder, { nullable: true, description: 'Default: next due first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'nextDueAt', direction: 'ASC' });
  }
}

@ArgsType()
export class CustomerRevisitsArgs extends PageArgs {
  @Field(() => CustomerRevisitOrder, { nullable: true, description: 'Default: latest first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'visitedAt', direction: 'DESC' });
  }
}

@InputType()
export class CreateRevisitPlanInput {
  @Field(() => ID)
  @MaxLength(36)
  customerId: string;

  @Field(() => Int, { nullable: true, description: 'Days between visits; default 90 (quarterly, G-07).' })
  @IsOptional()
  @Min(1)
  @Max(366)
  cadenceDays?: number | null;

  @Field(() => ID, { nullable: true, description: 'Employee making the visits; default you.' })
  @IsOptional()
  @MaxLength(36)
  ownerId?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class RecordRevisitInput {
  @Field(() => ID)
  @MaxLength(36)
  planId: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion: number;

  @Field(() => Int, { description: '1–5.' })
  @Min(1)
  @Max(5)
  satisfaction: number;

  @Field()
  @Length(1, 2000)
  feedback: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
