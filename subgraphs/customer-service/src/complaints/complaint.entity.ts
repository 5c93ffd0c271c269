import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sensitive, SensitiveData, Aggregate } from '@group/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Channels in use (domain.md CS-R09, D16) plus walk-in and app. */
export enum ComplaintChannel {
  HOTLINE = 'HOTLINE',
  VIDEO = 'VIDEO',
  SMS = 'SMS',
  QQ_GROUP = 'QQ_GROUP',
  BBS = 'BBS',
  EMAIL = 'EMAIL',
  WALK_IN = 'WALK_IN',
  APP = 'APP',
}
registerEnumType(ComplaintChannel, { name: 'ComplaintChannel', description: 'How the complaint reached us (热线, 视频, 短信, QQ群, BBS, 邮件, 到访, App).' });

/** Complaint life cycle (domain.md G-02 proposal). */
export enum ComplaintStatus {
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  REVISITED = 'REVISITED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
  /** In progress but waiting on the customer: the resolution SLA clock is paused. */
  WAITING_ON_CUSTOMER = 'WAITING_ON_CUSTOMER',
}
registerEnumType(ComplaintStatus, { name: 'ComplaintStatus', description: 'Handling state; see ComplaintAction for the transitions (complaint-workflow.ts).' });

/**
 * Levels of the multi-level rapid response (domain.md G-01 ResponseTier, CS-R03): who currently
 * owns the complaint. It follows the organisation: the responsible department (or the branch that
 * registered it), then each superior department of the responsible department's chain of command,
 * then the company, then the group Customer Service Center (escalation/escalation.service.ts).
 */
export enum ResponseTier {
  BRANCH = 'BRANCH',
  DEPARTMENT = 'DEPARTMENT',
  COMPANY = 'COMPANY',
  GROUP_CENTER = 'GROUP_CENTER',
}
registerEnumType(ResponseTier, {
  name: 'ResponseTier',
  description: '客户服务分部 / 责任部门 → 上级部门 (chain of command) → 公司 → 集团客户服务中心.',
  valuesConfig: {
    BRANCH: { description: 'Where it was registered: the responsible department, or the customer-service branch.' },
    DEPARTMENT: { description: "A superior department in the responsible department's chain of command (respondingDepartment)." },
    COMPANY: { description: "The company: its customer-service branches' staff." },
    GROUP_CENTER: { description: 'The group Customer Service Center (the top).' },
  },
});

/** Complaint levels of the multi-level response mechanism (domain.md G-01). */
export enum ComplaintSeverity {
  GENERAL = 'GENERAL',
  SERIOUS = 'SERIOUS',
  MAJOR = 'MAJOR',
  CRITICAL = 'CRITICAL',
}
registerEnumType(ComplaintSeverity, { name: 'ComplaintSeverity', description: '一般 / 较大 / 重大 / 特别重大 (domain.md G-01).' });

/** Complaint-risk prevention (防范客户投诉风险, domain.md G-08): how likely the complaint is to escalate into loss or litigation. */
export enum ComplaintRiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(ComplaintRiskLevel, { name: 'ComplaintRiskLevel' });

/** What the complaint is about (proposal: the seed names no categories, domain.md §2.2 seed coverage warning). */
export enum ComplaintCategory {
  QUALITY = 'QUALITY',
  DELIVERY = 'DELIVERY',
  SERVICE = 'SERVICE',
  BILLING = 'BILLING',
  SAFETY = 'SAFETY',
  CONTRACT = 'CONTRACT',
  OTHER = 'OTHER',
}
registerEnumType(ComplaintCategory, { name: 'ComplaintCategory', description: '质量 / 交付与工期 / 服务 / 收费结算 / 安全 / 合同与承诺 / 其他.' });

/** Pre-sale, in-sale or after-sale (domain.md SalesPhase, CS-R03). */
export enum CustomerJourneyPhase {
  PRE_SALE = 'PRE_SALE',
  IN_SALE = 'IN_SALE',
  AFTER_SALE = 'AFTER_SALE',
}
registerEnumType(CustomerJourneyPhase, { name: 'CustomerJourneyPhase', description: '售前 / 售中 / 售后.' });

/**
 * A customer complaint (客户投诉, domain.md §2.2.1). Scoped by `segmentId`,
 * copied from the customer when the complaint is created.
 */
