import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity, CustomerJourneyPhase } from '../../complaints/complaint.entity';

@ObjectType({ description: 'SLA compliance and backlog ageing of one group (a branch, company, segment or responsible department).' })
export class ComplaintSlaReportRow {
  @Field(() => ID, { nullable: true, description: 'Id of the branch / company / segment / department; null = complaints without one.' })
  groupId: string | null;

  @Field(() => Int) total: number;
  @Field(() => Int) open: number;
  @Field(() => Int) firstResponseOnTime: number;
  @Field(() => Int) firstResponseBreached: number;
  @Field(() => Int) resolutionOnTime: number;
  @Field(() => Int) resolutionBreached: number;

  @Field(() => Float, { nullable: true, description: 'Targets met / targets decided (both targets); null when none is decided yet.' })
  complianceRate: number | null;

  @Field(() => Int, { description: 'Open complaints received less than a day ago.' }) openUnder1Day: number;
  @Field(() => Int) open1To3Days: number;
  @Field(() => Int) open3To7Days: number;
  @Field(() => Int, { description: 'Open complaints older than a week.' }) openOver7Days: number;
}

@ObjectType({ description: 'Number of complaints received in one period through one channel, with one severity, journey phase and category.' })
export class ComplaintVolumeReportRow {
  @Field({ description: 'YYYY-MM-DD or YYYY-MM (UTC).' }) period: string;
  @Field(() => ComplaintChannel) channel: string;
  @Field(() => ComplaintSeverity) severity: string;
  @Field(() => CustomerJourneyPhase) phase: string;
  @Field(() => ComplaintCategory) category: string;
  @Field(() => Int) count: number;
}
