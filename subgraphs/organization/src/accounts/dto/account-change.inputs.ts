import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, Role, sortOf, SortSpec } from '@group/shared';
import { AccountChangeKind, AccountChangeRequest, AccountChangeState } from '../account-change.entity';
import { IdempotentInput } from '../../common/idempotency-key';

export const AccountChangeRequestConnection = Connection(AccountChangeRequest);

export enum AccountChangeOrderField {
  SUBMITTED_AT = 'submittedAt',
  STATE = 'state',
}

registerEnumType(AccountChangeOrderField, { name: 'AccountChangeRequestOrderField' });

export const AccountChangeOrder = OrderByInput('AccountChangeRequest', AccountChangeOrderField);

@InputType()
export class AccountChangeRequestFilter {
  @Field(() => AccountChangeState, { nullable: true })
  state?: AccountChangeState | null;

  @Field(() => AccountChangeKind, { nullable: true })
  kind?: AccountChangeKind | null;

  @Field(() => ID, { nullable: true })
  employeeId?: string | null;

  @Field(() => ID, { nullable: true })
  segmentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only requests submitted after (true) or within (false) the one-working-day deadline.' })
  isLate?: boolean | null;
}

@ArgsType()
export class AccountChangeRequestsArgs extends PageArgs {
  @Field(() => AccountChangeRequestFilter, { nullable: true })
  @ValidateNested()
  filter?: AccountChangeRequestFilter | null;

  @Field(() => AccountChangeOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'submittedAt', direction: 'DESC' });
  }
}

@InputType()
export class SubmitAccountChangeInput extends IdempotentInput {
  @Field(() => AccountChangeKind)
  kind: AccountChangeKind;

  @Field(() => ID)
  employeeId: string;

  @Field({ description: 'Reference of the OA form 信息系统用户管理及权限变更审批表.' })
  @MinLength(1)
  @MaxLength(100)
  oaReference: string;

  @Field()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @Field(() => Role, { nullable: true, description: 'OPEN / PERMISSION_CHANGE.' })
  requestedRole?: Role | null;

  @Field(() => [ID], { nullable: true, description: "OPEN / PERMISSION_CHANGE: segments asked for (within the admin's own)." })
  @IsOptional()
  @ArrayMaxSize(10)
  requestedSegmentIds?: string[] | null;
}

@InputType()
export class DecideAccountChangeInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}
