import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Sensitive, SensitiveData } from '@group/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum CompensationKind {
  MONEY = 'MONEY',
  REPAIR = 'REPAIR',
  FEE_WAIVER = 'FEE_WAIVER',
  GIFT = 'GIFT',
  OTHER = 'OTHER',
}
registerEnumType(CompensationKind, { name: 'CompensationKind' });

/** A compensation granted to the customer for a complaint (赔偿/补偿 record, domain.md G-08 complaint-risk prevention). Append-only. */
@ObjectType({ description: 'Compensation granted for a complaint.' })
@Entity('complaint_compensation')
@Index('ix_complaint_compensation_complaint', ['complaintId', 'createdAt'])
export class ComplaintCompensation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Field(() => CompensationKind)
  @Column({ type: 'varchar', length: 16 })
  kind: CompensationKind;

  /** Whole fen (cents): exact on every database. Exposed as `amount` in yuan. */
  @Column({ name: 'amount_cents', type: 'integer' })
  amountCents: number;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'actor_account_id', type: 'varchar', length: 100, nullable: true })
  actorAccountId: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Sensitive(SensitiveData.COMPENSATION)
  @Field(() => Float, { nullable: true, description: 'Amount in yuan (CNY); 0 for non-monetary compensation. Sensitive (compensation).' })
  get amount(): number {
    return this.amountCents / 100;
  }
}
