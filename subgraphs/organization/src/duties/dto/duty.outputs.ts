import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Duty, DutyHolderKind } from '../duty.entity';

@ObjectType({ description: 'ORG-M11: departments of a company with an IT liaison (信息化专员), out of all.' })
export class ItLiaisonCoverage {
  @Field(() => Int) departments: number;
  @Field(() => Int) covered: number;
  @Field(() => Float) coverageRate: number;
  uncoveredIds: string[];
}

@ObjectType({ description: "One holder's part of a duty catalogue, in source order." })
export class DutyCatalogueSection {
  @Field(() => DutyHolderKind) holderKind: DutyHolderKind;
  @Field({ description: 'A body or department id, or for ROLE the kind of unit or role (IT_SPECIALTY, IT_OPERATIONS, BUSINESS_DEPARTMENT, IT_LIAISON).' }) holderId: string;
  @Field({ description: 'The holder as the source names it.' }) holderName: string;
  @Field(() => [Duty]) duties: Duty[];
}
