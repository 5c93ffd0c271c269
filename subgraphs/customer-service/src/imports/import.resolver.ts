import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireViewer, type BaseContext, BulkImportMode, BulkImportResult } from '@group/shared';
import type { CustomerImportService } from './customer-import.service';

/** What this resolver needs from the context (the lead registers `imports` in context.ts). */
type ImportContext = BaseContext & { services: { imports: CustomerImportService } };

@Resolver()
export class CustomerImportResolver {
  @Authorized()
  @Mutation(() => BulkImportResult, {
    description:
      'Imports customers from CSV (columns ref, name, kind, segment, owner; at most 5000 rows, larger files through `npm run import`). ' +
      'Segment heads and business staff, into their own segments. ALL_OR_NOTHING (default) writes nothing when any row is invalid. ' +
      'Errors: FORBIDDEN ROLE_FORBIDDEN, BAD_USER_INPUT IMPORT_TOO_LARGE / CSV_SYNTAX; row problems are returned in `errors`.',
  })
  importCustomers(
    @Arg('csv', { description: 'CSV text with a header row (RFC 4180).' }) csv: string,
    @Arg('mode', () => BulkImportMode, { nullable: true, defaultValue: BulkImportMode.ALL_OR_NOTHING }) mode: BulkImportMode,
    @Ctx() ctx: ImportContext,
  ): Promise<BulkImportResult> {
    return ctx.services.imports.importCustomers(requireViewer(ctx), csv, mode);
  }

  @Authorized()
  @Mutation(() => BulkImportResult, {
    description:
      'Imports leads from CSV (columns ref, name, source, segment, owner, customer, description, company_name, contact_name, contact_phone; at most 5000 rows). ' +
      'Segment heads and business staff, into their own segments; only a segment head may name another owner. Leads are NEW and numbered from the lead sequence. ' +
      'Errors: FORBIDDEN ROLE_FORBIDDEN, BAD_USER_INPUT IMPORT_TOO_LARGE / CSV_SYNTAX; row problems are returned in `errors`.',
  })
  importLeads(
    @Arg('csv', { description: 'CSV text with a header row (RFC 4180).' }) csv: string,
    @Arg('mode', () => BulkImportMode, { nullable: true, defaultValue: BulkImportMode.ALL_OR_NOTHING }) mode: BulkImportMode,
    @Ctx() ctx: ImportContext,
  ): Promise<BulkImportResult> {
    return ctx.services.imports.importLeads(requireViewer(ctx), csv, mode);
  }

  @Authorized()
  @Mutation(() => BulkImportResult, {
    description:
      'Imports complaints from a hotline log or letters (CSV columns ref, customer, title, description, channel, severity, phase, category, received_at, branch; at most 5000 rows). ' +
      'Segment heads and business staff, for customers of their own segments. Each is registered RECEIVED with its SLA running from received_at (at most 30 days back, not in the future). ' +
      'Errors: FORBIDDEN ROLE_FORBIDDEN, BAD_USER_INPUT IMPORT_TOO_LARGE / CSV_SYNTAX; row problems are returned in `errors`.',
  })
  importComplaints(
    @Arg('csv', { description: 'CSV text with a header row (RFC 4180).' }) csv: string,
    @Arg('mode', () => BulkImportMode, { nullable: true, defaultValue: BulkImportMode.ALL_OR_NOTHING }) mode: BulkImportMode,
    @Ctx() ctx: ImportContext,
  ): Promise<BulkImportResult> {
    return ctx.services.imports.importComplaints(requireViewer(ctx), csv, mode);
  }
}
