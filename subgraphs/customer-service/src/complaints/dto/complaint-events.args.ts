import { ArgsType, Field, registerEnumType } from 'type-graphql';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { ComplaintEvent } from '../complaint-event.entity';

export const ComplaintEventConnection = Connection(ComplaintEvent);

enum ComplaintEventOrderField {
  SEQ = 'seq',
}
registerEnumType(ComplaintEventOrderField, { name: 'ComplaintEventOrderField' });
const ComplaintEventOrder = OrderByInput('ComplaintEvent', ComplaintEventOrderField);

@ArgsType()
export class ComplaintEventsArgs extends PageArgs {
  @Field(() => ComplaintEventOrder, { nullable: true, description: 'Default: oldest first (timeline order).' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'seq', direction: 'ASC' });
  }
}
