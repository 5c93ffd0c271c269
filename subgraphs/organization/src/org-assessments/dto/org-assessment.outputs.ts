import { Field, Int, ObjectType } from 'type-graphql';
import { OrgFindingKind } from '../org-assessment.entity';

@ObjectType({ description: 'ORG-M6: findings of organisational assessments per kind; resolved = in an implemented restructuring.' })
export class OrgFindingsReportRow {
  @Field(() => OrgFindingKind) kind: OrgFindingKind;
  @Field(() => Int) total: number;
  @Field(() => Int) resolved: number;
}
