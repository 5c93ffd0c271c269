import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * A node of the tag library's category tree (domain.md §2.3, MKT-R02/R03, G-20):
 * level 0 = core work theme (客户增长 / 客户保有 / 客户价值), level 1 = the five
 * level-1 categories of the source (客户行为, 产品运营, 营销服务, 渠道管理,
 * 竞争对手研究), level 2 = sub-categories. Tags hang off any node (in the demo
 * data, off level-2 nodes). Readable by every signed-in user.
 */
@ObjectType({ description: 'A node of the tag-library category tree: level 0 theme, level 1 category, level 2 sub-category.' })
@Directive('@key(fields: "id")')
@Entity('tag_category')
export class TagCategory extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Stable code, e.g. RETENTION or CUSTOMER_BEHAVIOR.COMPLAINT.' })
  @Index('uq_tag_category_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Field({ description: 'Chinese name, e.g. 客户行为.' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;

  @Field(() => Int, { description: '0 = core work theme, 1 = level-1 category, 2 = sub-category.' })
  @Column({ type: 'integer' })
  level: number;

  @Index('ix_tag_category_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;
}
