import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IdempotencyKeyField, Connection, OrderByInput, OrderShape, OrderDirection, PageArgs, sortOf, SortSpec } from '@group/shared';
import { MaxLength, ValidateNested } from 'class-validator';
import { TagAssignment, TagAssignmentHistory, TagSource } from '../tag-assignment.entity';

export const TagAssignmentConnection = Connection(TagAssignment);
export const RemovedTagAssignmentConnection = Connection(TagAssignmentHistory, 'RemovedTagAssignment');

enum TagAssignmentOrderField {
  ASSIGNED_AT = 'assignedAt',
}
registerEnumType(TagAssignmentOrderField, { name: 'TagAssignmentOrderField' });
const TagAssignmentOrder = OrderByInput('TagAssignment', TagAssignmentOrderField);

enum RemovedTagAssignmentOrderField {
  REMOVED_AT = 'removedAt',
}
registerEnumType(RemovedTagAssignmentOrderField, { name: 'RemovedTagAssignmentOrderField' });
const RemovedTagAssignmentOrder = OrderByInput('RemovedTagAssignment', RemovedTagAssignmentOrderField);

@InputType()
export class TagAssignmentFilter {
  @Field(() => ID, { nullable: true })
  tagId?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => TagSource, { nullable: true })
  source?: TagSource | null;

  @Field(() => Boolean, { nullable: true, description: 'Also list assignments whose expiresAt has passed (default false).' })
  includeExpired?: boolean | null;
}

@ArgsType()
export class TagAssignmentsArgs extends PageArgs {
  @Field(() => TagAssignmentFilter, { nullable: true })
  @ValidateNested()
  filter?: TagAssignmentFilter | null;

  @Field(() => TagAssignmentOrder, { nullable: true, description: 'Default: most recently assigned first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'assignedAt', direction: OrderDirection.DESC });
  }
}

@InputType()
export class RemovedTagAssignmentFilter {
  @Field(() => ID, { nullable: true })
  tagId?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;
}

@ArgsType()
export class RemovedTagAssignmentsArgs extends PageArgs {
  @Field(() => RemovedTagAssignmentFilter, { nullable: true })
  @ValidateNested()
  filter?: RemovedTagAssignmentFilter | null;

  @Field(() => RemovedTagAssignmentOrder, { nullable: true, description: 'Default: most recently removed first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'removedAt', direction: OrderDirection.DESC });
  }
}

@InputType()
export class AssignTagInput {
  @Field(() => ID)
  @MaxLength(36)
  customerId: string;

  @Field(() => ID)
  @MaxLength(36)
  tagId: string;

  @Field(() => String, { nullable: true, description: 'Why the tag applies; up to 500 characters.' })
  @MaxLength(500)
  evidence?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the assignment stops being effective; must be in the future.' })
  expiresAt?: Date | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
