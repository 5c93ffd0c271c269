import { Field, ObjectType } from 'type-graphql';
import { Account } from '../account.entity';

@ObjectType()
export class LoginPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`.' })
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => Account)
  account: Account;
}
