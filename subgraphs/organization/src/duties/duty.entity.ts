import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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
