import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { OrgAssessment, OrgAssessmentState, OrgFindingKind, StakeholderGroup } from '../org-assessment.entity';
import { IdempotentInput } from '../../common/idempotency-key';
import { StatusFilter } from '../../common/status-filter';

@InputType()
export class OrgAssessmentFilter extends StatusFilter {
  @Field(() => OrgAssessmentState, { nullable: true })
  state?: OrgAssessmentState | null;
}

@ArgsType()
export class OrgAssessmentsArgs extends PageArgs {
  @Field(() => OrgAssessmentFilter, { nullable: true })
  @ValidateNested()
  filter?: OrgAssessmentFilter | null;
}

@InputType()
export class RecordOrgFindingInput extends IdempotentInput {
  @Field(() => ID)
  assessmentId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => OrgFindingKind)
  kind: OrgFindingKind;

  @Field(() => ID, { nullable: true, description: 'The department concerned (of the assessed company).' })
  departmentId?: string | null;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  description: string;
}

@InputType()
export class RecordStakeholderOpinionInput extends IdempotentInput {
  @Field(() => ID)
  assessmentId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => StakeholderGroup)
  group: StakeholderGroup;

  @Field(() => ID, { description: 'Who spoke: an active member of the board / supervisors / management, or an employee of the company.' })
  employeeId: string;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  opinion: string;
}

@InputType()
export class DecideOrgAssessmentInput {
  @Field(() => ID)
  assessmentId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field()
  approve: boolean;

  @Field(() => ID, { nullable: true, description: "Approval: the passed ORG_RESTRUCTURING resolution of the company's board." })
  resolutionId?: string | null;
}

export const OrgAssessmentConnection = Connection(OrgAssessment);
