import { DataSource, In, Repository } from 'typeorm';
import { ConnectionShape, PageArgs, paginate, SortSpec } from '@group/shared';
import { TagCategory } from './tag-category.entity';

export interface TagCategoryFilter {
  level?: number | null;
  /** Only direct children of this category. */
  parentId?: string | null;
  /** Only the level-0 themes (no parent). */
  rootsOnly?: boolean | null;
}

/** The category tree of the tag library: readable by every signed-in user. */
export class TagCategoryService {
  private readonly repo: Repository<TagCategory>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(TagCategory);
  }

  list(filter: TagCategoryFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<TagCategory>> {
    const qb = this.repo.createQueryBuilder('c');
    if (filter.level !== undefined && filter.level !== null) qb.andWhere('c.level = :level', { level: filter.level });
    if (filter.parentId) qb.andWhere('c.parentId = :parentId', { parentId: filter.parentId });
    if (filter.rootsOnly) qb.andWhere('c.parentId IS NULL');
    return paginate(qb, page, sort);
  }

  byIds(ids: readonly string[]): Promise<TagCategory[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  childrenOf(parentIds: readonly string[]): Promise<TagCategory[]> {
    return this.repo.find({ where: { parentId: In([...parentIds]) }, order: { code: 'ASC' } });
  }
}
