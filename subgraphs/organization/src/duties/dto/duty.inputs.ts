import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { DutyHolderKind } from '../duty.entity';

@InputType()
export class DutyInput {
  @Field()
  @MinLength(1)
  @MaxLength(500)
  text: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  textEn?: string | null;
}

@InputType()
export class SetDutiesInput {
  @Field(() => DutyHolderKind)
  holderKind: DutyHolderKind;

  @Field(() => ID)
  holderId: string;

  @Field(() => Int, { description: "The department's or body's version (the duty list is part of it)." })
  expectedVersion: number;

  @Field(() => [DutyInput], { description: 'The whole list, in order; replaces the current one.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  duties: DutyInput[];

  @Field(() => ID, { nullable: true, description: 'The policy document the duties come from.' })
  sourceDocumentId?: string | null;

  @Field(() => ID, { nullable: true, description: "A department's duties: the passed DEPARTMENT_SETUP resolution of the company's board (ORG-R06)." })
  resolutionId?: string | null;
}
