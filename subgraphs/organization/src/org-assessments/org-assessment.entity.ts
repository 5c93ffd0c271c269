import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** WF-ORG-4 states. */
export enum OrgAssessmentState {
  OPENED = 'OPENED',
  FINDINGS_RECORDED = 'FINDINGS_RECORDED',
  PROPOSAL_DRAFTED = 'PROPOSAL_DRAFTED',
  OPINIONS_COLLECTED = 'OPINIONS_COLLECTED',
  SUBMITTED_TO_BOARD = 'SUBMITTED_TO_BOARD',
  BOARD_APPROVED = 'BOARD_APPROVED',
  BOARD_REJECTED = 'BOARD_REJECTED',
  IMPLEMENTED = 'IMPLEMENTED',
}
registerEnumType(OrgAssessmentState, {
  name: 'OrgAssessmentState',
  description: 'WF-ORG-4: OPENED → FINDINGS_RECORDED → PROPOSAL_DRAFTED → OPINIONS_COLLECTED → SUBMITTED_TO_BOARD → BOARD_APPROVED | BOARD_REJECTED; BOARD_APPROVED → IMPLEMENTED.',
});

/** domain.md §2.1.3 OrgFinding (D08 第十一条). */
export enum OrgFindingKind {
  FUNCTION_OVERLAP = 'FUNCTION_OVERLAP',
  FUNCTION_MISSING = 'FUNCTION_MISSING',
  FUNCTION_UNCLEAR = 'FUNCTION_UNCLEAR',
}
registerEnumType(OrgFindingKind, { name: 'OrgFindingKind', description: '职能交叉 / 缺失 / 不清晰.' });

/** Whose opinion a restructuring must hear (ORG-R11: 董事、监事、高级管理人员及其他员工). */
export enum StakeholderGroup {
  DIRECTOR = 'DIRECTOR',
  SUPERVISOR = 'SUPERVISOR',
  SENIOR_MANAGER = 'SENIOR_MANAGER',
  EMPLOYEE = 'EMPLOYEE',
}
registerEnumType(StakeholderGroup, { name: 'StakeholderGroup', description: 'Directors, supervisors, senior managers and other employees (ORG-R11).' });

/**
 * An (irregular) assessment of the organisation's design and operation, leading to a restructuring
 * approved by the board after hearing directors, supervisors, senior managers and employees
 * (domain.md OrgAssessment, WF-ORG-4, ORG-R11, flow A6).
 */
@ObjectType({ description: 'An organisational assessment (组织架构评估) and the restructuring it proposes (WF-ORG-4).' })
@Entity('org_assessment')
@Index('ix_org_assessment_company_state', ['companyId', 'state'])
export class OrgAssessment extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field({ description: 'What is assessed (scope).' })
  @Column({ type: 'varchar', length: 300 })
  scope: string;

  @Field(() => OrgAssessmentState)
  @Column({ type: 'varchar', length: 24 })
  state: OrgAssessmentState;

  @Field(() => String, { nullable: true, description: 'The adjustment (restructuring) proposal.' })
  @Column({ type: 'text', nullable: true })
  proposal: string | null;

  /** The board resolution (matter ORG_RESTRUCTURING) that approved the proposal. */
  @Column({ name: 'board_resolution_id', type: 'varchar', length: 36, nullable: true })
  boardResolutionId: string | null;

  @Field()
  @Column({ name: 'opened_at', type: 'datetime' })
  openedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the board decided.' })
  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'implemented_at', type: 'datetime', nullable: true })
  implementedAt: Date | null;
}

@ObjectType({ description: 'A finding of an assessment: a function that overlaps, is missing or is unclear.' })
@Entity('org_assessment_finding')
@Index('ix_org_assessment_finding_assessment', ['assessmentId'])
@Index('ix_org_assessment_finding_company_kind', ['companyId', 'kind'])
export class OrgAssessmentFinding {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'assessment_id', type: 'varchar', length: 36 })
  assessmentId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => OrgFindingKind)
  @Column({ type: 'varchar', length: 20 })
  kind: OrgFindingKind;

  /** The department concerned, if one. */
  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field()
  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt: Date;
}

@ObjectType({ description: 'An opinion heard on a restructuring proposal (充分听取意见, ORG-R11); immutable once recorded.' })
@Entity('org_assessment_opinion')
@Index('ix_org_assessment_opinion_assessment', ['assessmentId'])
export class OrgAssessmentOpinion {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'assessment_id', type: 'varchar', length: 36 })
  assessmentId: string;

  @Field(() => StakeholderGroup)
  @Column({ name: 'stakeholder_group', type: 'varchar', length: 16 })
  stakeholderGroup: StakeholderGroup;

  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Field()
  @Column({ type: 'text' })
  opinion: string;

  @Field()
  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt: Date;
}
