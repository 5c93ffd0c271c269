import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, InputType, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { MaxLength } from 'class-validator';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Role, type Viewer } from '../auth/roles';
import { MASKED, maskSensitive } from '../auth/sensitive';
import { requireViewer, type BaseContext } from '../auth/context';
import { auditErrors as errors } from './audit.errors';
import { Connection, PageArgs, paginate } from '../graphql/pagination';
import { AuditChange, AuditEntry } from './audit.entity';

/**
 * Who reads the log: group management and security administration. A system
 * administrator reads no business data elsewhere, so in the arguments and the
 * before/after values it gets, personal data, pay and legal details are
 * masked by the one sensitive-data table (auth/sensitive.ts).
 */
const ENTRY_READERS = new Set<Role>([Role.GROUP_EXECUTIVE, Role.SYSTEM_ADMIN]);
const CHANGE_READERS = ENTRY_READERS;

/** Recorded JSON as the viewer may read it; what cannot be parsed (cut at the column's size) is masked whole. */
function maskJson(viewer: Viewer, json: string | null): string | null {
  if (!json || viewer.role === Role.GROUP_EXECUTIVE) return json;
  try {
    return JSON.stringify(maskSensitive(viewer, JSON.parse(json)));
  } catch {
    return MASKED;
  }
}

/** The changes as the viewer may see them: whole for executives, masked for system administrators. */
function forViewer(viewer: Viewer, changes: AuditChange[]): AuditChange[] {
  return changes.map((c) => ({ ...c, before: maskJson(viewer, c.before), after: maskJson(viewer, c.after) }));
}

function requireReader(viewer: Viewer, readers: Set<Role>, what: string) {
  if (!readers.has(viewer.role)) throw errors.readForbidden(what);
}

@ObjectType('AuditChange', { description: 'One row a request inserted, updated or deleted, recorded in the same transaction.' })
@Directive('@shareable')
export class AuditChangeType {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field() requestId: string;
  @Field(() => String, { nullable: true }) accountId: string | null;
  @Field({ description: 'Table of the row.' }) entity: string;
  @Field(() => String, { nullable: true }) entityId: string | null;
  @Field({ description: 'INSERT, UPDATE or DELETE.' }) action: string;
  @Field(() => String, { nullable: true, description: 'The row before, as JSON (secrets redacted).' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'The row after, as JSON (secrets redacted).' }) after: string | null;
}

@ObjectType('AuditEntry', { description: 'A mutation or a denied attempt, append-only.' })
@Directive('@shareable')
export class AuditEntryType {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field({ description: 'The x-request-id, the same in gateway and subgraph logs.' }) requestId: string;
  @Field(() => String, { nullable: true }) accountId: string | null;
  @Field(() => String, { nullable: true }) role: string | null;
  @Field() operationType: string;
  @Field(() => String, { nullable: true }) operationName: string | null;
  @Field(() => [String]) rootFields: string[];
  @Field(() => String, {
    nullable: true,
    description: "The root fields' arguments as JSON, keyed by field; passwords and tokens redacted (SYSTEM_ADMIN: personal data, pay and legal details masked).",
  })
  args: string | null;
  @Field({ description: 'OK, ERROR or DENIED.' }) outcome: string;
  @Field(() => [String]) errorCodes: string[];
}

const AuditEntryConnection = Connection(AuditEntryType, 'AuditEntry', { shareable: true });

@InputType('AuditFilter')
export class AuditFilter {
  @Field(() => String, { nullable: true }) @MaxLength(100) accountId?: string;
  @Field(() => String, { nullable: true, description: 'OK, ERROR or DENIED.' }) @MaxLength(16) outcome?: string;
  @Field(() => String, { nullable: true, description: 'Entries whose root fields include this one, e.g. createLead.' }) @MaxLength(100) rootField?: string;
  @Field(() => Date, { nullable: true }) from?: Date;
  @Field(() => Date, { nullable: true }) to?: Date;
}

@ArgsType()
class AuditArgs extends PageArgs {
  @Field(() => AuditFilter, { nullable: true }) filter?: AuditFilter;
}

