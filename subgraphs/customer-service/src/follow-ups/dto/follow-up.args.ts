import { ArgsType, Field, ID, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { FollowUpGrouping } from '../follow-up.service';

registerEnumType(FollowUpGrouping, { name: 'FollowUpGrouping', description: 'Per staff member (owner) or per segment; per company: group the segments through Segment.company.' });

@ArgsType()
export class FollowUpArgs {
  @Field(() => String, { nullable: true, description: 'YYYY-MM; default the current month.' }) @IsOptional() @MaxLength(7) month?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) ownerId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) segmentId?: string | null;
  @Field(() => Int, { defaultValue: 100, description: 'At most this many (1–500).' }) @Min(1) @Max(500) first: number = 100;
}
