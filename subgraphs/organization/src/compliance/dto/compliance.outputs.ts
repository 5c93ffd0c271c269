import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Login compliance of one account over a period (domain.md CS-R21, CS-R22).' })
export class LoginComplianceRow {
  accountId: string;

  @Field(() => Int, {
    description:
      "Local working days of the person's company calendar (holidays and make-up working days included) outside trip weeks after the account was opened: one login within its working hours each required.",
  })
  requiredWorkingDays: number;

  @Field(() => Int, { description: 'Of those, days without a successful login.' })
  workingDaysMissed: number;

  @Field(() => Int, { description: 'Weeks with a business trip: two logins a week required instead.' })
  tripWeeks: number;

  @Field(() => Int)
  tripWeeksUnderTwoLogins: number;

  @Field(() => Boolean)
  get compliant(): boolean {
    return this.workingDaysMissed === 0 && this.tripWeeksUnderTwoLogins === 0;
  }
}

@ObjectType({ description: 'An account with no login for two consecutive weeks (CS-R27).' })
export class InactiveAccount {
  accountId: string;

  @Field(() => Date, { nullable: true, description: 'Last successful login (null = never).' })
  lastLoginAt: Date | null;
}

@ObjectType({ description: 'An account named on a circular.' })
export class CircularListing {
  accountId: string;

  @Field(() => Date, { nullable: true })
  lastLoginAt: Date | null;
}
