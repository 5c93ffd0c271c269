import { Field, Int, ObjectType } from 'type-graphql';
import { SubsidiaryOversightMatter } from '../subsidiary-oversight.entity';

@ObjectType({ description: 'ORG-M9: open oversight items of a subsidiary for one matter.' })
export class OversightRegisterRow {
  subsidiaryId: string;
  @Field(() => SubsidiaryOversightMatter) matter: SubsidiaryOversightMatter;
  @Field(() => Int) open: number;
}
