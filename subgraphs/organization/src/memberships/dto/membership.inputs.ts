import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OfficeRole } from '../body-membership.entity';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class NominateBodyMemberInput extends IdempotentInput {
  @Field(() => ID)
  bodyId: string;

  @Field(() => ID)
  employeeId: string;

  @Field(() => OfficeRole)
  role: OfficeRole;

  @Field({ nullable: true, defaultValue: false })
  isShareholderRepresentative?: boolean;

  @Field(() => ID, { nullable: true, description: "SHAREHOLDER seats: the company's shareholding whose voting rights the member exercises (quorum and votes by share capital)." })
  shareholdingId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Defaults to now.' })
  termStart?: Date | null;

  @Field(() => Date, { nullable: true })
  termEnd?: Date | null;
}

@InputType()
export class DecideBodyNominationInput {
  @Field(() => ID)
  membershipId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field({ description: 'true = elected / appointed / dispatched; false = rejected.' })
  approve: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  reason?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Approving: the deciding body's adopted resolution naming this seat, cited once — directors and supervisors: the shareholders' meeting's on ELECT_DIRECTORS_AND_SUPERVISORS (ORG-R16/R19); the chair: the board's on ELECT_BOARD_CHAIR; the chief supervisor: the board of supervisors' on ELECT_CHIEF_SUPERVISOR; GM / president, VPs, senior managers, CFO / finance head: the board's (a sub-group's CFO: the group board's) on APPOINT_SENIOR_MANAGEMENT (A7, A9–A11). Shareholder and committee seats need none.",
  })
  @IsOptional()
  resolutionId?: string | null;
}

@InputType()
export class DismissBodyMemberInput {
  @Field(() => ID)
  membershipId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "Dismissing: the deciding body's adopted resolution naming this seat, on the same matter as its appointment (see DecideBodyNominationInput.resolutionId); not the one that appointed it.",
  })
  @IsOptional()
  resolutionId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "Dismissing a directly-affiliated sub-group's chairman, GM or chief supervisor: the group board's adopted resolution on SUBGROUP_LEADERSHIP_PROPOSAL for this seat (ORG-R21/R22).",
  })
  @IsOptional()
  proposalResolutionId?: string | null;
}

@InputType()
export class SetSeatLimitInput {
  @Field(() => ID)
  bodyId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => Int, { nullable: true, description: 'null = no fixed number of seats.' })
  seatLimit?: number | null;
}

@ArgsType()
export class ExpiringTermsArgs {
  @Field(() => Int, { defaultValue: 90, description: 'Terms ending within this many days from now (overdue ones included).' })
  @Min(0)
  @Max(3650)
  withinDays: number;
}
