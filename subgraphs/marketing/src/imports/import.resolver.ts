import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireViewer, BulkImportMode, BulkImportResult } from '@group/shared';
import { TagAssignmentImportService } from './tag-assignment-import.service';
import type { MarketingContext } from '../context';

@Resolver()
export class TagAssignmentImportResolver {
  @Authorized()
  @Mutation(() => BulkImportResult, {
    description:
      'Assigns MANUAL tags from CSV (columns customer, tag, evidence, expires_at; at most 5000 rows, larger files through `npm run import`). ' +
      'Same permissions as assignTag: segment heads and business staff, for customers of their own segments. ALL_OR_NOTHING (default) writes nothing when any row is invalid. ' +
      'Errors: FORBIDDEN TAG_ASSIGNMENT_FORBIDDEN, BAD_USER_INPUT IMPORT_TOO_LARGE / CSV_SYNTAX; row problems are returned in `errors`.',
  })
  importTagAssignments(
    @Arg('csv', { description: 'CSV text with a header row (RFC 4180).' }) csv: string,
    @Arg('mode', () => BulkImportMode, { nullable: true, defaultValue: BulkImportMode.ALL_OR_NOTHING }) mode: BulkImportMode,
    @Ctx() ctx: MarketingContext,
  ): Promise<BulkImportResult> {
    return new TagAssignmentImportService(ctx.services.dataSource).importTagAssignments(requireViewer(ctx), csv, mode);
  }
}
