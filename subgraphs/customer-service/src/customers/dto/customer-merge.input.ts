import { Field, ID, InputType, Int } from 'type-graphql';
import { MaxLength, Min } from 'class-validator';

@InputType({ description: 'Merges a duplicate customer into a survivor of the same segment (segment heads).' })
export class MergeCustomersInput {
  @Field(() => ID) @MaxLength(36) survivorId: string;
  @Field(() => Int) @Min(1) survivorExpectedVersion: number;
  @Field(() => ID) @MaxLength(36) duplicateId: string;
  @Field(() => Int) @Min(1) duplicateExpectedVersion: number;
}
