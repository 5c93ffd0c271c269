import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { AllocatableRecordType } from './crm-enums';
import { AllocationStatus, MovedRecords, SegmentAllocation, CustomerMerge } from './crm-records.entity';
import { FollowUpGrouping } from './follow-up.service';
import { Customer } from '../customers/customer.entity';

registerEnumType(FollowUpGrouping, { name: 'FollowUpGrouping', description: 'Per staff member (owner) or per segment; per company: group the segments through Segment.company.' });

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

@ObjectType()
export class SegmentAllocationResult {
  @Field(() => SegmentAllocation) allocation: SegmentAllocation;
  @Field(() => MovedRecords) moved: MovedRecords;
}

@InputType({ description: 'Merges a duplicate customer into a survivor of the same segment (segment heads).' })
export class MergeCustomersInput {
  @Field(() => ID) @MaxLength(36) survivorId: string;
  @Field(() => Int) @Min(1) survivorExpectedVersion: number;
  @Field(() => ID) @MaxLength(36) duplicateId: string;
  @Field(() => Int) @Min(1) duplicateExpectedVersion: number;
}

@ObjectType()
export class CustomerMergeResult {
  @Field(() => Customer) customer: Customer;
  @Field(() => CustomerMerge) merge: CustomerMerge;
  @Field(() => MovedRecords) moved: MovedRecords;
}

@ObjectType({ description: 'Follow-up compliance of one staff member or segment for a month (CS-R25, CS-M4).' })
export class FollowUpComplianceRow {
  @Field(() => ID, { nullable: true, description: 'Owner employee id or segment id; null: unassigned records.' }) groupId: string | null;
  @Field(() => Int, { description: 'Open leads and opportunities the rule applies to.' }) required: number;
  @Field(() => Int, { description: 'Of which with at least one DONE general action in the month.' }) compliant: number;
  @Field(() => Int) missing: number;
  @Field(() => Float, { nullable: true, description: 'compliant / required; null when nothing is required.' }) rate: number | null;
  /** How the rows are grouped (decides whether `segment` or `owner` resolves). */
  by: FollowUpGrouping;
}

@ObjectType()
export class FollowUpCompliance {
  @Field({ description: 'YYYY-MM (Asia/Shanghai calendar month).' }) month: string;
  @Field(() => [FollowUpComplianceRow]) rows: FollowUpComplianceRow[];
}

@ArgsType()
export class FollowUpArgs {
  @Field(() => String, { nullable: true, description: 'YYYY-MM; default the current month.' }) @IsOptional() @MaxLength(7) month?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) ownerId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) segmentId?: string | null;
  @Field(() => Int, { defaultValue: 100, description: 'At most this many (1–500).' }) @Min(1) @Max(500) first: number = 100;
}
