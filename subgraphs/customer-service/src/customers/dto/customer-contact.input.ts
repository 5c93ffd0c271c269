import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min } from 'class-validator';

@InputType()
export class AddCustomerContactInput {
  @Field(() => ID) @MaxLength(36) customerId: string;
  @Field() @Length(1, 100) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 100) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 40) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 200) email?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Makes it the primary contact (the previous one is no longer primary).' }) isPrimary?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) idempotencyKey?: string | null;
}

@InputType()
export class UpdateCustomerContactInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 100) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 40) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 200) email?: string | null;
  @Field(() => Boolean, { nullable: true }) isPrimary?: boolean | null;
}
