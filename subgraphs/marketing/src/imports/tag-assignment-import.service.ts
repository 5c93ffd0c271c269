import type { DataSource } from 'typeorm';
import { type Viewer, BulkImportMode, BulkImportResult, importModeOf, parseImportText, runImport, toBulkImportResult } from '@group/shared';
import { tagAssignmentErrors } from '../tag-assignments/tag-assignment.errors';
import { canImportTagAssignments, tagAssignmentImportSpec } from './tag-assignment-import';

/** Rows per transaction in PER_BATCH mode through GraphQL. */
const GRAPHQL_BATCH = 500;

/**
 * Small tag-assignment imports through GraphQL (the CLI is for large files):
 * the same people as assignTag (segment heads and business staff), for
 * customers of their own segments only.
 */
export class TagAssignmentImportService {
  constructor(private readonly ds: DataSource) {}

  async importTagAssignments(viewer: Viewer, csv: string, mode: BulkImportMode | null | undefined): Promise<BulkImportResult> {
    if (!canImportTagAssignments(viewer)) throw tagAssignmentErrors.writeForbidden();
    const records = parseImportText(csv);
    const result = await runImport(this.ds, tagAssignmentImportSpec({ viewer }), () => records, { mode: importModeOf(mode), batchSize: GRAPHQL_BATCH });
    return toBulkImportResult(result);
  }
}
