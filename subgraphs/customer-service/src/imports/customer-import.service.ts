import type { DataSource } from 'typeorm';
import { Clock, systemClock, type Viewer, BulkImportMode, BulkImportResult, importModeOf, parseImportText, runImport, toBulkImportResult, type ImportSpec } from '@group/shared';
import { canImportCustomers, customerImportSpec } from './customer-import';
import { canImportLeads, leadImportSpec } from './lead-import';
import { canImportComplaints, complaintImportSpec } from './complaint-import';
import { importErrors as errors } from './import.errors';

/** Rows per transaction in PER_BATCH mode through GraphQL. */
const GRAPHQL_BATCH = 500;

/**
 * Small imports through GraphQL (the CLI is for large files). Who may import
 * is who may create the records (domain.md §3.1.2: segment heads and business
 * staff), and only into their own segments (§3.1.3): other roles are refused
 * outright, rows of other segments are reported as SEGMENT_FORBIDDEN.
 */
export class CustomerImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {}

  async importCustomers(viewer: Viewer, csv: string, mode: BulkImportMode | null | undefined): Promise<BulkImportResult> {
    if (!canImportCustomers(viewer)) throw errors.customersForbidden(viewer.role);
    return this.run(customerImportSpec({ viewer, now: this.now }), csv, mode);
  }

  async importLeads(viewer: Viewer, csv: string, mode: BulkImportMode | null | undefined): Promise<BulkImportResult> {
    if (!canImportLeads(viewer)) throw errors.leadsForbidden(viewer.role);
    return this.run(leadImportSpec({ viewer, now: this.now }), csv, mode);
  }

  async importComplaints(viewer: Viewer, csv: string, mode: BulkImportMode | null | undefined): Promise<BulkImportResult> {
    if (!canImportComplaints(viewer)) throw errors.complaintsForbidden(viewer.role);
    return this.run(complaintImportSpec({ viewer, now: this.now }), csv, mode);
  }

  private async run<T>(spec: ImportSpec<T>, csv: string, mode: BulkImportMode | null | undefined): Promise<BulkImportResult> {
    const records = parseImportText(csv);
    const result = await runImport(this.ds, spec, () => records, { mode: importModeOf(mode), batchSize: GRAPHQL_BATCH });
    return toBulkImportResult(result);
  }
}
