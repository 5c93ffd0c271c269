import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

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
}
registerEnumType(ComplaintStatus, { name: 'ComplaintStatus' });

/** Complaint levels of the multi-level response mechanism (domain.md G-01). */
export enum ComplaintSeverity {
  GENERAL = 'GENERAL',
  SERIOUS = 'SERIOUS',
  MAJOR = 'MAJOR',
  CRITICAL = 'CRITICAL',
}
registerEnumType(ComplaintSeverity, { name: 'ComplaintSeverity', description: '一般 / 较大 / 重大 / 特别重大 (domain.md G-01).' });

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
@Index('ix_complaint_department_created', ['responsibleDepartmentId', 'createdAt'])
@Index('ix_complaint_customer_created', ['customerId', 'createdAt'])
@Index('ix_complaint_segment_created', ['segmentId', 'createdAt'])
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
  @Column({ type: 'varchar', length: 16 })
  status: ComplaintStatus;

  @Field(() => ComplaintSeverity)
  @Column({ type: 'varchar', length: 16 })
  severity: ComplaintSeverity;

  @Field(() => CustomerJourneyPhase)
  @Column({ type: 'varchar', length: 16 })
  phase: CustomerJourneyPhase;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  /** Department the complaint is attributed to (exposed as `responsibleDepartment`). */
  @Column({ name: 'responsible_department_id', type: 'varchar', length: 36, nullable: true })
  responsibleDepartmentId: string | null;

  /** Employee handling it (exposed as `handler`). */
  @Index('ix_complaint_handler')
  @Column({ name: 'handler_id', type: 'varchar', length: 36, nullable: true })
  handlerId: string | null;

  /** Copied from the customer at creation: the isolation boundary. */
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  /** Company the complaint is handled by, when known (company scoping, domain.md G-06); not exposed yet. */
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true })
  companyId: string | null;
}
