import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { IdempotentInput } from '../../common/idempotency-key';
import { GovernanceReport } from '../governance-report.entity';

@InputType()
export class SubmitGovernanceReportInput extends IdempotentInput {
  @Field(() => ID, { description: 'The reporting body: board, board of supervisors or management.' })
  fromBodyId: string;

  @Field(() => ID, { description: "The body reported to: the shareholders' meeting (from board or supervisors) or the board (from management)." })
  toBodyId: string;

  @Field(() => ID, { nullable: true, description: 'The meeting of the receiving body at which it was heard.' })
  meetingId?: string | null;

  @Field({ description: '2025, 2025-H1, 2025-Q3 or 2025-07.' })
  @MaxLength(20)
  period: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field()
  @MinLength(1)
  @MaxLength(20000)
  content: string;
}

@InputType()
export class GovernanceReportFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => ID, { nullable: true })
  toBodyId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20)
  period?: string | null;
}

@ArgsType()
export class GovernanceReportsArgs extends PageArgs {
  @Field(() => GovernanceReportFilter, { nullable: true })
  @ValidateNested()
  filter?: GovernanceReportFilter | null;
}

export const GovernanceReportConnection = Connection(GovernanceReport);
