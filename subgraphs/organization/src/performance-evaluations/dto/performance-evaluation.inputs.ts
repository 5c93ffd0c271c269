import { Field, ID, InputType } from 'type-graphql';
import { MaxLength, MinLength } from 'class-validator';
import { PerformanceRating } from '../performance-evaluation.entity';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class EvaluateBodyPerformanceInput extends IdempotentInput {
  @Field(() => ID, { description: "The held, quorate shareholders' meeting." })
  meetingId: string;

  @Field(() => ID, { description: 'The board or the board of supervisors of the same company.' })
  evaluatedBodyId: string;

  @Field()
  @MaxLength(20)
  period: string;

  @Field(() => PerformanceRating)
  rating: PerformanceRating;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  comment: string;
}
