import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { ComplaintAttachmentInput } from './complaint-attachment.input';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity, CustomerJourneyPhase } from '../complaint.entity';

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

  @Field(() => [ComplaintAttachmentInput], { nullable: true, description: 'Up to 10 files (metadata of uploads to object storage).' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested()
  attachments?: ComplaintAttachmentInput[] | null;

  @Field(() => ComplaintCategory, { nullable: true, description: 'Default OTHER.' })
  category?: ComplaintCategory | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  responsibleDepartmentId?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  handlerId?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the customer made the complaint, if earlier than now (a hotline log or letter registered later): at most 30 days back, not in the future. The SLA runs from it; the timeline records the late registration.',
  })
  receivedAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Customer-service branch (客户服务分部) that handles it; its staff will see the complaint.' })
  @IsOptional()
  @MaxLength(36)
  branchId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Optional client-chosen key (e.g. a UUID per form submission): retrying with the same key returns the complaint created first, never a duplicate.',
  })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}
