import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * Governance reports between bodies (domain.md §2.1.1 GovernanceReport, ORG-R18, D08 第九条, D15 第六条):
 * the board and the board of supervisors report to the shareholders' meeting, management to the board.
 * Recorded once, never changed (§3.2: governance records are immutable once recorded).
 */
@ObjectType({ description: "A report of one governing body to another (board → shareholders' meeting, supervisors → shareholders' meeting, management → board)." })
@Entity('governance_report')
@Index('ix_governance_report_company_period', ['companyId', 'period'])
@Index('ix_governance_report_to_body', ['toBodyId', 'submittedAt'])
export class GovernanceReport extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'from_body_id', type: 'varchar', length: 36 })
  fromBodyId: string;

  @Column({ name: 'to_body_id', type: 'varchar', length: 36 })
  toBodyId: string;

  /** The meeting of the receiving body at which the report was heard (听取), if any. */
  @Column({ name: 'meeting_id', type: 'varchar', length: 36, nullable: true })
  meetingId: string | null;

  @Field({ description: 'Period covered, e.g. 2025 or 2025-H1.' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  content: string;

  @Field()
  @Column({ name: 'submitted_at', type: 'datetime' })
  submittedAt: Date;
}
