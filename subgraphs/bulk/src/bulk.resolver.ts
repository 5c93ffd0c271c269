import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionShape, PageArgs, requireViewer } from '@group/shared';
import { BulkOperation, BulkOperationStatus } from './bulk-operation.entity';
import type { BulkContext } from './context';

const BulkOperationConnection = Connection(BulkOperation);

@Resolver(() => BulkOperation)
export class BulkOperationResolver {
  @Authorized()
  @Mutation(() => BulkOperation, {
    description:
      'Runs a query to the end of every connection in it, as you, into a JSON Lines file (one object per line; nested connection nodes on their own lines with `__parentId`). The query has exactly one top-level connection; mutations, subscriptions, variables and named fragments are refused. Errors: BAD_USER_INPUT BULK_QUERY_INVALID (with `reason`), LIMIT_EXCEEDED BULK_OPERATION_LIMIT (too many of yours running).',
  })
  bulkOperationRunQuery(@Arg('query') query: string, @Ctx() ctx: BulkContext): Promise<BulkOperation> {
    return ctx.services.bulk.submit(requireViewer(ctx), query);
  }

  @Authorized()
  @Mutation(() => BulkOperation, {
    description: 'Cancels one of your CREATED or RUNNING operations (its file is deleted). Errors: NOT_FOUND, CONFLICT BULK_OPERATION_NOT_RUNNING.',
  })
  bulkOperationCancel(@Arg('id', () => ID) id: string, @Ctx() ctx: BulkContext): Promise<BulkOperation> {
    return ctx.services.bulk.cancel(requireViewer(ctx), id);
  }

  @Authorized()
  @Query(() => BulkOperation, { description: 'One of your bulk operations (NOT_FOUND for anyone else’s).' })
  bulkOperation(@Arg('id', () => ID) id: string, @Ctx() ctx: BulkContext): Promise<BulkOperation> {
    return ctx.services.bulk.get(requireViewer(ctx), id);
  }

  @Authorized()
  @Query(() => BulkOperationConnection, { description: 'Your bulk operations, newest first.' })
  bulkOperations(@Args() page: PageArgs, @Ctx() ctx: BulkContext): Promise<ConnectionShape<BulkOperation>> {
    return ctx.services.bulk.list(requireViewer(ctx), page);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Signed download URL of the JSON Lines result (COMPLETED); valid until `expiresAt`.' })
  url(@Root() op: BulkOperation, @Ctx() ctx: BulkContext): string | null {
    return op.status === BulkOperationStatus.COMPLETED && op.expiresAt && !op.fileDeletedAt ? ctx.services.bulk.downloadUrl(op, 'result') : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Signed download URL of what a FAILED operation wrote before it failed.' })
  partialDataUrl(@Root() op: BulkOperation, @Ctx() ctx: BulkContext): string | null {
    return op.status === BulkOperationStatus.FAILED && op.expiresAt && !op.fileDeletedAt && op.fileSize > 0 ? ctx.services.bulk.downloadUrl(op, 'partial') : null;
  }
}
