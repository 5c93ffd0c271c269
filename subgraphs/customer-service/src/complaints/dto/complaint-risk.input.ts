import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min } from 'class-validator';
import { Connection, IdempotencyKeyField, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { ComplaintRiskLevel } from '../complaint.entity';
import { CompensationKind, ComplaintCompensation } from '../complaint-compensation.entity';

@InputType({ description: 'Risk assessment of a complaint (防范客户投诉风险); flagging a legal case escalates it to the legal function.' })
export class UpdateComplaintRiskInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion: number;

  @Field(() => ComplaintRiskLevel)
  riskLevel: ComplaintRiskLevel;

  @Field()
  legalCase: boolean;

  @Field(() => ID, { nullable: true, description: 'Legal department (organization Department) taking the case; required when the legal case is flagged.' })
  @IsOptional()
  @MaxLength(36)
  legalDepartmentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  note?: string | null;
}

@InputType()
export class RecordCompensationInput {
  @Field(() => ID)
  @MaxLength(36)
  complaintId: string;

  @Field(() => Int, { description: 'The complaint version you read.' })
  @Min(1)
  expectedVersion: number;

  @Field(() => CompensationKind)
  kind: CompensationKind;

  @Field(() => Float, { description: 'Yuan (CNY), at most two decimals; 0 for non-monetary compensation.' })
  @Min(0)
  amount: number;

  @Field()
  @Length(1, 500)
  description: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

export const ComplaintCompensationConnection = Connection(ComplaintCompensation);

enum CompensationOrderField {
  CREATED_AT = 'createdAt',
}
registerEnumType(CompensationOrderField, { name: 'ComplaintCompensationOrderField' });
const CompensationOrder = OrderByInput('ComplaintCompensation', CompensationOrderField);

@ArgsType()
export class ComplaintCompensationsArgs extends PageArgs {
  @Field(() => CompensationOrder, { nullable: true, description: 'Default: oldest first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'createdAt', direction: 'ASC' });
  }
}
