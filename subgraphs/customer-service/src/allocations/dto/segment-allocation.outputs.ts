import { Field, ObjectType } from 'type-graphql';
import { MovedRecords, SegmentAllocation } from '../segment-allocation.entity';

@ObjectType()
export class SegmentAllocationResult {
  @Field(() => SegmentAllocation) allocation: SegmentAllocation;
  @Field(() => MovedRecords) moved: MovedRecords;
}
