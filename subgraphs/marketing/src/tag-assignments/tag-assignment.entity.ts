import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum TagSource {
  MANUAL = 'MANUAL',
  RULE = 'RULE',
  IMPORT = 'IMPORT',
}
registerEnumType(TagSource, { name: 'TagSource', description: 'How an assignment came about: by a person, by a tag rule, or by a bulk import.' });

export enum TagRemovalReason {
  REMOVED = 'REMOVED',
  EXPIRED = 'EXPIRED',
  RULE_UNMATCHED = 'RULE_UNMATCHED',
  MERGED = 'MERGED',
  CUSTOMER_DELETED = 'CUSTOMER_DELETED',
}
registerEnumType(TagRemovalReason, {
  name: 'TagRemovalReason',
  description:
    'REMOVED: taken off by a person; EXPIRED: its expiresAt had passed when the tag was assigned again; RULE_UNMATCHED: a run of the tag\u2019s rule found the customer no longer matches; MERGED: the customer was merged into one that already had the tag (kept in the survivor\u2019s history); CUSTOMER_DELETED: the customer was deleted.',
});

/**
 * A tag currently assigned to a customer (domain.md §2.3.1 TagAssignment).
 *
 * History design: this table holds ACTIVE assignments only, with a plain
 * unique index on (customer_id, tag_id) that works the same on SQLite and
 * MariaDB (MariaDB has no partial indexes, so a "unique where removed_at IS
 * NULL" index is not portable). Removing an assignment moves the row, in one
 * transaction, to `tag_assignment_history` (TagAssignmentHistory below) with
 * who removed it and when; nothing is ever deleted without a trace.
 * An assignment whose `expiresAt` has passed stays here but is no longer
 * effective (hidden from every read); assigning the same tag again archives
 * it with reason EXPIRED.
 *
 * `segmentId` is a copy of the customer's segment (from customer_profile) at
 * assignment time, so segment-scoped reads need no join.
 */
@ObjectType({ description: 'A tag assigned to a customer. Visible only to viewers who may read the customer’s segment.' })
@Entity('tag_assignment')
@Index('uq_tag_assignment_customer_tag', ['customerId', 'tagId'], { unique: true })
@Index('ix_tag_assignment_tag_segment', ['tagId', 'segmentId'])
@Index('ix_tag_assignment_l1_coverage', ['categoryL1Id', 'segmentId', 'customerId', 'expiresAt'])
export class TagAssignment {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tag_id', type: 'varchar', length: 36 })
  tagId: string;

  @Index('ix_tag_assignment_customer')
  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Index('ix_tag_assignment_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field(() => TagSource)
  @Column({ type: 'varchar', length: 16 })
  source: TagSource;

  @Field()
  @Column({ name: 'assigned_at', type: 'datetime' })
  assignedAt: Date;

  @Field(() => String, { nullable: true, description: 'Account id of the person, or `rule:<TAG CODE>` for rule assignments, or the import batch.' })
  @Column({ name: 'assigned_by', type: 'varchar', length: 64, nullable: true })
  assignedBy: string | null;

  @Field(() => String, { nullable: true, description: 'Why the tag applies (free text or the rule’s computed value).' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  evidence: string | null;

  @Field(() => Date, { nullable: true, description: 'After this instant the assignment is no longer effective.' })
  @Index('ix_tag_assignment_expires')
  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt: Date | null;

  /** The tag rule that assigned (or last confirmed) the assignment; null unless source = RULE from a rule run. Internal FK. */
  @Column({ name: 'rule_id', type: 'varchar', length: 36, nullable: true })
  ruleId: string | null;

  @Field(() => Int, { nullable: true, description: 'Version of the tag rule that assigned or last confirmed this assignment (rule provenance).' })
  @Column({ name: 'rule_version', type: 'integer', nullable: true })
  ruleVersion: number | null;

  /** The tag's level-1 category, copied for tag coverage (see tag-categories/level1.ts). Internal. */
  @Column({ name: 'category_l1_id', type: 'varchar', length: 36, nullable: true })
  categoryL1Id: string | null;
}

/** A tag assignment that has ended: the history kept by removeTagAssignment (see TagAssignment). */
@ObjectType('RemovedTagAssignment', { description: 'A tag assignment that was removed (or archived after expiry); kept as history.' })
@Entity('tag_assignment_history')
@Index('ix_tag_assignment_history_customer', ['customerId', 'removedAt'])
@Index('ix_tag_assignment_history_segment', ['segmentId', 'removedAt'])
export class TagAssignmentHistory {
  @Field(() => ID, { description: 'The id the assignment had while active.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ix_tag_assignment_history_tag')
  @Column({ name: 'tag_id', type: 'varchar', length: 36 })
  tagId: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field(() => TagSource)
  @Column({ type: 'varchar', length: 16 })
  source: TagSource;

  @Field()
  @Column({ name: 'assigned_at', type: 'datetime' })
  assignedAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ name: 'assigned_by', type: 'varchar', length: 64, nullable: true })
  assignedBy: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  evidence: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt: Date | null;

  @Field()
  @Column({ name: 'removed_at', type: 'datetime' })
  removedAt: Date;

  @Field(() => String, { nullable: true, description: 'Account id of the person who removed it (null when archived after expiry).' })
  @Column({ name: 'removed_by', type: 'varchar', length: 64, nullable: true })
  removedBy: string | null;

  @Field(() => TagRemovalReason)
  @Column({ name: 'removal_reason', type: 'varchar', length: 16 })
  removalReason: TagRemovalReason;

  /** The tag rule that assigned (or last confirmed) the assignment; null unless source = RULE from a rule run. Internal FK. */
  @Column({ name: 'rule_id', type: 'varchar', length: 36, nullable: true })
  ruleId: string | null;

  @Field(() => Int, { nullable: true, description: 'Version of the tag rule that assigned or last confirmed this assignment (rule provenance).' })
  @Column({ name: 'rule_version', type: 'integer', nullable: true })
  ruleVersion: number | null;
}
