import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { ComplaintAction } from '../complaint-workflow';

@InputType({ description: 'One step of the handling workflow; refused unless `expectedVersion` is the current version.' })
export class TransitionComplaintInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT/STALE_VERSION.' })
  @Min(1)
  expectedVersion: number;

  @Field(() => ComplaintAction)
  action: ComplaintAction;

  @Field(() => String, { nullable: true, description: 'Required for REJECT, RESOLVE and REOPEN; recorded in the timeline.' })
  @IsOptional()
  @Length(0, 2000)
  note?: string | null;

  @Field(() => ID, { nullable: true, description: 'ASSIGN: the employee who will handle the complaint.' })
  @IsOptional()
  @MaxLength(36)
  handlerId?: string | null;

  @Field(() => Int, { nullable: true, description: 'REVISIT: the customer satisfaction score, 1 (very unhappy) to 5 (very happy).' })
  @IsOptional()
  @Min(1)
  @Max(5)
  satisfaction?: number | null;
}
