import 'reflect-metadata';
import { graphql, GraphQLResolveInfo } from 'graphql';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { Arg, buildSchema, Field, FieldResolver, ID, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { fieldReads, selectedColumns } from './projection';
import { paginateByParent } from './pagination';

@Entity('projection_item')
@ObjectType('ProjectionItem')
class Item {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 36 })
  parentId: string;

  @Field()
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 20 })
  title: string;

  @Field()
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId: string;
}

let seen: (string[] | undefined)[] = [];
let ds: DataSource;

@Resolver(() => Item)
class ItemResolver {
  @Query(() => [Item])
  items(@Info() info: GraphQLResolveInfo, @Arg('parent', { nullable: true }) parent?: string): Promise<Item[]> {
    const select = selectedColumns(info, ds.getMetadata(Item), []);
    seen.push(select);
    return paginateByParent(ds.getRepository(Item), {
      parentProperty: 'parentId',
      parentIds: [parent ?? 'p1'],
      page: { first: 10 },
      sort: { property: 'createdAt', direction: 'DESC' },
      select,
    }).then((m) => m.get(parent ?? 'p1')!.edges.map((e) => e.node));
  }

  @FieldResolver(() => String)
  owner(@Root() i: Item): string {
    return `owner:${i.ownerId}`;
  }

  @FieldResolver(() => String)
  summary(@Root() i: Item): string {
    return `${i.code} ${i.title}`;
  }
}
fieldReads(Item, { owner: ['ownerId'] });

describe('column projection (selectedColumns + paginateByParent select)', () => {
  let schema: Awaited<ReturnType<typeof buildSchema>>;
  beforeAll(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Item], synchronize: true });
    await ds.initialize();
    await ds.getRepository(Item).insert([
      { id: 'a', parentId: 'p1', code: 'A', title: 'first', createdAt: new Date('2026-01-01T00:00:00Z'), ownerId: 'o1' },
      { id: 'b', parentId: 'p1', code: 'B', title: 'second', createdAt: new Date('2026-01-02T00:00:00Z'), ownerId: 'o2' },
    ]);
    schema = await buildSchema({ resolvers: [ItemResolver], validate: false });
  });
  afterAll(() => ds.destroy());
  beforeEach(() => (seen = []));

  const run = async (query: string) => {
    const r = await graphql({ schema, source: query });
    expect(r.errors).toBeUndefined();
    return r.data!.items as Record<string, unknown>[];
  };

  it('reads only the selected columns, fragments included, and the answer is the same', async () => {
    const items = await run('{ items { code ...F ... on ProjectionItem { __typename } } } fragment F on ProjectionItem { createdAt }');
    expect(seen[0]!.sort()).toEqual(['code', 'createdAt']);
    expect(items).toEqual([
      { code: 'B', createdAt: '2026-01-02T00:00:00.000Z', __typename: 'ProjectionItem' },
      { code: 'A', createdAt: '2026-01-01T00:00:00.000Z', __typename: 'ProjectionItem' },
    ]);
  });

  it('adds the columns a field resolver declares it reads', async () => {
    expect(await run('{ items { owner } }')).toEqual([{ owner: 'owner:o2' }, { owner: 'owner:o1' }]);
    expect(seen[0]).toEqual(['ownerId']);
  });

  it('falls back to every column for a field resolver that declared nothing', async () => {
    expect(await run('{ items { code summary } }')).toEqual([
      { code: 'B', summary: 'B second' },
      { code: 'A', summary: 'A first' },
    ]);
    expect(seen[0]).toBeUndefined();
  });
});
