import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class StatusFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;
}
