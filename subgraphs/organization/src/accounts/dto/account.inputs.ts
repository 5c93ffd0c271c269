import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsEmail, IsOptional, MaxLength, MinLength } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { Account } from '../account.entity';

export const AccountConnection = Connection(Account);

@InputType()
export class LoginInput {
  @Field()
  @IsEmail()
  @MaxLength(200)
  email: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Sets a new password in the same step (password rules apply). Required when the account has a temporary password (PASSWORD_CHANGE_REQUIRED): no token is issued until it is replaced.',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  newPassword?: string | null;
}

@ArgsType()
export class AccountsArgs extends PageArgs {}

@InputType()
export class ChangePasswordInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @Field({ description: 'At least 10 characters, 3 of 4 character classes, not the email, not a common password.' })
  @MinLength(1)
  @MaxLength(200)
  newPassword: string;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID)
  accountId: string;

  @Field(() => Int, { description: 'The version of the account you read; a stale one is refused (CONFLICT / STALE_VERSION).' })
  expectedVersion: number;

  @Field({ description: "Must pass the password rules; the account's tokens are revoked and a lockout lifted." })
  @MinLength(1)
  @MaxLength(200)
  newPassword: string;
}
