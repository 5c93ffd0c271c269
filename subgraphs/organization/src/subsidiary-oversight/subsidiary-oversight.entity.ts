import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** domain.md §2.1.3 SubsidiaryOversightMatter (D08 第十二条; the list is cut off, hence OTHER). */
export enum SubsidiaryOversightMatter {
  DEVELOPMENT_STRATEGY = 'DEVELOPMENT_STRATEGY',
  ANNUAL_FINANCIAL_BUDGET_AND_FINAL_ACCOUNTS = 'ANNUAL_FINANCIAL_BUDGET_AND_FINAL_ACCOUNTS',
  MAJOR_INVESTMENT_AND_FINANCING = 'MAJOR_INVESTMENT_AND_FINANCING',
  MAJOR_GUARANTEE = 'MAJOR_GUARANTEE',
  LARGE_FUND_USAGE = 'LARGE_FUND_USAGE',
  MAJOR_ASSET_DISPOSAL = 'MAJOR_ASSET_DISPOSAL',
  KEY_PERSONNEL_APPOINTMENT_AND_REMOVAL = 'KEY_PERSONNEL_APPOINTMENT_AND_REMOVAL',
  INTERNAL_CONTROL_SYSTEM_CONSTRUCTION = 'INTERNAL_CONTROL_SYSTEM_CONSTRUCTION',
  OTHER = 'OTHER',
}
registerEnumType(SubsidiaryOversightMatter, { name: 'SubsidiaryOversightMatter', description: 'Matters of a subsidiary the parent oversees as investor (D08 第十二条, ORG-R12).' });

/** G-30 [I]: how the parent handles a matter — approves it beforehand, or takes it on file (报备). */
export enum OversightHandling {
  APPROVE = 'APPROVE',
  FILE = 'FILE',
}
registerEnumType(OversightHandling, { name: 'OversightHandling', description: 'G-30: prior approval by the parent, or filing (报备).' });

/** OPEN → APPROVED | REJECTED (APPROVE items) or FILED (FILE items). */
export enum OversightStatus {
  OPEN = 'OPEN',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  FILED = 'FILED',
}
registerEnumType(OversightStatus, { name: 'OversightStatus' });

/** A subsidiary matter the parent oversees as investor (domain.md SubsidiaryOversightItem, WF-ORG-10, ORG-R12). */
@ObjectType({ description: "A matter of a subsidiary overseen by its parent as investor (子公司管控事项), and the parent's decision." })
@Entity('subsidiary_oversight_item')
@Index('ix_subsidiary_oversight_subsidiary', ['subsidiaryId', 'status', 'matter'])
@Index('ix_subsidiary_oversight_parent', ['parentCompanyId', 'status'])
export class SubsidiaryOversightItem extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'subsidiary_id', type: 'varchar', length: 36 })
  subsidiaryId: string;

  /** The investor: the subsidiary's parent company at the time. */
  @Column({ name: 'parent_company_id', type: 'varchar', length: 36 })
  parentCompanyId: string;

  @Field(() => SubsidiaryOversightMatter)
  @Column({ type: 'varchar', length: 48 })
  matter: SubsidiaryOversightMatter;

  @Field(() => OversightHandling)
  @Column({ type: 'varchar', length: 8 })
  handling: OversightHandling;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => Int, { nullable: true, description: 'Amount at stake, in 万元.' })
  @Column({ name: 'amount_wan', type: 'integer', nullable: true })
  amountWan: number | null;

  @Field(() => OversightStatus)
  @Column({ type: 'varchar', length: 16 })
  status: OversightStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  decision: string | null;

  @Field()
  @Column({ name: 'submitted_at', type: 'datetime' })
  submittedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;

  /** ORG-R27: an investment matter sits within this adopted strategic plan (of the subsidiary or a parent). */
  @Column({ name: 'strategic_plan_id', type: 'varchar', length: 36, nullable: true })
  strategicPlanId: string | null;

  /** ORG-R12: the parent body's adopted resolution that approved the matter. */
  @Column({ name: 'resolution_id', type: 'varchar', length: 36, nullable: true })
  resolutionId: string | null;
}
