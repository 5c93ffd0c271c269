import { Field, ID, InputType } from 'type-graphql';
import { Length, MaxLength } from 'class-validator';
import { CustomerKind } from '../customer.entity';

@InputType()
export class CreateCustomerInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => CustomerKind)
  kind: CustomerKind;

  @Field(() => ID, { description: 'Must be one of your own segments.' })
  @MaxLength(36)
  segmentId: string;

  @Field(() => ID, { nullable: true, description: 'Employee who owns the relationship.' })
  @MaxLength(36)
  ownerId?: string | null;
}
