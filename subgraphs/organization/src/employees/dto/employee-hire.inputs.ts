import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class HireEmployeeInput extends IdempotentInput {
  @Field(() => ID, { description: 'The employing company.' })
  companyId: string;

  @Field(() => ID, { nullable: true, description: "A department of the company; by default the position's department, if a position is given." })
  departmentId?: string | null;

  @Field()
  @MaxLength(100)
  name: string;

  @Field({ description: 'Unique among employees (stored in lower case).' })
  @MaxLength(200)
  email: string;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  @IsOptional()
  @MaxLength(100)
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'The direct superior (ORG-R28), in any company of the group; not departed.' })
  managerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A position of the company to staff at once (定人员): within its headcount quota; a senior post (GROUP_VP_AND_ABOVE) needs `resolutionId`.',
  })
  positionId?: string | null;

  @Field(() => ID, { nullable: true, description: "For a senior post: the board's adopted resolution on APPOINT_SENIOR_MANAGEMENT, as for assignToPosition." })
  resolutionId?: string | null;
}
