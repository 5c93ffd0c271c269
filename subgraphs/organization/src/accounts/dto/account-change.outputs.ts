import { Field, ObjectType } from 'type-graphql';
import { AccountChangeRequest } from '../account-change.entity';
import { Account } from '../account.entity';

@ObjectType()
export class ImplementAccountChangePayload {
  @Field(() => AccountChangeRequest)
  request: AccountChangeRequest;

  @Field(() => Account)
  account: Account;

  @Field(() => String, { nullable: true, description: 'OPEN only: the temporary password, shown once; to be changed at first sign-in.' })
  temporaryPassword: string | null;
}
