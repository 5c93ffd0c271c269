import { DataSource, Repository } from 'typeorm';
import {
  Clock,
  ConnectionShape,
  getManyPlain,
  idempotentCreate,
  inTransaction,
  likeContains,
  likePrefix,
  newId,
  notFound,
  PageArgs,
  paginate,
  paginateByParent,
  Role,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  wholeSeconds,
} from '@group/shared';
import { Tag, TagKind } from './tag.entity';
import { tagErrors as errors } from './tag.errors';
import { TagCategory } from '../tag-categories/tag-category.entity';
import { roleOrOperator } from '../marketing-operator';
import { changesOf } from '../versioned';

/**
 * The tag library is owned by the group marketing department (MKT-R23, MKT-R04: tags are
 * editable, versioned data): its operator, and GROUP_EXECUTIVE as today's nearest role.
 */
const LIBRARY_MAINTAINERS = new Set<Role>([Role.GROUP_EXECUTIVE]);
const LIBRARY_OWNER = '集团市场营销部';

export interface CreateTagInput {
  code: string;
  name: string;
  definition: string;
  kind: TagKind;
  categoryId: string;
  validFrom?: Date | null;
  validTo?: Date | null;
  indicatorDimension?: string | null;
  idempotencyKey?: string | null;
}

/** Code, kind and category are fixed once created: assignments, rules and coverage depend on them. Retire a tag with `validTo`. */
export interface UpdateTagInput {
  id: string;
  expectedVersion: number;
  name?: string | null;
  definition?: string | null;
  validFrom?: Date | null;
  validTo?: Date | null;
  indicatorDimension?: string | null;
}

function checkPeriod(from: Date | null, to: Date | null) {
  if (from && to && to.getTime() <= from.getTime()) throw errors.validityInvalid();
}

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

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    this.repo = ds.getRepository(Tag);
  }

  /** Adds a tag under a category of level 1 or deeper (so it counts in a level-1 coverage). */
  async create(viewer: Viewer, input: CreateTagInput): Promise<Tag> {
    if (!roleOrOperator(LIBRARY_MAINTAINERS, viewer)) throw errors.libraryForbidden();
    const validFrom = input.validFrom ? wholeSeconds(input.validFrom) : null;
    const validTo = input.validTo ? wholeSeconds(input.validTo) : null;
    checkPeriod(validFrom, validTo);
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'createTag',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const category = await m.findOneBy(TagCategory, { id: input.categoryId });
        if (!category) throw notFound('TagCategory', input.categoryId);
        if (category.level < 1) throw errors.categoryIsTheme();
        const tag = m.create(Tag, {
          id,
          code: input.code,
          name: input.name,
          definition: input.definition,
          kind: input.kind,
          categoryId: category.id,
          validFrom,
          validTo,
          owner: LIBRARY_OWNER,
          indicatorDimension: input.indicatorDimension ?? null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Tag, tag);
        return tag;
      },
      (id) => this.repo.findOneBy({ id }),
      newId,
      { onUniqueViolation: () => errors.codeTaken(input) },
    );
  }

  /** Edits a tag's name, definition, indicator dimension or validity (DEPRECATED = validTo in the past), by version. */
  update(viewer: Viewer, input: UpdateTagInput): Promise<Tag> {
    if (!roleOrOperator(LIBRARY_MAINTAINERS, viewer)) throw errors.libraryForbidden();
    const changes = changesOf(input, ['name', 'definition', 'validFrom', 'validTo', 'indicatorDimension'] as const, ['name', 'definition']);
    if (changes.validFrom) changes.validFrom = wholeSeconds(changes.validFrom);
    if (changes.validTo) changes.validTo = wholeSeconds(changes.validTo);
    return inTransaction(this.ds, async (m) => {
      const tag = await m.findOneBy(Tag, { id: input.id });
      if (!tag) throw notFound('Tag', input.id);
      checkPeriod(changes.validFrom === undefined ? tag.validFrom : changes.validFrom, changes.validTo === undefined ? tag.validTo : changes.validTo);
      return updateWithVersion(m, Tag, input.id, input.expectedVersion, { ...changes, updatedAt: this.clock() } as Partial<Tag>);
    });
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
    return getManyPlain(this.repo.createQueryBuilder('t').where('t.id IN (:...ids)', { ids: [...ids] }));
  }

  /** `TagCategory.tags` for many categories in one statement. */
  pagesByCategory(categoryIds: readonly string[], page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.repo, { parentProperty: 'categoryId', parentIds: categoryIds, page, sort });
  }
}
