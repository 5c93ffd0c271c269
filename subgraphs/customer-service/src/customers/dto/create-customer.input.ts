import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min } from 'class-validator';
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

  @Field(() => String, {
    nullable: true,
    description: 'Retrying with the same key returns the first customer; the same key with a different body is refused (IDEMPOTENCY_KEY_REUSED).',
  })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Edits a customer of your segment (business staff: their own). The segment changes only by cross-segment allocation.' })
export class UpdateCustomerInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT/STALE_VERSION.' }) @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string | null;
  @Field(() => CustomerKind, { nullable: true }) kind?: CustomerKind | null;
  @Field(() => ID, { nullable: true, description: 'Segment heads only.' }) @IsOptional() @MaxLength(36) ownerId?: string | null;
}
