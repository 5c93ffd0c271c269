import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { FollowUpGrouping } from '../follow-up.service';
import { CrmTargetType } from '../../crm/crm-enums';
import { Lead } from '../../leads/lead.entity';
import { Opportunity } from '../../opportunities/opportunity.entity';

@ObjectType({ description: 'Follow-up compliance of one staff member or segment for a month (CS-R25, CS-M4).' })
export class FollowUpComplianceRow {
  @Field(() => ID, { nullable: true, description: 'Owner employee id or segment id; null: unassigned records.' }) groupId: string | null;
  @Field(() => Int, { description: 'Open leads and opportunities the rule applies to.' }) required: number;
  @Field(() => Int, { description: 'Of which with at least one DONE general action in the month.' }) compliant: number;
  @Field(() => Int) missing: number;
  @Field(() => Float, { nullable: true, description: 'compliant / required; null when nothing is required.' }) rate: number | null;
  /** How the rows are grouped (decides whether `segment` or `owner` resolves). */
  by: FollowUpGrouping;
}

@ObjectType()
export class FollowUpCompliance {
  @Field({ description: 'YYYY-MM (Asia/Shanghai calendar month).' }) month: string;
  @Field(() => [FollowUpComplianceRow]) rows: FollowUpComplianceRow[];
}

@ObjectType('FollowUpItem', { description: 'An open lead or opportunity without a general action in the month (CS-R25).' })
export class FollowUpItemType {
  @Field(() => CrmTargetType, { description: 'LEAD or OPPORTUNITY.' }) kind: CrmTargetType;
  @Field(() => Lead, { nullable: true }) lead: Lead | null;
  @Field(() => Opportunity, { nullable: true }) opportunity: Opportunity | null;
  @Field(() => Date, { nullable: true, description: 'Latest follow-up ever (null: never followed up).' }) lastActionAt: Date | null;
  segmentId: string;
  ownerId: string | null;
}

@ObjectType()
export class FollowUpList {
  @Field() month: string;
  @Field(() => [FollowUpItemType]) items: FollowUpItemType[];
}

@ObjectType({ description: 'Follow-up compliance of a company for a month (CS-R25, CS-M4): its segments you can read, added up.' })
export class CompanyFollowUpCompliance {
  @Field({ description: 'YYYY-MM (Asia/Shanghai calendar month).' }) month: string;
  @Field(() => Int, { description: 'Open leads and opportunities the rule applies to.' }) required: number;
  @Field(() => Int, { description: 'Of which with at least one DONE general action in the month.' }) compliant: number;
  @Field(() => Int) missing: number;
  @Field(() => Float, { nullable: true, description: 'compliant / required; null when nothing is required.' }) rate: number | null;
}
