import { DataSource, In, Repository } from 'typeorm';
import { ConnectionShape, likeContains, likePrefix, PageArgs, paginate, paginateByParent, SortSpec } from '@group/shared';
import { Tag, TagKind } from './tag.entity';

export interface TagFilter {
  categoryId?: string | null;
  kind?: TagKind | null;
  /** Codes starting with this (case-insensitive on both databases). */
  codePrefix?: string | null;
  /** Case-insensitive substring of the name. */
  nameContains?: string | null;
}

/** The tag library: readable by every signed-in user. */
export class TagService {
  private readonly repo: Repository<Tag>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(Tag);
  }

  list(filter: TagFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Tag>> {
    const qb = this.repo.createQueryBuilder('t');
    if (filter.categoryId) qb.andWhere('t.categoryId = :categoryId', { categoryId: filter.categoryId });
    if (filter.kind) qb.andWhere('t.kind = :kind', { kind: filter.kind });
    if (filter.codePrefix) qb.andWhere("t.code LIKE :codePrefix ESCAPE '!'", { codePrefix: likePrefix(filter.codePrefix) });
    if (filter.nameContains) qb.andWhere("LOWER(t.name) LIKE :name ESCAPE '!'", { name: likeContains(filter.nameContains.toLowerCase()) });
    return paginate(qb, page, sort);
  }

  byIds(ids: readonly string[]): Promise<Tag[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  /** `TagCategory.tags` for many categories in one statement. */
  pagesByCategory(categoryIds: readonly string[], page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.repo, { parentProperty: 'categoryId', parentIds: categoryIds, page, sort });
  }
}
