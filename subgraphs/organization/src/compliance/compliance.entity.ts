import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** A business trip (出差): while on one, the login duty is two logins a week instead of daily (CS-R22). Source: OA. */
@ObjectType({ description: 'A business trip of an employee (出差); changes the CRM login duty (domain.md CS-R22).' })
@Entity('travel_period')
@Index('ix_travel_period_employee', ['employeeId', 'startsAt'])
export class TravelPeriod extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Field({ description: 'First moment of the trip.' })
  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt: Date;

  @Field({ description: 'Last moment of the trip (exclusive).' })
  @Column({ name: 'ends_at', type: 'datetime' })
  endsAt: Date;

  @Field({ description: 'Where the record comes from (OA).' })
  @Column({ type: 'varchar', length: 20 })
  source: string;
}

/** OA circular (通报) of the group marketing department naming accounts not logged in for two weeks (CS-R27). */
@ObjectType({ description: 'An OA circular of the group marketing department naming accounts not logged in for two consecutive weeks (CS-R27).' })
@Entity('compliance_circular')
export class ComplianceCircular extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Column({ name: 'oa_reference', type: 'varchar', length: 100 })
  oaReference: string;

  @Field({ description: 'The inactivity was measured at this moment.' })
  @Column({ name: 'as_of', type: 'datetime' })
  asOf: Date;

  @Column({ name: 'issued_by_id', type: 'varchar', length: 36 })
  issuedById: string;

  @Field()
  @Index('ix_compliance_circular_issued')
  @Column({ name: 'issued_at', type: 'datetime' })
  issuedAt: Date;
}

@Entity('compliance_circular_account')
export class ComplianceCircularAccount {
  @PrimaryColumn({ name: 'circular_id', type: 'varchar', length: 36 })
  circularId: string;

  @Index('ix_compliance_circular_account_account')
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  /** Last successful login before `asOf` (snapshot; null = never). */
  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt: Date | null;
}

export enum PenaltyOffence {
  NO_LOGIN_TWO_WEEKS = 'NO_LOGIN_TWO_WEEKS',
  DAILY_LOGIN_MISSED = 'DAILY_LOGIN_MISSED',
  FOLLOW_UP_MISSING = 'FOLLOW_UP_MISSING',
  ORDER_NOT_ENTERED = 'ORDER_NOT_ENTERED',
}
registerEnumType(PenaltyOffence, { name: 'PenaltyOffence', description: 'Offence types of G-13.' });

/** An economic penalty applied per the subsidiary's own CRM rules (CS-R28, G-13). */
@ObjectType({ description: "An economic penalty (经济处罚) applied per the subsidiary's own CRM rules (CS-R28)." })
@Entity('economic_penalty')
@Index('ix_economic_penalty_account', ['accountId', 'recordedAt'])
@Index('ix_economic_penalty_policy_version', ['policyVersionId'])
export class EconomicPenalty extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Index('ix_economic_penalty_company')
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => PenaltyOffence)
  @Column({ type: 'varchar', length: 32 })
  offence: PenaltyOffence;

  @Field(() => Float, { description: 'Amount in CNY.' })
  @Column({ type: 'decimal', precision: 12, scale: 2, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  amount: number;

  @Field({ description: "Reference of the subsidiary's CRM rule applied (e.g. its CRM 管理制度 article)." })
  @Column({ name: 'rule_reference', type: 'varchar', length: 200 })
  ruleReference: string;

  @Column({ name: 'circular_id', type: 'varchar', length: 36, nullable: true })
  circularId: string | null;

  /**
   * The version of the CRM rules in force when the offence occurred (CS-R28): the subsidiary's own
   * (SUBSIDIARY_CRM_POLICY), else the group's CRM management policy. null only on rows older than the link.
   */
  @Column({ name: 'policy_version_id', type: 'varchar', length: 36, nullable: true })
  policyVersionId: string | null;

  @Field(() => Date, { nullable: true, description: 'When the offence occurred (the rules in force then apply); null on older rows.' })
  @Column({ name: 'occurred_at', type: 'datetime', nullable: true })
  occurredAt: Date | null;

  @Column({ name: 'recorded_by_id', type: 'varchar', length: 36 })
  recordedById: string;

  @Field()
  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt: Date;
}
