import { Field, ID, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** domain.md §2.1.3 CompanyKind. */
export enum CompanyKind {
  GROUP = 'GROUP',
  HEAD_OFFICE = 'HEAD_OFFICE',
  DIRECTLY_AFFILIATED_GROUP = 'DIRECTLY_AFFILIATED_GROUP',
  SUBSIDIARY = 'SUBSIDIARY',
  BRANCH_OR_SUBSIDIARY = 'BRANCH_OR_SUBSIDIARY',
}
registerEnumType(CompanyKind, {
  name: 'CompanyKind',
  description: 'Group (集团公司), head office (总公司), directly-affiliated sub-group (直属集团), subsidiary (子公司), branch (分子公司).',
});

/** domain.md §2.1.3 CompanyLegalForm. */
export enum CompanyLegalForm {
  LIMITED_LIABILITY = 'LIMITED_LIABILITY',
  JOINT_STOCK_LIMITED = 'JOINT_STOCK_LIMITED',
}
registerEnumType(CompanyLegalForm, { name: 'CompanyLegalForm', description: '有限责任公司 / 股份有限公司.' });

/** The eight ownership types (经济类型) named by the source. */
export enum OwnershipType {
  STATE_OWNED = 'STATE_OWNED',
  COLLECTIVE = 'COLLECTIVE',
  PRIVATE = 'PRIVATE',
  JOINT_OPERATION = 'JOINT_OPERATION',
  COOPERATIVE = 'COOPERATIVE',
  JOINT_VENTURE = 'JOINT_VENTURE',
  JOINT_STOCK = 'JOINT_STOCK',
  FOREIGN = 'FOREIGN',
}
registerEnumType(OwnershipType, {
  name: 'OwnershipType',
  description: '国有, 集体, 私营, 联营, 合作, 合资, 股份制, 外资.',
});

@ObjectType({ description: 'A company of the group: the group itself, a subsidiary or an affiliated sub-group.' })
@Directive('@key(fields: "id")')
@Entity('company')
export class Company extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Short stable code, e.g. JARE.' })
  @Index('uq_company_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Field({ description: 'Registered (Chinese) name.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;

  @Field(() => CompanyKind)
  @Column({ type: 'varchar', length: 32 })
  kind: CompanyKind;

  @Index('ix_company_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Field(() => CompanyLegalForm, { nullable: true })
  @Column({ name: 'legal_form', type: 'varchar', length: 32, nullable: true })
  legalForm: CompanyLegalForm | null;

  @Field(() => OwnershipType, { nullable: true })
  @Column({ name: 'ownership_type', type: 'varchar', length: 32, nullable: true })
  ownershipType: OwnershipType | null;

  @Field(() => String, { nullable: true, description: 'Unified social credit code (统一社会信用代码).' })
  @Column({ name: 'credit_code', type: 'varchar', length: 32, nullable: true })
  creditCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'registered_address', type: 'varchar', length: 300, nullable: true })
  registeredAddress: string | null;

  /** The employee who is the legal representative (the board chairman for the group, ORG-R24). */
  @Column({ name: 'legal_representative_id', type: 'varchar', length: 36, nullable: true })
  legalRepresentativeId: string | null;
}

@ObjectType({ description: 'A CRM business segment (版块). Each belongs to one company; business data is isolated per segment.' })
@Directive('@key(fields: "id")')
@Entity('segment')
export class Segment {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Short stable code, e.g. RESI.' })
  @Index('uq_segment_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;

  @Index('ix_segment_company')
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @VersionColumn()
  version: number;
}
