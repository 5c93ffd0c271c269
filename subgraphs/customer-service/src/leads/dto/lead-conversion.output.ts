import { Field, ObjectType } from 'type-graphql';
import { Lead } from '../lead.entity';
import { Customer } from '../../customers/customer.entity';
import { Opportunity } from '../../opportunities/opportunity.entity';

@ObjectType({ description: 'The result of convertLead: the converted lead, its customer and the new opportunity.' })
export class LeadConversion {
  @Field(() => Lead) lead: Lead;
  @Field(() => Customer) customer: Customer;
  @Field(() => Opportunity) opportunity: Opportunity;
}
