import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Delegation } from '../delegation.entity';
import { GoverningBody } from '../../governing-bodies/governing-body.entity';
import { Employee } from '../../employees/employee.entity';
import { Department } from '../../departments/department.entity';

export enum AuthorityHolderKind {
  BODY = 'BODY',
  PERSON = 'PERSON',
  DEPARTMENT = 'DEPARTMENT',
}

registerEnumType(AuthorityHolderKind, { name: 'AuthorityHolderKind' });

@ObjectType({ description: 'Someone who may decide a matter, and the chain of delegations that gives it the power.' })
export class DecisionAuthority {
  @Field(() => AuthorityHolderKind)
  holderKind: AuthorityHolderKind;

  @Field(() => GoverningBody, { nullable: true })
  body: GoverningBody | null;

  @Field(() => Employee, { nullable: true })
  person: Employee | null;

  @Field(() => Department, { nullable: true })
  department: Department | null;

  @Field({ description: 'Holds the power by the articles (no delegation needed).' })
  byCharter: boolean;

  @Field(() => Int, { nullable: true, description: 'Highest amount it may decide, in 万元; null = unlimited.' })
  amountLimitWan: number | null;

  @Field(() => [Delegation], { description: 'Delegations from the charter holder down to this holder, in order.' })
  chain: Delegation[];
}
