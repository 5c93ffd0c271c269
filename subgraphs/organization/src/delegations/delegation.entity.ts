import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';
import { DelegatedPower, GovernanceMatter } from '../governance/authority';

export enum DelegationStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}
registerEnumType(DelegationStatus, { name: 'DelegationStatus' });

/**
 * A delegation of authority (授权委托, WF-ORG-1): a grantor (body or person)
 * entrusts a power, optionally only for one matter and up to an amount, for a
 * period, to a grantee (body, person or department).
 */
@ObjectType({ description: 'A delegation of authority (授权委托): who entrusts which power to whom, with limits and validity.' })
@Entity('delegation')
@Index('ix_delegation_company_power', ['companyId', 'power'])
export class Delegation extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'grantor_body_id', type: 'varchar', length: 36, nullable: true })
  grantorBodyId: string | null;

  @Column({ name: 'grantor_employee_id', type: 'varchar', length: 36, nullable: true })
  grantorEmployeeId: string | null;

  @Column({ name: 'grantee_body_id', type: 'varchar', length: 36, nullable: true })
  granteeBodyId: string | null;

  @Column({ name: 'grantee_employee_id', type: 'varchar', length: 36, nullable: true })
  granteeEmployeeId: string | null;

  @Column({ name: 'grantee_department_id', type: 'varchar', length: 36, nullable: true })
  granteeDepartmentId: string | null;

  @Field(() => DelegatedPower)
  @Column({ type: 'varchar', length: 40 })
  power: DelegatedPower;

  @Field(() => GovernanceMatter, { nullable: true, description: 'Only this matter; null = every matter needing the power.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  matter: GovernanceMatter | null;

  @Field(() => Int, { nullable: true, description: "Highest amount the grantee may decide, in 万元 (10,000 CNY); null = no limit beyond the grantor's." })
  @Column({ name: 'amount_limit_wan', type: 'integer', nullable: true })
  amountLimitWan: number | null;

  @Field(() => String, { nullable: true, description: 'Scope and conditions in words.' })
  @Column({ name: 'scope_description', type: 'varchar', length: 500, nullable: true })
  scopeDescription: string | null;

  @Field()
  @Column({ name: 'valid_from', type: 'datetime' })
  validFrom: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'valid_to', type: 'datetime', nullable: true })
  validTo: Date | null;

  @Field(() => DelegationStatus)
  @Column({ type: 'varchar', length: 16 })
  status: DelegationStatus;
}
