import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** domain.md §2.1.3 OfficeRole (the seats and offices of governing bodies), plus committee seats [I]. */
export enum OfficeRole {
  SHAREHOLDER = 'SHAREHOLDER',
  DIRECTOR = 'DIRECTOR',
  BOARD_CHAIR = 'BOARD_CHAIR',
  SUPERVISOR = 'SUPERVISOR',
  CHIEF_SUPERVISOR = 'CHIEF_SUPERVISOR',
  GENERAL_MANAGER = 'GENERAL_MANAGER',
  PRESIDENT = 'PRESIDENT',
  VICE_PRESIDENT = 'VICE_PRESIDENT',
  SENIOR_MANAGER = 'SENIOR_MANAGER',
  CFO = 'CFO',
  FINANCE_HEAD = 'FINANCE_HEAD',
  COMMITTEE_CHAIR = 'COMMITTEE_CHAIR',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
}
registerEnumType(OfficeRole, {
  name: 'OfficeRole',
  description: '股东(代表), 董事, 董事长/董事局主席, 监事, 监事长, 总经理, 总裁, 副总裁, 高级管理人员, 财务总监, 财务负责人, committee chair and member.',
});

/** WF-ORG-2 states: NOMINATED → ACTIVE | REJECTED; ACTIVE → DISMISSED | ENDED. */
export enum MembershipStatus {
  NOMINATED = 'NOMINATED',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
  DISMISSED = 'DISMISSED',
  ENDED = 'ENDED',
}
registerEnumType(MembershipStatus, { name: 'MembershipStatus' });

/** How the deciding body fills the seat (domain.md §3.3 A7–A11). */
export enum AppointmentMethod {
  ELECTION = 'ELECTION',
  APPOINTMENT = 'APPOINTMENT',
  DISPATCH = 'DISPATCH',
}
registerEnumType(AppointmentMethod, {
  name: 'AppointmentMethod',
  description: "Elected by a shareholders' meeting (选举), appointed by a board (聘任), or dispatched by the group board (派出).",
});

@ObjectType({ description: 'A seat or office on a governing body held (or proposed to be held) by an employee, with its term.' })
@Entity('body_membership')
@Index('ix_body_membership_body_status', ['bodyId', 'status'])
@Index('ix_body_membership_employee', ['employeeId'])
@Index('ix_body_membership_company', ['companyId'])
export class BodyMembership extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'body_id', type: 'varchar', length: 36 })
  bodyId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Field(() => OfficeRole)
  @Column({ type: 'varchar', length: 32 })
  role: OfficeRole;

  @Field(() => MembershipStatus)
  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Field(() => AppointmentMethod)
  @Column({ type: 'varchar', length: 16 })
  method: AppointmentMethod;

  /** The body that recommended the candidate (the group board for a sub-group, A8–A10); null when none is needed. */
  @Column({ name: 'nominated_by_body_id', type: 'varchar', length: 36, nullable: true })
  nominatedByBodyId: string | null;

  /** The body that elects, appoints or dispatches (and dismisses). */
  @Column({ name: 'deciding_body_id', type: 'varchar', length: 36 })
  decidingBodyId: string;

  /**
   * A shareholder's seat on a shareholders' meeting: the shareholding whose voting rights the
   * member exercises (quorum and votes by share capital). null on other seats.
   */
  @Column({ name: 'shareholding_id', type: 'varchar', length: 36, nullable: true })
  shareholdingId: string | null;

  @Field({ description: 'Seat filled by a shareholder representative (由股东代表出任).' })
  @Column({ name: 'is_shareholder_representative', type: 'boolean' })
  isShareholderRepresentative: boolean;

  @Field()
  @Column({ name: 'term_start', type: 'datetime' })
  termStart: Date;

  @Field(() => Date, { nullable: true, description: 'End of the term; null = open-ended.' })
  @Column({ name: 'term_end', type: 'datetime', nullable: true })
  termEnd: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the deciding body elected, appointed, rejected or dismissed.' })
  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Reason given for a rejection or dismissal.' })
  @Column({ name: 'end_reason', type: 'varchar', length: 500, nullable: true })
  endReason: string | null;
}
