import { badInput } from '../errors';

/** The reasons an import through GraphQL is refused before anything is written (docs/errors.md). */
export const bulkErrors = {
  tooManyCharacters: (maxChars: number) => badInput('IMPORT_TOO_LARGE', `At most ${maxChars} characters can be imported through GraphQL; use the import CLI for larger files`),
  tooManyRows: (maxRows: number) => badInput('IMPORT_TOO_LARGE', `At most ${maxRows} rows can be imported through GraphQL; use the import CLI for larger files`),
  csvSyntax: (problem: string) => badInput('CSV_SYNTAX', `Not valid CSV: ${problem}`),
};
