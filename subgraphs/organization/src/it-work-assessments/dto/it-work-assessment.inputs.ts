import { Field, ID, InputType, Int } from 'type-graphql';
import { MaxLength, MinLength } from 'class-validator';
import { IdempotentInput } from '../../common/idempotency-key';
import { ItWorkAssessmentKind } from '../it-work-assessment.entity';

@InputType()
export class RecordItWorkAssessmentInput extends IdempotentInput {
  @Field(() => ID, { description: 'The assessed department.' })
  departmentId: string;

  @Field(() => ID, { description: 'The technology department: holds the duty 「负责信息化工作的监督、检查与考核」, in the same company or one above.' })
  assessorDepartmentId: string;

  @Field({ description: 'A year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-07).' })
  @MaxLength(20)
  period: string;

  @Field(() => ItWorkAssessmentKind)
  kind: ItWorkAssessmentKind;

  @Field(() => Int, { description: '0–100.' })
  score: number;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  findings: string;

  @Field()
  rectificationRequired: boolean;

  @Field(() => Date, { nullable: true, description: 'Required with rectificationRequired, in the future.' })
  rectificationDue?: Date | null;
}

@InputType()
export class RecordItRectificationInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field({ description: 'What was done.' })
  @MinLength(1)
  @MaxLength(5000)
  rectification: string;
}
