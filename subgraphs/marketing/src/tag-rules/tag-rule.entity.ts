import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One version of the rule of a RULE tag (MKT-R04: indicators are editable,
 * versioned data). Saving a rule never changes a row: it adds version n + 1;
 * the highest version is the current rule. Assignments made by a run record
 * the rule id and version (TagAssignment.ruleVersion).
 */
@ObjectType({ description: 'A version of a tag rule: an expression over customer indicators.' })
@Entity('tag_rule')
@Index('uq_tag_rule_tag_version', ['tagId', 'version'], { unique: true })
export class TagRule {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tag_id', type: 'varchar', length: 36 })
  tagId: string;

  @Field(() => Int, { description: '1, 2, ... per tag; the highest is current.' })
  @Column({ type: 'integer' })
  version: number;

  @Field({ description: 'The normalised expression as JSON (see TagRuleExpressionInput).' })
  @Column({ type: 'text' })
  expression: string;

  @Field({ description: 'Human-readable form, e.g. `SUM(COMPLAINT_COUNT, 30d) >= 1`.' })
  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  @Field()
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Field(() => String, { nullable: true, description: 'Account that saved this version.' })
  @Column({ name: 'created_by', type: 'varchar', length: 64, nullable: true })
  createdBy: string | null;
}

/** The outcome of one rule run: what changed, for audit and for the "safe to re-run" guarantee. */
@ObjectType({ description: 'One run of a tag rule over all customers.' })
@Entity('tag_rule_run')
@Index('ix_tag_rule_run_tag_ran_at', ['tagId', 'ranAt'])
export class TagRuleRun {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tag_id', type: 'varchar', length: 36 })
  tagId: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 36 })
  ruleId: string;

  @Field(() => Int)
  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion: number;

  @Field()
  @Column({ name: 'ran_at', type: 'datetime' })
  ranAt: Date;

  @Field(() => String, { nullable: true, description: 'Account that started the run (null: the scheduler).' })
  @Column({ name: 'ran_by', type: 'varchar', length: 64, nullable: true })
  ranBy: string | null;

  @Field(() => Int, { description: 'Customers matching the rule after the run (all segments).' })
  @Column({ type: 'integer' })
  matched: number;

  @Field(() => Int, { description: 'Assignments added.' })
  @Column({ type: 'integer' })
  added: number;

  @Field(() => Int, { description: 'Assignments removed (kept in history as RULE_UNMATCHED).' })
  @Column({ type: 'integer' })
  removed: number;

  @Field(() => Int, { description: 'Existing assignments re-stamped with this rule version.' })
  @Column({ type: 'integer' })
  restamped: number;
}
