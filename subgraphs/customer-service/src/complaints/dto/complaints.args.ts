import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { MaxLength, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { Complaint, ComplaintCategory, ComplaintChannel, ComplaintSeverity, ComplaintStatus } from '../complaint.entity';

export const ComplaintConnection = Connection(Complaint);

enum ComplaintOrderField {
  CREATED_AT = 'createdAt',
  CODE = 'code',
}
registerEnumType(ComplaintOrderField, { name: 'ComplaintOrderField' });
const ComplaintOrder = OrderByInput('Complaint', ComplaintOrderField);

@InputType({ description: 'All conditions must hold. Segment isolation applies on top of any filter.' })
export class ComplaintFilter {
  @Field(() => ComplaintStatus, { nullable: true })
  status?: ComplaintStatus | null;

  @Field(() => ComplaintChannel, { nullable: true })
  channel?: ComplaintChannel | null;

  @Field(() => ComplaintSeverity, { nullable: true })
  severity?: ComplaintSeverity | null;

  @Field(() => ComplaintCategory, { nullable: true })
  category?: ComplaintCategory | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  responsibleDepartmentId?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  handlerId?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  segmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Customer-service branch the complaint is attributed to.' })
  @MaxLength(36)
  branchId?: string | null;
}

/** Arguments of every complaint list (`complaints` and the nested ones). */
@ArgsType()
export class ComplaintsArgs extends PageArgs {
  @Field(() => ComplaintFilter, { nullable: true })
  @ValidateNested()
  filter?: ComplaintFilter | null;

  @Field(() => ComplaintOrder, { nullable: true, description: 'Default: newest first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'createdAt', direction: 'DESC' });
  }
}
