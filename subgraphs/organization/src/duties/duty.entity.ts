import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * Who holds a duty (domain.md Responsibility.holder): an org unit, a governing body (committee), or a
 * kind of unit or role the source names without naming one unit (ROLE; holderId is a DutyRole).
 */
export enum DutyHolderKind {
  DEPARTMENT = 'DEPARTMENT',
  GOVERNING_BODY = 'GOVERNING_BODY',
  ROLE = 'ROLE',
}
registerEnumType(DutyHolderKind, { name: 'DutyHolderKind' });

/** ROLE holders of the IT duty catalogue (ORG-R40, D12), in source order, with the source's names. */
export const DUTY_ROLES: Record<string, string> = {
  IT_SPECIALTY: '信息专业',
  IT_OPERATIONS: '信息运维',
  BUSINESS_DEPARTMENT: '业务部门、科室、车间',
  IT_LIAISON: '信息化专员',
};

/**
 * One duty (职责) of a department or governing body, in the order of its source (domain.md
 * Responsibility, ORG-R06, ORG-R40 IT duty catalogue). A holder's list is replaced as a whole.
 */
@ObjectType({ description: 'A duty (职责) of a department or governing body, in catalogue order.' })
@Entity('duty')
@Index('ix_duty_holder', ['holderKind', 'holderId', 'ordinal'])
@Index('ix_duty_company', ['companyId'])
export class Duty {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => DutyHolderKind)
  @Column({ name: 'holder_kind', type: 'varchar', length: 16 })
  holderKind: DutyHolderKind;

  @Column({ name: 'holder_id', type: 'varchar', length: 36 })
  holderId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  ordinal: number;

  @Field({ description: 'The duty as the source states it (Chinese is authoritative).' })
  @Column({ type: 'varchar', length: 500 })
  text: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'text_en', type: 'varchar', length: 500, nullable: true })
  textEn: string | null;

  /** The policy document the duty comes from (e.g. the IT management policy). */
  @Column({ name: 'source_document_id', type: 'varchar', length: 36, nullable: true })
  sourceDocumentId: string | null;

  /** For a department's duties: the board resolution that determined them (ORG-R06). */
  @Column({ name: 'resolution_id', type: 'varchar', length: 36, nullable: true })
  resolutionId: string | null;
}

export enum LiaisonEngagement {
  FULL_TIME = 'FULL_TIME',
  PART_TIME = 'PART_TIME',
}
registerEnumType(LiaisonEngagement, { name: 'LiaisonEngagement', description: '专职 / 兼职.' });

/** The IT liaison (信息化专员) of a department (ORG-R41): one per department. */
@ObjectType({ description: "A department's IT liaison (信息化专员, ORG-R41), full- or part-time." })
@Entity('it_liaison')
@Index('ix_it_liaison_company', ['companyId'])
@Index('uq_it_liaison_department', ['departmentId'], { unique: true })
export class ItLiaison extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Field(() => LiaisonEngagement)
  @Column({ type: 'varchar', length: 16 })
  engagement: LiaisonEngagement;
}

/** [I] rating scale of the shareholders' meeting's evaluation (the seed gives none). */
export enum PerformanceRating {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  ADEQUATE = 'ADEQUATE',
  POOR = 'POOR',
}
registerEnumType(PerformanceRating, { name: 'BodyPerformanceRating' });

/** The shareholders' meeting evaluates the performance of the board and the board of supervisors (ORG-R18, ORG-M12). Immutable. */
@ObjectType({ description: "The shareholders' meeting's evaluation of the board's or the supervisors' performance (ORG-R18)." })
@Entity('performance_evaluation')
@Index('uq_performance_evaluation', ['meetingId', 'evaluatedBodyId'], { unique: true })
@Index('ix_performance_evaluation_company', ['companyId', 'period'])
export class PerformanceEvaluation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** The (held, quorate) shareholders' meeting that evaluated. */
  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ name: 'evaluated_body_id', type: 'varchar', length: 36 })
  evaluatedBodyId: string;

  @Field({ description: 'Period evaluated, e.g. 2025.' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field(() => PerformanceRating)
  @Column({ type: 'varchar', length: 16 })
  rating: PerformanceRating;

  @Field()
  @Column({ type: 'text' })
  comment: string;

  @Field()
  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt: Date;
}
