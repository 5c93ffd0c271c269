import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Company } from '../../companies/company.entity';

@ObjectType({ description: 'A company in a holding tree, with the share held directly by its parent and through the whole chain.' })
export class HoldingTreeNode {
  @Field(() => Company)
  company: Company;

  @Field(() => ID, { description: 'The holding company directly above this one in the tree.' })
  parentId: string;

  @Field(() => Int, { description: '1 = held directly by the root.' })
  depth: number;

  @Field(() => Float)
  directPercentage: number;

  @Field(() => Float, { description: "The root's share through the chain (product of the direct shares)." })
  effectivePercentage: number;
}
