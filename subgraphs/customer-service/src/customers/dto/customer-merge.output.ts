import { Field, ObjectType } from 'type-graphql';
import { MovedRecords } from '../../allocations/segment-allocation.entity';
import { CustomerMerge } from '../customer-merge.entity';
import { Customer } from '../customer.entity';

@ObjectType()
export class CustomerMergeResult {
  @Field(() => Customer) customer: Customer;
  @Field(() => CustomerMerge) merge: CustomerMerge;
  @Field(() => MovedRecords) moved: MovedRecords;
}
