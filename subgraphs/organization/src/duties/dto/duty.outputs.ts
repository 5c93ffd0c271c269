import { Field, ObjectType } from 'type-graphql';
import { Duty, DutyHolderKind } from '../duty.entity';

@ObjectType({ description: "One holder's part of a duty catalogue, in source order." })
export class DutyCatalogueSection {
  @Field(() => DutyHolderKind) holderKind: DutyHolderKind;
  @Field({ description: 'A body or department id, or for ROLE the kind of unit or role (IT_SPECIALTY, IT_OPERATIONS, BUSINESS_DEPARTMENT, IT_LIAISON).' }) holderId: string;
  @Field({ description: 'The holder as the source names it.' }) holderName: string;
  @Field(() => [Duty]) duties: Duty[];
}
