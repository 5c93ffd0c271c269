import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** domain.md §2.1.3 OrgDocumentType: every kind of document the source names. */
export enum PolicyDocumentType {
  ARTICLES_OF_ASSOCIATION = 'ARTICLES_OF_ASSOCIATION',
  SHAREHOLDERS_MEETING_RULES = 'SHAREHOLDERS_MEETING_RULES',
  BOARD_RULES = 'BOARD_RULES',
  SUPERVISORY_BOARD_RULES = 'SUPERVISORY_BOARD_RULES',
  GM_AND_SENIOR_MANAGEMENT_RULES = 'GM_AND_SENIOR_MANAGEMENT_RULES',
  ORG_CHART = 'ORG_CHART',
  BUSINESS_PROCESS = 'BUSINESS_PROCESS',
  JOB_DESCRIPTION = 'JOB_DESCRIPTION',
  PERFORMANCE_APPRAISAL_METHOD = 'PERFORMANCE_APPRAISAL_METHOD',
  AUTHORITY_GUIDELINE = 'AUTHORITY_GUIDELINE',
  SUBSIDIARY_MANAGEMENT_POLICY = 'SUBSIDIARY_MANAGEMENT_POLICY',
  WORK_RULES_AND_PROCESS_COMPILATION = 'WORK_RULES_AND_PROCESS_COMPILATION',
  IT_MANAGEMENT_POLICY = 'IT_MANAGEMENT_POLICY',
  IT_RULES_AND_STANDARDS = 'IT_RULES_AND_STANDARDS',
  SAFETY_ORGANISATION_STANDARD = 'SAFETY_ORGANISATION_STANDARD',
  CRM_MANAGEMENT_POLICY = 'CRM_MANAGEMENT_POLICY',
  SUBSIDIARY_CRM_POLICY = 'SUBSIDIARY_CRM_POLICY',
  CS_MANAGEMENT_SYSTEM = 'CS_MANAGEMENT_SYSTEM',
  COMPLAINT_HANDLING_RULES = 'COMPLAINT_HANDLING_RULES',
  COMPLAINT_HANDLING_FLOW = 'COMPLAINT_HANDLING_FLOW',
  BRANCH_ASSESSMENT_RULES = 'BRANCH_ASSESSMENT_RULES',
  COMPLAINT_RISK_PREVENTION_RULES = 'COMPLAINT_RISK_PREVENTION_RULES',
  CS_SYSTEM_CONSTRUCTION_PLAN = 'CS_SYSTEM_CONSTRUCTION_PLAN',
  TAG_SYSTEM_DESIGN = 'TAG_SYSTEM_DESIGN',
}
registerEnumType(PolicyDocumentType, {
  name: 'PolicyDocumentType',
  description: 'Articles, rules of procedure, job descriptions, authority guidelines, CRM, customer-service, safety and IT rules, ...',
});

/** V-R6: DRAFT → PENDING_APPROVAL → APPROVED (signed) → PUBLISHED → SUPERSEDED (PENDING_APPROVAL → DRAFT on rejection). */
export enum PolicyVersionStatus {
  DRAFT = 'DRAFT',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(PolicyVersionStatus, { name: 'PolicyVersionStatus' });

@ObjectType({ description: 'A policy document (制度/规则/标准) of a company, under version control.' })
@Directive('@key(fields: "id")')
@Entity('policy_document')
@Index('ix_policy_document_company_type', ['companyId', 'type'])
@Index('ix_policy_document_owner_body', ['ownerBodyId'])
export class PolicyDocument extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => PolicyDocumentType)
  @Column({ type: 'varchar', length: 48 })
  type: PolicyDocumentType;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => String, { nullable: true, description: '编号 (V-R3).' })
  @Column({ name: 'document_number', type: 'varchar', length: 50, nullable: true })
  documentNumber: string | null;

  @Field({ description: '试行版 (trial edition).' })
  @Column({ name: 'is_trial', type: 'boolean' })
  isTrial: boolean;

  /** The governing body whose charter / rules of procedure this is. */
  @Column({ name: 'owner_body_id', type: 'varchar', length: 36, nullable: true })
  ownerBodyId: string | null;
}

@ObjectType({ description: 'One version of a policy document: date, version, authorizer, change record (V-R1/V-R2).' })
@Entity('policy_version')
@Index('uq_policy_version_document_number', ['documentId', 'versionNumber'], { unique: true })
@Index('ix_policy_version_document_status', ['documentId', 'status'])
export class PolicyVersion extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'document_id', type: 'varchar', length: 36 })
  documentId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field({ description: '版本, e.g. 1.0, 2.1 (the `version` field is the optimistic-lock counter).' })
  @Column({ name: 'version_number', type: 'varchar', length: 20 })
  versionNumber: string;

  @Field({ description: '日期 of the version.' })
  @Column({ name: 'version_date', type: 'datetime' })
  date: Date;

  @Field({ description: '修改记录.' })
  @Column({ name: 'change_record', type: 'text' })
  changeRecord: string;

  @Field()
  @Column({ name: 'is_major_change', type: 'boolean' })
  isMajorChange: boolean;

  @Field()
  @Column({ type: 'text' })
  content: string;

  @Field(() => PolicyVersionStatus)
  @Column({ type: 'varchar', length: 20 })
  status: PolicyVersionStatus;

  /** 授权人: the approver who signed. */
  @Column({ name: 'authorizer_employee_id', type: 'varchar', length: 36, nullable: true })
  authorizerEmployeeId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'approved_at', type: 'datetime', nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true, description: '发布.' })
  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt: Date | null;

  @Field(() => Date, { nullable: true, description: '实施 (may equal the publish date).' })
  @Column({ name: 'effective_from', type: 'datetime', nullable: true })
  effectiveFrom: Date | null;

  /** The version this one follows (continuity, ORG-R35). */
  @Column({ name: 'predecessor_id', type: 'varchar', length: 36, nullable: true })
  predecessorId: string | null;
}
