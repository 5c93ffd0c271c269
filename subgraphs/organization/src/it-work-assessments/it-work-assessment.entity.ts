import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * D12 technology department duty 3 (ORG-R40 catalogue, verbatim). A department holding this duty is
 * the company's technology department (技术部, 归口管理部门) for IT work: only it assesses (ORG-M10).
 */
export const IT_ASSESSMENT_DUTY = '负责信息化工作的监督、检查与考核';

/** The three words of D12's duty 「负责信息化工作的监督、检查与考核」 of the technology department. */
export enum ItWorkAssessmentKind {
  SUPERVISION = 'SUPERVISION',
  INSPECTION = 'INSPECTION',
  ASSESSMENT = 'ASSESSMENT',
}
registerEnumType(ItWorkAssessmentKind, { name: 'ItWorkAssessmentKind', description: '监督 (supervision), 检查 (inspection), 考核 (assessment) of IT work (D12).' });

/**
 * One result of the technology department's supervision, inspection or assessment of a
 * department's IT work (ORG-M10, D12). The result itself is immutable; only the rectification
 * it may require is recorded later (versioned).
 */
@ObjectType({ description: "A result of the technology department's supervision, inspection or assessment of a department's IT work (ORG-M10)." })
@Entity('it_work_assessment')
@Index('ix_it_work_assessment_company_period', ['companyId', 'period'])
@Index('ix_it_work_assessment_department', ['departmentId', 'assessedAt'])
export class ItWorkAssessment extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The assessed department's company (the scope of every read). */
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  /** The department holding the IT supervision/inspection/assessment duty (the 技术部). */
  @Column({ name: 'assessor_department_id', type: 'varchar', length: 36 })
  assessorDepartmentId: string;

  @Field({ description: 'Period assessed: a year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-07).' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field(() => ItWorkAssessmentKind)
  @Column({ type: 'varchar', length: 16 })
  kind: ItWorkAssessmentKind;

  @Field(() => Int, { description: 'Score, 0–100.' })
  @Column({ type: 'integer' })
  score: number;

  @Field({ description: 'What was found.' })
  @Column({ type: 'text' })
  findings: string;

  @Field()
  @Column({ name: 'rectification_required', type: 'boolean' })
  rectificationRequired: boolean;

  @Field(() => Date, { nullable: true, description: 'Deadline of the required rectification (整改).' })
  @Column({ name: 'rectification_due', type: 'datetime', nullable: true })
  rectificationDue: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done to rectify.' })
  @Column({ type: 'text', nullable: true })
  rectification: string | null;

  @Field(() => Date, { nullable: true, description: 'When the rectification was recorded as done; null while open.' })
  @Column({ name: 'rectified_at', type: 'datetime', nullable: true })
  rectifiedAt: Date | null;

  @Field()
  @Column({ name: 'assessed_at', type: 'datetime' })
  assessedAt: Date;
}