@ObjectType({ description: 'A customer complaint; visible in the segment of its customer.' })
@Directive('@key(fields: "id")')
@Entity('complaint')
@Index('ix_complaint_updated', ['updatedAt'])
@Index('ix_complaint_department_created', ['responsibleDepartmentId', 'createdAt'])
@Index('ix_complaint_customer_created', ['customerId', 'createdAt'])
@Index('ix_complaint_segment_created', ['segmentId', 'createdAt'])
@Index('ix_complaint_branch_created', ['branchId', 'createdAt'])
@Index('ix_complaint_category_created', ['category', 'createdAt'])
@Index('ix_complaint_created', ['createdAt', 'id'])
@Index('ix_complaint_received', ['receivedAt', 'id'])
@Index('ix_complaint_customer_received', ['customerId', 'receivedAt'])
export class Complaint extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Human-readable number, e.g. CMP-000123.' })
  @Index('uq_complaint_code', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => ComplaintChannel)
  @Column({ type: 'varchar', length: 16 })
  channel: ComplaintChannel;

  @Field(() => ComplaintStatus)
  @Index('ix_complaint_status')
  @Column({ type: 'varchar', length: 24 })
  status: ComplaintStatus;

  @Field(() => ComplaintSeverity)
  @Column({ type: 'varchar', length: 16 })
  severity: ComplaintSeverity;

  @Field(() => CustomerJourneyPhase)
  @Column({ type: 'varchar', length: 16 })
  phase: CustomerJourneyPhase;

  @Field(() => ComplaintCategory)
  @Column({ type: 'varchar', length: 16 })
  category: ComplaintCategory;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  /** Department the complaint is attributed to (exposed as `responsibleDepartment`): any department of the organisation, not only customer service (CS-R05 "everyone is a customer-service person"). */
  @Column({ name: 'responsible_department_id', type: 'varchar', length: 36, nullable: true })
  responsibleDepartmentId: string | null;

  /** Employee handling it (exposed as `handler`): any employee (CS-R05). */
  @Index('ix_complaint_handler')
  @Column({ name: 'handler_id', type: 'varchar', length: 36, nullable: true })
  handlerId: string | null;

  /** Copied from the customer at creation: the isolation boundary. */
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  /** Company the complaint is handled by: its branch's company (company scoping, domain.md G-06); not exposed yet. */
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true })
  companyId: string | null;

  /** Customer-service branch (客户服务分部) handling the complaint (exposed as `branch`). */
  @Column({ name: 'branch_id', type: 'varchar', length: 36, nullable: true })
  branchId: string | null;

  /** How many levels it went up, plus one (1 = where it was registered); only goes up, one at a time. */
  @Column({ name: 'escalation_level', type: 'integer' })
  escalationLevel: number;

  /** The level owning it now (exposed as `responseTier`). */
  @Column({ name: 'response_tier', type: 'varchar', length: 16, default: ResponseTier.BRANCH })
  responseTier: ResponseTier;

  /** The department answering now (exposed as `respondingDepartment`): the responsible one at BRANCH, a superior one at DEPARTMENT, null above. */
  @Column({ name: 'response_department_id', type: 'varchar', length: 36, nullable: true })
  responseDepartmentId: string | null;

  @Field({
    description:
      'When the customer made the complaint (a hotline log or a letter registered later, an import): at most 30 days before registration (createdAt), never after it. The SLA clock runs from it.',
  })
  @Column({ name: 'received_at', type: 'datetime' })
  receivedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the complaint was first answered (accepted or rejected).' })
  @Column({ name: 'first_responded_at', type: 'datetime', nullable: true })
  firstRespondedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last resolved (cleared on reopen).' })
  @Column({ name: 'resolved_at', type: 'datetime', nullable: true })
  resolvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'First-response target (SLA policy of the severity, business hours).' })
  @Column({ name: 'first_response_due_at', type: 'datetime', nullable: true })
  firstResponseDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Resolution target, pushed back by the business time spent waiting on the customer; null = no automatic target.' })
  @Index('ix_complaint_resolution_due')
  @Column({ name: 'resolution_due_at', type: 'datetime', nullable: true })
  resolutionDueAt: Date | null;

  /** When the first-response target counts as at risk (warn percent of the target); null for complaints registered before it existed. */
  @Column({ name: 'first_response_warn_at', type: 'datetime', nullable: true })
  firstResponseWarnAt: Date | null;

  /** When the resolution target counts as at risk (warn percent of the target). */
  @Column({ name: 'resolution_warn_at', type: 'datetime', nullable: true })
  resolutionWarnAt: Date | null;

  /** Set while WAITING_ON_CUSTOMER: the SLA clock is stopped from this instant. */
  @Column({ name: 'sla_paused_at', type: 'datetime', nullable: true })
  slaPausedAt: Date | null;

  @Field(() => Int, { description: 'Business minutes spent waiting on the customer so far (not counted against the SLA).' })
  @Column({ name: 'sla_paused_minutes', type: 'integer' })
  slaPausedMinutes: number;

  @Field(() => ComplaintRiskLevel)
  @Column({ name: 'risk_level', type: 'varchar', length: 8 })
  riskLevel: ComplaintRiskLevel;

  @Field({ description: 'A lawsuit is filed or threatened (法律诉讼案件, CS-R04); the legal function is involved.' })
  @Column({ name: 'legal_case', type: 'boolean' })
  legalCase: boolean;

  /** Legal department the case was escalated to (exposed as `legalDepartment`). */
  @Column({ name: 'legal_department_id', type: 'varchar', length: 36, nullable: true })
  legalDepartmentId: string | null;

  @Sensitive(SensitiveData.LEGAL_CASE)
  @Field(() => Date, { nullable: true, description: 'When the complaint was escalated to the legal function.' })
  @Column({ name: 'legal_escalated_at', type: 'datetime', nullable: true })
  legalEscalatedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Satisfaction score (1–5) given at the revisit (回访).' })
  @Column({ type: 'integer', nullable: true })
  satisfaction: number | null;
}
