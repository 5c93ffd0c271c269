import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CustomerTier } from './churn-event.entity';

/**
 * A tier rule (G-23): customers matching `expression` (the tag-rule
 * expression language) get `tier`; rules are tried by ascending `priority`,
 * no match = ORDINARY. A manual override on the customer wins over rules.
 * Saving a tier's rule replaces it and bumps `version`.
 */
@ObjectType({ description: 'The rule giving customers a value tier; tried by ascending priority.' })
@Entity('tier_rule')
export class TierRule {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => CustomerTier)
  @Index('uq_tier_rule_tier', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  tier: CustomerTier;

  @Field(() => Int)
  @Column({ type: 'integer' })
  priority: number;

  @Field({ description: 'Normalised expression as JSON.' })
  @Column({ type: 'text' })
  expression: string;

  @Field()
  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  version: number;

  @Field()
  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
