import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

export enum TagKind {
  MANUAL = 'MANUAL',
  RULE = 'RULE',
}
registerEnumType(TagKind, {
  name: 'TagKind',
  description: 'MANUAL tags are assigned by people; RULE tags are computed from an indicator rule and cannot be assigned by hand.',
});

@ObjectType({ description: 'A tag of the group-customer tag library (标签库).' })
@Directive('@key(fields: "id")')
@Entity('tag')
@Index('ix_tag_category_code', ['categoryId', 'code'])
export class Tag extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Unique stable code, e.g. HIGH_VALUE.' })
  @Index('uq_tag_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Field({ description: 'Chinese name, e.g. 高价值客户.' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field({ description: 'What the tag means and how it is determined (标签指标维度).' })
  @Column({ type: 'text' })
  definition: string;

  @Field(() => TagKind)
  @Column({ type: 'varchar', length: 16 })
  kind: TagKind;

  @Column({ name: 'category_id', type: 'varchar', length: 36 })
  categoryId: string;

  @Field(() => Date, { nullable: true, description: 'The tag may be assigned from this instant (null: no lower bound).' })
  @Column({ name: 'valid_from', type: 'datetime', nullable: true })
  validFrom: Date | null;

  @Field(() => Date, { nullable: true, description: 'The tag may be assigned until this instant (null: no upper bound).' })
  @Column({ name: 'valid_to', type: 'datetime', nullable: true })
  validTo: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who maintains the tag definition, e.g. 集团市场营销部 (the group marketing department owns the library, MKT-R23).',
  })
  @Column({ type: 'varchar', length: 100, nullable: true })
  owner: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The indicator dimension behind the tag (标签指标维度), e.g. "COMPLAINT_COUNT, sum over 30 days". RULE tags also carry a versioned rule (`rule`).',
  })
  @Column({ name: 'indicator_dimension', type: 'varchar', length: 200, nullable: true })
  indicatorDimension: string | null;
}
