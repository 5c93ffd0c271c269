import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { PolicyDocument, PolicyDocumentType } from '../policy.entity';
import { IdempotentInput } from '../../common/idempotency-key';

export const PolicyDocumentConnection = Connection(PolicyDocument);

@InputType()
export class PolicyVersionInput {
  @Field({ description: '版本, e.g. 1.0.' })
  @MinLength(1)
  @MaxLength(20)
  versionNumber: string;

  @Field({ description: '日期.' })
  date: Date;

  @Field({ description: '修改记录.' })
  @MinLength(1)
  @MaxLength(5000)
  changeRecord: string;

  @Field()
  @MaxLength(100000)
  content: string;

  @Field({ defaultValue: true })
  isMajorChange: boolean;
}

@InputType()
export class CreatePolicyDocumentInput extends IdempotentInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => PolicyDocumentType)
  type: PolicyDocumentType;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  documentNumber?: string | null;

  @Field({ defaultValue: false })
  isTrial: boolean;

  @Field(() => ID, { nullable: true, description: 'The governing body whose charter / rules of procedure this is.' })
  ownerBodyId?: string | null;

  @Field(() => PolicyVersionInput)
  @ValidateNested()
  firstVersion: PolicyVersionInput;
}

@InputType()
export class EditPolicyDraftInput {
  @Field(() => ID)
  versionId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(20)
  versionNumber?: string | null;

  @Field(() => Date, { nullable: true })
  date?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  changeRecord?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100000)
  content?: string | null;

  @Field(() => Boolean, { nullable: true })
  isMajorChange?: boolean | null;
}

@InputType()
export class PolicyDocumentFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => PolicyDocumentType, { nullable: true })
  type?: PolicyDocumentType | null;
}

@ArgsType()
export class PolicyDocumentsArgs extends PageArgs {
  @Field(() => PolicyDocumentFilter, { nullable: true })
  @ValidateNested()
  filter?: PolicyDocumentFilter | null;
}
