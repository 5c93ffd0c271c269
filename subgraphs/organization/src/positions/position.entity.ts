import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate, Sensitive, SensitiveData } from '@group/shared';

/** What a position ranks as for CRM role grants (CS-R38; the rule: accounts/role-grant.ts). */
export enum PositionRank {
  GROUP_VP_AND_ABOVE = 'GROUP_VP_AND_ABOVE',
  SEGMENT_HEAD = 'SEGMENT_HEAD',
  SEGMENT_ADMINISTRATOR = 'SEGMENT_ADMINISTRATOR',
  DEPARTMENT_HEAD = 'DEPARTMENT_HEAD',
  STAFF = 'STAFF',
}
registerEnumType(PositionRank, {
  name: 'PositionRank',
  description: 'The rank of a position; the CRM role an account may hold follows from it (CS-R38).',
  valuesConfig: {
    GROUP_VP_AND_ABOVE: { description: '集团公司副总裁以上: a vice president or above of the group company; backs GROUP_EXECUTIVE (CS-R38).' },
    SEGMENT_HEAD: { description: "版块负责人: leads the position's segment; backs SEGMENT_HEAD of that segment." },
    SEGMENT_ADMINISTRATOR: { description: "版块管理员: administers the position's segment; backs SEGMENT_ADMIN of that segment." },
    DEPARTMENT_HEAD: { description: '部门负责人: heads a department.' },
    STAFF: { description: 'Any other position.' },
  },
});

/**
 * A position (岗位) with the five determinations of D02 (ORG-R26):
 * 定编制 headcountQuota, 定人员 assignments, 定职责 duties (+ job description
 * document), 定指标 targets, 定激励 incentives.
 */
@ObjectType({ description: 'A position (岗位) of a department, with the five determinations (定编制/定人员/定职责/定指标/定激励).' })
@Directive('@key(fields: "id")')
@Entity('position')
@Index('ix_position_department', ['departmentId'])
@Index('ix_position_company', ['companyId'])
export class Position extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Field(() => Int, { description: '定编制: the approved number of people.' })
  @Column({ name: 'headcount_quota', type: 'integer' })
  headcountQuota: number;

  @Field({ description: '定职责: the duties of the position.' })
  @Column({ type: 'text' })
  duties: string;

  @Sensitive(SensitiveData.COMPENSATION)
  @Field(() => String, {
    nullable: true,
    description: '定激励: the incentive scheme. Sensitive (compensation): null with FORBIDDEN/SENSITIVE_FIELD for roles that may not read pay.',
  })
  @Column({ type: 'text' })
  incentives: string;

  /** The job description (职位说明书), a policy document. */
  @Column({ name: 'job_description_id', type: 'varchar', length: 36, nullable: true })
  jobDescriptionId: string | null;

  @Field(() => PositionRank)
  @Column({ type: 'varchar', length: 32, default: PositionRank.STAFF })
  rank: PositionRank;

  /** The segment a SEGMENT_HEAD / SEGMENT_ADMINISTRATOR position serves (a segment of the position's company); null otherwise. */
  @Column({ name: 'segment_id', type: 'varchar', length: 36, nullable: true })
  segmentId: string | null;
}

export enum AssignmentStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(AssignmentStatus, { name: 'AssignmentStatus' });

@ObjectType({ description: '定人员: an employee staffing a position for a period.' })
@Entity('position_assignment')
@Index('ix_position_assignment_position_status', ['positionId', 'status'])
@Index('ix_position_assignment_employee', ['employeeId'])
@Index('ix_position_assignment_company_status', ['companyId', 'status', 'positionId'])
export class PositionAssignment extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'position_id', type: 'varchar', length: 36 })
  positionId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Field(() => AssignmentStatus)
  @Column({ type: 'varchar', length: 16 })
  status: AssignmentStatus;

  @Field()
  @Column({ name: 'assigned_from', type: 'datetime' })
  from: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'assigned_to', type: 'datetime', nullable: true })
  to: Date | null;
}

const decimal = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

@ObjectType({ description: '定指标: a KPI of a position for a period.' })
@Entity('position_target')
@Index('ix_position_target_position', ['positionId'])
export class PositionTarget {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'position_id', type: 'varchar', length: 36 })
  positionId: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'Period, e.g. 2026 or 2026-Q1.' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field(() => Float)
  @Column({ name: 'target_value', type: 'decimal', precision: 18, scale: 4, transformer: decimal })
  targetValue: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 30, nullable: true })
  unit: string | null;
}

export enum HeadcountChangeStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(HeadcountChangeStatus, { name: 'HeadcountChangeStatus' });

@ObjectType({ description: 'A request to change the headcount quota of a position; approved by the board (ORG-R06), it changes the quota.' })
@Entity('headcount_change')
@Index('ix_headcount_change_position', ['positionId'])
export class HeadcountChange extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'position_id', type: 'varchar', length: 36 })
  positionId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => Int)
  @Column({ name: 'previous_quota', type: 'integer' })
  previousQuota: number;

  @Field(() => Int)
  @Column({ name: 'new_quota', type: 'integer' })
  newQuota: number;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field(() => HeadcountChangeStatus)
  @Column({ type: 'varchar', length: 16 })
  status: HeadcountChangeStatus;

  /** The board that approves it. */
  @Column({ name: 'approver_body_id', type: 'varchar', length: 36 })
  approverBodyId: string;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;
}
