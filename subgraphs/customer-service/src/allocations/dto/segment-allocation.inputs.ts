import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { AllocatableRecordType } from '../../crm/crm-enums';
import { AllocationStatus, SegmentAllocation } from '../segment-allocation.entity';

export const SegmentAllocationConnection = Connection(SegmentAllocation);

@ArgsType()
export class SegmentAllocationsArgs extends PageArgs {
  @Field(() => AllocationStatus, { nullable: true }) status?: AllocationStatus | null;
}

@InputType({ description: 'Asks the group marketing department to move a customer (with everything attached) or a lead of your segment to another segment (WF-CRM-7).' })
export class RequestSegmentAllocationInput {
  @Field(() => AllocatableRecordType) recordType: AllocatableRecordType;
  @Field(() => ID) @MaxLength(36) recordId: string;
  @Field(() => ID) @MaxLength(36) toSegmentId: string;
  @Field() @Length(1, 1000) reason: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) idempotencyKey?: string | null;
}

@InputType({ description: 'The marketing department allocates (moving the record as it is now) or rejects a request.' })
export class DecideSegmentAllocationInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field() approve: boolean;
  @Field(() => ID, { nullable: true, description: 'Owner in the new segment; null: unassigned there.' }) @IsOptional() @MaxLength(36) newOwnerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Required to reject.' }) @IsOptional() @Length(0, 1000) note?: string | null;
}

@InputType({ description: 'Moves a customer (with everything attached) or a lead to another segment. Group marketing department only (CS-R36).' })
export class AllocateToSegmentInput {
  @Field(() => AllocatableRecordType) recordType: AllocatableRecordType;
  @Field(() => ID) @MaxLength(36) recordId: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field(() => ID) @MaxLength(36) toSegmentId: string;
  @Field(() => ID, { nullable: true, description: 'Owner in the new segment; null: unassigned there.' }) @IsOptional() @MaxLength(36) newOwnerId?: string | null;
  @Field() @Length(1, 1000) reason: string;
}
