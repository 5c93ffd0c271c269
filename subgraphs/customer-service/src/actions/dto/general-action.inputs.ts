import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { GeneralAction } from '../general-action.entity';
import { CrmTargetType, GeneralActionStatus, GeneralActionType } from '../../crm/crm-enums';

export const GeneralActionConnection = Connection(GeneralAction);

enum GeneralActionOrderField {
  CREATED_AT = 'createdAt',
  DUE_AT = 'dueAt',
  DONE_AT = 'doneAt',
}
registerEnumType(GeneralActionOrderField, { name: 'GeneralActionOrderField' });
const GeneralActionOrder = OrderByInput('GeneralAction', GeneralActionOrderField);

@InputType()
export class GeneralActionFilter {
  @Field(() => GeneralActionStatus, { nullable: true }) status?: GeneralActionStatus | null;
  @Field(() => GeneralActionType, { nullable: true }) type?: GeneralActionType | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) assigneeId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) segmentId?: string | null;
  @Field(() => CrmTargetType, { nullable: true }) targetType?: CrmTargetType | null;
}

@ArgsType()
export class GeneralActionsArgs extends PageArgs {
  @Field(() => GeneralActionFilter, { nullable: true })
  @ValidateNested()
  filter?: GeneralActionFilter | null;

  @Field(() => GeneralActionOrder, { nullable: true, description: 'Default: newest first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'createdAt', direction: 'DESC' });
  }
}

@InputType({
  description:
    'A follow-up done (doneAt, or now when neither doneAt nor dueAt is given) or planned (dueAt). With an assigneeId other than you it is an assignment: group executives may assign to business staff of any segment, segment heads within their own segment (CS-R38).',
})
export class CreateGeneralActionInput {
  @Field(() => CrmTargetType) targetType: CrmTargetType;
  @Field(() => ID) @MaxLength(36) targetId: string;
  @Field(() => GeneralActionType) type: GeneralActionType;
  @Field() @Length(1, 200) subject: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) notes?: string | null;
  @Field(() => Date, { nullable: true }) dueAt?: Date | null;
  @Field(() => Date, { nullable: true }) doneAt?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Employee who must do it (default: you).' }) @IsOptional() @MaxLength(36) assigneeId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) idempotencyKey?: string | null;
}

@InputType()
export class UpdateGeneralActionInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) subject?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) notes?: string | null;
  @Field(() => Date, { nullable: true }) dueAt?: Date | null;
  @Field(() => GeneralActionStatus, { nullable: true, description: 'DONE (at doneAt, default now) or CANCELLED.' }) status?: GeneralActionStatus | null;
  @Field(() => Date, { nullable: true }) doneAt?: Date | null;
}
