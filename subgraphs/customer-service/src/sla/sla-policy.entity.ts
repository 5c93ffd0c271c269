import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { ComplaintSeverity } from '../complaints/complaint.entity';

/**
 * Response targets per complaint severity (domain.md G-04, proposed defaults,
 * configurable in the database: one row per severity, written by the
 * migration). Durations are BUSINESS minutes of the complaint's calendar; with
 * the default 8-hour working day, 24 h = 1440, 5 working days = 2400.
 */
@ObjectType({ description: 'SLA targets of one complaint severity, in business minutes (domain.md G-04).' })
@Entity('sla_policy')
export class SlaPolicy {
  @Field(() => ComplaintSeverity)
  @PrimaryColumn({ type: 'varchar', length: 16 })
  severity: ComplaintSeverity;

  @Field(() => Int, { description: 'Business minutes from receipt to first response (acceptance or rejection).' })
  @Column({ name: 'first_response_minutes', type: 'integer' })
  firstResponseMinutes: number;

  @Field(() => Int, { nullable: true, description: 'Business minutes from receipt to resolution; null = case by case (no automatic target).' })
  @Column({ name: 'resolution_minutes', type: 'integer', nullable: true })
  resolutionMinutes: number | null;

  @Field(() => Int, { description: 'Share of the resolution target (percent) after which the complaint counts as at risk and is escalated.' })
  @Column({ name: 'warn_percent', type: 'integer' })
  warnPercent: number;

  @Field(() => Int, { description: 'Optimistic-lock version, incremented on every change; send it back as expectedVersion.' })
  @VersionColumn()
  version: number;
}
