import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** domain.md §2.1.3 GoverningBodyType, plus committees (safety production committee, IT leading group). */
export enum GoverningBodyType {
  SHAREHOLDERS_MEETING = 'SHAREHOLDERS_MEETING',
  BOARD_OF_DIRECTORS = 'BOARD_OF_DIRECTORS',
  BOARD_OF_SUPERVISORS = 'BOARD_OF_SUPERVISORS',
  MANAGEMENT_LAYER = 'MANAGEMENT_LAYER',
  COMMITTEE = 'COMMITTEE',
}
registerEnumType(GoverningBodyType, {
  name: 'GoverningBodyType',
  description: '股东大会, 董事会/董事局, 监事会, 经营层/总裁及其行政班子, and committees.',
});

/** domain.md §2.1.3 GovernanceFunction (D15 第一条). */
export enum GovernanceFunction {
  HIGHEST_AUTHORITY = 'HIGHEST_AUTHORITY',
  MAJOR_DECISION = 'MAJOR_DECISION',
  GENERAL_DECISION_AND_EXECUTION = 'GENERAL_DECISION_AND_EXECUTION',
  AUDIT_SUPERVISION = 'AUDIT_SUPERVISION',
  SPECIALISED = 'SPECIALISED',
}
registerEnumType(GovernanceFunction, { name: 'GovernanceFunction' });

@ObjectType({ description: "A governing body of a company: shareholders' meeting, board, board of supervisors, management, committee." })
@Directive('@key(fields: "id")')
@Entity('governing_body')
@Index('ix_governing_body_company_type', ['companyId', 'type'])
export class GoverningBody extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => GoverningBodyType)
  @Column({ type: 'varchar', length: 32 })
  type: GoverningBodyType;

  @Field({ description: 'Display label used by the company, e.g. 董事会 or 董事局.' })
  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Field(() => GovernanceFunction)
  @Column({ name: 'governance_function', type: 'varchar', length: 40 })
  governanceFunction: GovernanceFunction;

  @Field(() => Int, { nullable: true, description: 'Seat limit set by the articles (board of directors 7, supervisors 5 in the source); null = no fixed number.' })
  @Column({ name: 'seat_limit', type: 'integer', nullable: true })
  seatLimit: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Quorum: share of the seats (seat limit, else active members) that must attend, in percent; attendance must exceed it. null = the default (50: more than half).',
  })
  @Column({ name: 'quorum_percent', type: 'integer', nullable: true })
  quorumPercent: number | null;

  @Field(() => Int, { nullable: true, description: 'Votes in favour needed to pass, in percent of those present; must exceed it. null = the default (50: more than half).' })
  @Column({ name: 'pass_percent', type: 'integer', nullable: true })
  passPercent: number | null;
}
