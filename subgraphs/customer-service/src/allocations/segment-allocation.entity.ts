import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Aggregate } from '@group/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AllocatableRecordType } from '../crm/crm-enums';

/** How many rows a merge or an allocation moved, per kind of record. */
@ObjectType({ description: 'Rows moved along with the record.' })
export class MovedRecords {
  @Field(() => Int) contacts: number;
  @Field(() => Int) leads: number;
  @Field(() => Int) opportunities: number;
  @Field(() => Int) orders: number;
  @Field(() => Int) generalActions: number;
  @Field(() => Int) complaints: number;
  @Field(() => Int) revisitPlans: number;
}
export const noneMoved = (): MovedRecords => ({ contacts: 0, leads: 0, opportunities: 0, orders: 0, generalActions: 0, complaints: 0, revisitPlans: 0 });

export enum AllocationStatus {
  REQUESTED = 'REQUESTED',
  ALLOCATED = 'ALLOCATED',
  REJECTED = 'REJECTED',
}
registerEnumType(AllocationStatus, { name: 'AllocationStatus', description: 'WF-CRM-7: REQUESTED → ALLOCATED | REJECTED (or ALLOCATED directly by the marketing department).' });

/**
 * A cross-segment allocation (跨版块分配, WF-CRM-7, CS-R36): the only way a
 * CRM record changes segment. Segment users submit a request; the group
 * marketing department allocates (or rejects) it, or allocates directly.
 * Visible to the marketing department, executives and both segments.
 */
@ObjectType({ description: 'A cross-segment allocation (跨版块分配): requested by a segment, performed or rejected by the group marketing department (CS-R36).' })
@Entity('segment_allocation')
@Index('ix_segment_allocation_record', ['recordId', 'requestedAt'])
@Index('ix_segment_allocation_from', ['fromSegmentId', 'requestedAt'])
@Index('ix_segment_allocation_to', ['toSegmentId', 'requestedAt'])
@Index('ix_segment_allocation_status', ['status', 'requestedAt'])
export class SegmentAllocation extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => AllocatableRecordType)
  @Column({ name: 'record_type', type: 'varchar', length: 16 })
  recordType: AllocatableRecordType;

  @Field(() => ID)
  @Column({ name: 'record_id', type: 'varchar', length: 36 })
  recordId: string;

  @Column({ name: 'from_segment_id', type: 'varchar', length: 36 })
  fromSegmentId: string;

  @Column({ name: 'to_segment_id', type: 'varchar', length: 36 })
  toSegmentId: string;

  @Column({ name: 'new_owner_id', type: 'varchar', length: 36, nullable: true })
  newOwnerId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Field(() => AllocationStatus)
  @Column({ type: 'varchar', length: 16 })
  status: AllocationStatus;

  /** JSON of MovedRecords, once allocated. */
  @Column({ type: 'text', nullable: true })
  moved: string | null;

  @Field({ description: 'Account that requested it (the operator itself for a direct allocation).' })
  @Column({ name: 'requested_by_account_id', type: 'varchar', length: 100 })
  requestedByAccountId: string;

  @Column({ name: 'requested_by_employee_id', type: 'varchar', length: 36, nullable: true })
  requestedByEmployeeId: string | null;

  @Field()
  @Column({ name: 'requested_at', type: 'datetime' })
  requestedAt: Date;

  @Field(() => String, { nullable: true, description: 'Account of the marketing-department operator who allocated or rejected it.' })
  @Column({ name: 'decided_by_account_id', type: 'varchar', length: 100, nullable: true })
  decidedByAccountId: string | null;

  @Column({ name: 'decided_by_employee_id', type: 'varchar', length: 36, nullable: true })
  decidedByEmployeeId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected (or a note on the allocation).' })
  @Column({ name: 'decision_note', type: 'varchar', length: 1000, nullable: true })
  decisionNote: string | null;
}
