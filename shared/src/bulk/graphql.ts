import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { parseCsv, CsvSyntaxError } from './csv';
import type { ImportMode, ImportResult } from './importer';
import { bulkErrors as errors } from './bulk.errors';

/**
 * The GraphQL face of a small import (`importCustomers(csv:, mode:)`...).
 * Several subgraphs return these types, so they are value types marked
 * @shareable with one definition here (identical in every subgraph, as
 * composition requires).
 */
export enum BulkImportMode {
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  PER_BATCH = 'PER_BATCH',
}
registerEnumType(BulkImportMode, {
  name: 'BulkImportMode',
  description: 'ALL_OR_NOTHING: one transaction, any invalid row and nothing is written. PER_BATCH: each batch of valid rows is committed; invalid rows are reported and skipped.',
});

export const importModeOf = (m: BulkImportMode | null | undefined): ImportMode => (m === BulkImportMode.PER_BATCH ? 'batch' : 'all');

@ObjectType({ description: 'A problem with one row (or, for row 0, with the header) of an imported CSV.' })
@Directive('@shareable')
export class BulkImportRowError {
  @Field(() => Int, { description: 'Data row number: 1 is the first row after the header; 0 is the header.' })
  row: number;

  @Field({ description: 'Column name, or empty when the problem is the whole row.' })
  column: string;

  @Field({ description: 'Stable code, e.g. REQUIRED, INVALID_ENUM, UNKNOWN_SEGMENT, DUPLICATE_IN_FILE, DUPLICATE_IN_DATABASE, SEGMENT_FORBIDDEN.' })
  code: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'Outcome of a CSV import.' })
@Directive('@shareable')
export class BulkImportResult {
  @Field(() => BulkImportMode)
  mode: BulkImportMode;

  @Field(() => Int, { description: 'Data rows read.' })
  rows: number;

  @Field(() => Int, { description: 'Records written.' })
  inserted: number;

  @Field(() => Int, { description: 'Rows not written because they have errors.' })
  failed: number;

  @Field({ description: 'Whether anything was written (ALL_OR_NOTHING: false as soon as one row is invalid).' })
  committed: boolean;

  @Field(() => [BulkImportRowError], { description: 'Row errors, in row order (at most 1000).' })
  errors: BulkImportRowError[];
}

export function toBulkImportResult(r: ImportResult): BulkImportResult {
  return {
    mode: r.mode === 'batch' ? BulkImportMode.PER_BATCH : BulkImportMode.ALL_OR_NOTHING,
    rows: r.rows,
    inserted: r.inserted,
    failed: r.failed,
    committed: r.inserted > 0,
    errors: r.errors,
  };
}

/** Size limits of an import through GraphQL; bigger files go through the CLI. */
export const GRAPHQL_IMPORT_MAX_ROWS = 5000;
export const GRAPHQL_IMPORT_MAX_CHARS = 1_000_000;

/**
 * Parses the CSV text of an import mutation, before anything is written: its records, or
 * BAD_USER_INPUT IMPORT_TOO_LARGE / CSV_SYNTAX.
 */
export function parseImportText(csv: string): string[][] {
  if (csv.length > GRAPHQL_IMPORT_MAX_CHARS) throw errors.tooManyCharacters(GRAPHQL_IMPORT_MAX_CHARS);
  let records: string[][];
  try {
    records = parseCsv(csv);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw errors.csvSyntax(e.message);
    throw e;
  }
  if (records.length - 1 > GRAPHQL_IMPORT_MAX_ROWS) throw errors.tooManyRows(GRAPHQL_IMPORT_MAX_ROWS);
  return records;
}
