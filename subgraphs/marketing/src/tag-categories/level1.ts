import type { EntityManager } from 'typeorm';
import { TagCategory } from './tag-category.entity';

/**
 * The level-1 category (客户行为, 产品运营, ...) a tag category belongs to:
 * itself at level 1, else its nearest level-1 ancestor; null for a level-0
 * theme. Copied onto each assignment (tag_assignment.category_l1_id) so tag
 * coverage (MKT-M3) is an index-only scan, without joining the tree.
 */
export async function level1CategoryOf(m: EntityManager, categoryId: string): Promise<string | null> {
  let c = await m.findOneBy(TagCategory, { id: categoryId });
  for (let hops = 0; c && c.level > 1 && c.parentId && hops < 10; hops++) c = await m.findOneBy(TagCategory, { id: c.parentId });
  return c && c.level === 1 ? c.id : null;
}
