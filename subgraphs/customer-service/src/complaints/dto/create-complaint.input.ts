import { Field, ID, InputType } from 'type-graphql';
import { Length, MaxLength } from 'class-validator';
import { ComplaintChannel, ComplaintSeverity, CustomerJourneyPhase } from '../complaint.entity';

@InputType()
export class CreateComplaintInput {
  @Field(() => ID, { description: 'A customer you can see; the complaint takes its segment.' })
  @MaxLength(36)
  customerId: string;

  @Field()
  @Length(1, 200)
  title: string;

  @Field()
  @Length(1, 4000)
  description: string;

  @Field(() => ComplaintChannel)
  channel: ComplaintChannel;

  @Field(() => ComplaintSeverity)
  severity: ComplaintSeverity;

  @Field(() => CustomerJourneyPhase)
  phase: CustomerJourneyPhase;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  responsibleDepartmentId?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  handlerId?: string | null;
}
