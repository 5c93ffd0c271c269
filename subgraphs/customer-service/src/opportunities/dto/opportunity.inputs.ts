import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { Opportunity } from '../opportunity.entity';
import { OpportunityStatus } from '../../crm/crm-enums';

export const OpportunityConnection = Connection(Opportunity, 'Opportunity');

enum OpportunityOrderField {
  CREATED_AT = 'createdAt',
  NAME = 'name',
  AMOUNT = 'amount',
  EXPECTED_CLOSE_AT = 'expectedCloseAt',
}
registerEnumType(OpportunityOrderField, { name: 'OpportunityOrderField' });
const OpportunityOrder = OrderByInput('Opportunity', OpportunityOrderField);

@InputType({ description: 'All conditions must hold; segment isolation applies on top.' })
export class OpportunityFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) segmentId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) ownerId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) customerId?: string | null;
  @Field(() => OpportunityStatus, { nullable: true }) status?: OpportunityStatus | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) stage?: string | null;
}

@ArgsType()
export class OpportunitiesArgs extends PageArgs {
  @Field(() => OpportunityFilter, { nullable: true })
  @ValidateNested()
  filter?: OpportunityFilter | null;

  @Field(() => OpportunityOrder, { nullable: true, description: 'Default: newest first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'createdAt', direction: 'DESC' });
  }
}

@InputType()
export class CreateOpportunityInput {
  @Field(() => ID, { description: 'A customer of one of your segments; the opportunity takes its segment.' }) @MaxLength(36) customerId: string;
  @Field() @Length(1, 200) name: string;
  @Field(() => Float, { description: 'Expected contract value in yuan.' }) amount: number;
  @Field(() => Date, { nullable: true }) expectedCloseAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Default: the first stage of the segment.' }) @IsOptional() @MaxLength(32) stage?: string | null;
  @Field(() => ID, { nullable: true, description: 'Default: you. Segment heads may name another owner.' }) @IsOptional() @MaxLength(36) ownerId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) idempotencyKey?: string | null;
}

@InputType()
export class UpdateOpportunityInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string | null;
  @Field(() => Float, { nullable: true }) amount?: number | null;
  @Field(() => Date, { nullable: true }) expectedCloseAt?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Segment heads only.' }) @IsOptional() @MaxLength(36) ownerId?: string | null;
}

@InputType({ description: 'Stage promotion (阶段升迁); backwards only for segment heads.' })
export class MoveOpportunityStageInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field() @MaxLength(32) stage: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 1000) note?: string | null;
}

enum OpportunityOutcome {
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(OpportunityOutcome, { name: 'OpportunityOutcome' });

@InputType()
export class CloseOpportunityInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field(() => OpportunityOutcome, { description: 'WON needs an active sales order linked to the opportunity.' }) outcome: OpportunityStatus;
  @Field() @Length(1, 500) reason: string;
}

@ObjectType('OpportunityPipelineRow', { description: 'Open opportunities of one segment, owner and stage (CS-M7).' })
export class PipelineRow {
  @Field(() => ID) segmentId: string;
  @Field(() => ID, { nullable: true }) ownerId: string | null;
  @Field() stage: string;
  @Field(() => Int) count: number;
  @Field(() => Float) amount: number;
  @Field(() => Float, { description: 'Σ amount × probability / 100.' }) weightedAmount: number;
}

@ObjectType('SegmentPipelineStage', { description: 'One stage of a segment pipeline: open opportunities in it.' })
export class PipelineStage {
  @Field() stage: string;
  @Field() stageName: string;
  @Field(() => Int) position: number;
  @Field(() => Int) probability: number;
  @Field(() => Int) count: number;
  @Field(() => Float) amount: number;
  @Field(() => Float) weightedAmount: number;
}

@InputType({ description: 'One stage of a configured list, in order; the last is the won stage (100 %).' })
export class OpportunityStageInput {
  @Field({ description: 'UPPER_CASE code, e.g. SITE_VISIT.' }) @Length(2, 32) code: string;
  @Field() @Length(1, 100) name: string;
  @Field(() => Int, { description: 'Win probability in percent; never decreasing along the list.' }) probability: number;
}
