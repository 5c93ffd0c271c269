import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { CompanyLegalForm, OwnershipType } from '../../companies/company.entity';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class UpdateCompanyLegalDataInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => CompanyLegalForm, { nullable: true })
  legalForm?: CompanyLegalForm | null;

  @Field(() => OwnershipType, { nullable: true })
  ownershipType?: OwnershipType | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 32)
  creditCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  registeredAddress?: string | null;

  @Field(() => ID, { nullable: true })
  legalRepresentativeId?: string | null;
}

@InputType()
export class RecordShareholdingInput extends IdempotentInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => ID, { nullable: true, description: 'A company of the group that holds the shares.' })
  holderCompanyId?: string | null;

  @Field(() => String, { nullable: true, description: 'An outside holder (when holderCompanyId is not given).' })
  @IsOptional()
  @MaxLength(200)
  holderName?: string | null;

  @Field(() => Float)
  @Min(0.01)
  @Max(100)
  percentage: number;
}

@ArgsType()
export class HoldingTreeArgs {
  @Field(() => ID)
  companyId: string;

  @Field(() => Int, { defaultValue: 5 })
  @Min(1)
  @Max(10)
  maxDepth: number;
}