/** What the audit resolvers need from a subgraph's context (createSubgraphApp provides it). */
export interface AuditContext extends BaseContext {
  dataSource: DataSource;
}

/** One statement for the changes of a whole page of entries (per request, hence keyed by the context). */
const changeLoaders = new WeakMap<object, DataLoader<string, AuditChange[]>>();
function changesOf(ctx: AuditContext, requestId: string): Promise<AuditChange[]> {
  let loader = changeLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const rows = await ctx.dataSource.getRepository(AuditChange).find({ where: { requestId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } });
      return ids.map((id) => rows.filter((r) => r.requestId === id).slice(0, 500));
    });
    changeLoaders.set(ctx, loader);
  }
  return loader.load(requestId);
}

const toEntry = (viewer: Viewer, e: AuditEntry): AuditEntryType => ({
  ...e,
  args: maskJson(viewer, e.args),
  rootFields: e.rootFields ? e.rootFields.split(',') : [],
  errorCodes: e.errorCodes ? e.errorCodes.split(',') : [],
});

/**
 * The audit log of one subgraph, as root fields named after it
 * (`<prefix>AuditLog`, `<prefix>AuditTrail`): each subgraph keeps its own log
 * in its own database, and the gateway exposes the three side by side.
 */
export function createAuditResolver(prefix: string) {
  @Resolver(() => AuditEntryType)
  class AuditResolver {
    @Query(() => AuditEntryConnection, {
      name: `${prefix}AuditLog`,
      description: `Mutations and denied attempts recorded by the ${prefix} subgraph, newest first. GROUP_EXECUTIVE and SYSTEM_ADMIN. Errors: FORBIDDEN AUDIT_READ_FORBIDDEN.`,
    })
    async auditLog(@Args(() => AuditArgs) args: AuditArgs, @Ctx() ctx: AuditContext) {
      const viewer = requireViewer(ctx);
      requireReader(viewer, ENTRY_READERS, 'the audit log');
      const f = args.filter ?? {};
      const qb = ctx.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
      if (f.accountId) qb.andWhere('a.accountId = :account', { account: f.accountId });
      if (f.outcome) qb.andWhere('a.outcome = :outcome', { outcome: f.outcome });
      if (f.rootField) {
        const field = f.rootField.replace(/[%_,\\]/g, '');
        qb.andWhere('(a.rootFields = :field OR a.rootFields LIKE :first OR a.rootFields LIKE :middle OR a.rootFields LIKE :last)', {
          field,
          first: `${field},%`,
          middle: `%,${field},%`,
          last: `%,${field}`,
        });
      }
      if (f.from) qb.andWhere('a.at >= :from', { from: f.from });
      if (f.to) qb.andWhere('a.at < :to', { to: f.to });
      const page = await paginate(qb, args, { property: 'at', direction: 'DESC' });
      return { ...page, edges: page.edges.map((e) => ({ ...e, node: toEntry(viewer, e.node) })) };
    }

    @Query(() => [AuditChangeType], {
      name: `${prefix}AuditTrail`,
      description: `Every recorded change of one row (table and id), oldest first, at most 500. GROUP_EXECUTIVE; SYSTEM_ADMIN with personal data, pay and legal details masked.`,
    })
    async auditTrail(@Arg('entity') entity: string, @Arg('entityId', () => ID) entityId: string, @Ctx() ctx: AuditContext) {
      const viewer = requireViewer(ctx);
      requireReader(viewer, CHANGE_READERS, 'before/after values');
      return forViewer(viewer, await ctx.dataSource.getRepository(AuditChange).find({ where: { entity, entityId }, order: { at: 'ASC', id: 'ASC' }, take: 500 }));
    }

    @FieldResolver(() => [AuditChangeType], {
      nullable: true,
      description: 'The rows this request changed, before and after (GROUP_EXECUTIVE; SYSTEM_ADMIN with personal data, pay and legal details masked).',
    })
    async changes(@Root() entry: AuditEntryType, @Ctx() ctx: AuditContext) {
      const viewer = requireViewer(ctx);
      requireReader(viewer, CHANGE_READERS, 'before/after values');
      return forViewer(viewer, await changesOf(ctx, entry.requestId));
    }
  }
  return AuditResolver;
}
